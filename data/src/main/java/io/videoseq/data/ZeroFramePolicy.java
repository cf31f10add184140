package io.videoseq.data;

/**
 * What {@link FeatureFile} does with a video whose real frames {@code [0, num_frames[i])} are all exactly 0. Real
 * CNN features never are; a damaged chunk index is: HDF5 returns the fill value (0) for a chunk it cannot find,
 * without an error, so such a video is a damaged file until the user says otherwise.
 */
public enum ZeroFramePolicy {
    /** Reading the video throws {@link FeatureFileException} ({@code ZERO_FRAMES}). */
    REFUSE,
    /** The video is read as stored; {@link FeatureFile#validateAll} still lists it. */
    ALLOW;

    /** {@link #ALLOW} when {@code allow}, else {@link #REFUSE}. */
    public static ZeroFramePolicy allowIf(boolean allow) {
        return allow ? ALLOW : REFUSE;
    }
}
