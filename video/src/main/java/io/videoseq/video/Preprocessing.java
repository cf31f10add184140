package io.videoseq.video;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/**
 * How a frame becomes a backbone input, recorded with every feature file and every model trained on one: resize to
 * {@code width x height} by bilinear interpolation with half-pixel centres (OpenCV's {@code INTER_LINEAR}
 * geometry, no antialiasing, aspect ratio not kept), channels in {@code channelOrder}, then
 * {@code (value - mean[c]) / std[c]} per channel on 0..255 values. Output layout {@code [height, width, 3]}
 * (NHWC, Keras's channels_last).
 *
 * <p>Common settings: inputs in [0, 1] (the test MobileNetV2 of nsfwjs) mean 0, std 255; Keras MobileNetV2 /
 * EfficientNet-V2 "tf" mode ([-1, 1]) mean 127.5, std 127.5; Keras EfficientNet (B0..B7) mean 0, std 1; Keras
 * ResNet50 "caffe" mode: BGR, mean 103.939, 116.779, 123.68 (B, G, R), std 1.
 */
public record Preprocessing(@JsonProperty("width") int width, @JsonProperty("height") int height,
                            @JsonProperty("resize") String resize,
                            @JsonProperty("channel_order") ChannelOrder channelOrder,
                            @JsonProperty("mean") List<Double> mean, @JsonProperty("std") List<Double> std) {

    /** The one resize implemented. */
    public static final String BILINEAR = "bilinear-half-pixel";

    /** Channel order of the backbone's input. */
    public enum ChannelOrder { RGB, BGR }

    public Preprocessing {
        if (width < 1 || height < 1 || width > 4096 || height > 4096) {
            throw new IllegalArgumentException("input size: expected width and height in [1, 4096], found " + width
                    + " x " + height);
        }
        if (!BILINEAR.equals(resize)) {
            throw new IllegalArgumentException("resize: expected " + BILINEAR + ", found " + resize);
        }
        if (channelOrder == null) {
            throw new IllegalArgumentException("channel_order: expected RGB or BGR, found none");
        }
        mean = List.copyOf(threeValues("mean", mean));
        std = List.copyOf(threeValues("std", std));
        for (double s : std) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new IllegalArgumentException("std: expected 3 finite values > 0, found " + std);
            }
        }
    }

    private static List<Double> threeValues(String name, List<Double> v) {
        if (v == null || v.size() != 3 || v.stream().anyMatch(x -> x == null || !Double.isFinite(x))) {
            throw new IllegalArgumentException(name + ": expected 3 finite values (one per channel, in channel"
                    + " order), found " + v);
        }
        return v;
    }

    /** Square input of {@code size}, RGB, one mean and std for all channels. */
    public static Preprocessing of(int size, ChannelOrder order, double mean, double std) {
        return new Preprocessing(size, size, BILINEAR, order, List.of(mean, mean, mean), List.of(std, std, std));
    }

    /** The frame as {@code [height][width][3]} float32 values, row-major, written into {@code out} at {@code offset}. */
    public void apply(RgbFrame frame, float[] out, int offset) {
        float[] scale = new float[3];
        float[] shift = new float[3];
        for (int c = 0; c < 3; c++) {
            scale[c] = (float) (1.0 / std.get(c));
            shift[c] = (float) mean.get(c).doubleValue();
        }
        int[] source = channelOrder == ChannelOrder.RGB ? new int[] {0, 1, 2} : new int[] {2, 1, 0};
        double sx = (double) frame.width() / width;
        double sy = (double) frame.height() / height;
        int o = offset;
        for (int y = 0; y < height; y++) {
            double fy = Math.max(0, (y + 0.5) * sy - 0.5);
            int y0 = Math.min((int) fy, frame.height() - 1);
            int y1 = Math.min(y0 + 1, frame.height() - 1);
            float wy = (float) (fy - y0);
            for (int x = 0; x < width; x++) {
                double fx = Math.max(0, (x + 0.5) * sx - 0.5);
                int x0 = Math.min((int) fx, frame.width() - 1);
                int x1 = Math.min(x0 + 1, frame.width() - 1);
                float wx = (float) (fx - x0);
                for (int c = 0; c < 3; c++) {
                    int sc = source[c];
                    float top = frame.value(x0, y0, sc) * (1 - wx) + frame.value(x1, y0, sc) * wx;
                    float bottom = frame.value(x0, y1, sc) * (1 - wx) + frame.value(x1, y1, sc) * wx;
                    float v = top * (1 - wy) + bottom * wy;
                    out[o++] = (v - shift[c]) * scale[c];
                }
            }
        }
    }

    /** Values per frame: {@code height * width * 3}. */
    public int valuesPerFrame() {
        return height * width * 3;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%dx%d %s %s mean=%s std=%s", width, height, resize, channelOrder, mean,
                std);
    }
}
