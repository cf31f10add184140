package io.videoseq.video;

/**
 * One decoded video frame: 8-bit RGB, row-major, packed ({@code rgb[(y * width + x) * 3 + c]}, c = R, G, B).
 *
 * @param index the frame's decoded index in its video (0-based, counted in decoding order)
 */
public record RgbFrame(int index, int width, int height, byte[] rgb) {
    public RgbFrame {
        if (width < 1 || height < 1 || rgb == null || rgb.length != 3L * width * height) {
            throw new IllegalArgumentException("frame: expected " + width + " x " + height + " x 3 bytes, found "
                    + (rgb == null ? "none" : rgb.length));
        }
    }

    /** Red, green or blue ({@code c} = 0, 1, 2) at (x, y), 0..255. */
    public int value(int x, int y, int c) {
        return rgb[(y * width + x) * 3 + c] & 0xff;
    }
}
