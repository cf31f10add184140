package io.videoseq.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A video whose real frames {@code [0, num_frames[i])} are all exactly 0 in {@code features} (see
 * {@link ZeroFramePolicy} for why that means a damaged file). {@link #videoIndex()} is the first such video.
 */
public final class ZeroFramesException extends FeatureFileException {
    private static final String HINT = "a damaged chunk index reads as zeros; allow_zero_frames or"
            + " --allow-zero-frames accepts such videos";
    private static final int LISTED = 10;

    private final int[] videos;

    private ZeroFramesException(Path file, int[] videos, String expected, String found) {
        super(file, FeatureFile.FEATURES, videos[0], expected, found, null);
        this.videos = videos.clone();
    }

    /** Video {@code video} with {@code frames} real frames of {@code featureDim} values, all 0. */
    public static ZeroFramesException ofVideo(Path file, int video, int frames, int featureDim) {
        return new ZeroFramesException(file, new int[] {video}, "a non-zero value in its " + frames + " real frames",
                "all " + frames + " x " + featureDim + " values exactly 0 (" + HINT + ")");
    }

    /** Several such videos, as {@code videoseq inspect} finds them; {@code videos} ascending, not empty. */
    public static ZeroFramesException ofVideos(Path file, int[] videos) {
        if (videos.length == 0) {
            throw new IllegalArgumentException("videos: expected at least one index, found none");
        }
        String listed = Arrays.stream(videos).limit(LISTED).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ")) + (videos.length > LISTED ? ", ..." : "");
        return new ZeroFramesException(file, videos, "a non-zero value in every video's real frames",
                videos.length + (videos.length == 1 ? " video" : " videos") + " whose real frames are all exactly 0"
                        + " (video " + listed + "; " + HINT + ")");
    }

    /** The videos concerned, ascending; {@code videos()[0] == videoIndex()}. */
    public int[] videos() {
        return videos.clone();
    }
}
