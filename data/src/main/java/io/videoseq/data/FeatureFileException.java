package io.videoseq.data;

import io.videoseq.core.VideoseqException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A feature file that cannot be used. The message is one line:
 * {@code <file>: <dataset or attribute>[ video <i>]: expected <...>, found <...>}; {@link #reason()} names the case
 * for callers that react differently (one type with a reason, as {@code ModelFileException}: nobody catches the
 * cases apart, and one type keeps the message format in one place).
 */
public final class FeatureFileException extends VideoseqException {

    /** What is wrong with the file. */
    public enum Reason {
        /** The feature file does not exist or is not a readable regular file. */
        NOT_FOUND,
        /** The file exists but is not an HDF5 file (no HDF5 signature). */
        NOT_HDF5,
        /** An HDF5 file that cannot be opened or read: cut short (truncated) or otherwise corrupt. */
        TRUNCATED,
        /** A required dataset ({@code features}, {@code labels}, {@code num_frames}) or root attribute is absent. */
        MISSING_ENTRY,
        /** Dataset ranks, lengths, shapes or element types disagree with each other or with the root attributes. */
        LAYOUT_MISMATCH,
        /**
         * A size the file declares is above a cap of {@link FeatureFileLimits} ({@code num_videos},
         * {@code max_frames}, {@code feature_dim}, a chunk's bytes): apart from {@link #LAYOUT_MISMATCH} because the
         * file may be fine and the fix is the user's (the frame limit can be raised).
         */
        SIZE_LIMIT,
        /**
         * A root attribute has an unusable value or type (for example {@code category_mapping} that is not a JSON
         * object of distinct indices {@code 0..C-1}), or is corrupt: a message, heap reference or string HDF5 cannot
         * decode, or bytes that are not UTF-8.
         */
        INVALID_ATTRIBUTE,
        /** A {@code num_frames} entry below 1 or above the {@code max_frames} attribute. */
        FRAME_COUNT_OUT_OF_RANGE,
        /** A label outside {@code [0, num_classes)}; {@code num_classes} is the size of {@code category_mapping}. */
        LABEL_OUT_OF_RANGE,
        /** A NaN or infinite feature value among a video's real frames (checked when the video is read). */
        NON_FINITE_FEATURE,
        /**
         * Videos whose real frames {@code [0, num_frames[i])} are all exactly 0 in {@code features} (see
         * {@link ZeroFramePolicy} for why that means a damaged file); {@link #videos()} lists them.
         */
        ZERO_FRAMES,
        /**
         * Class indices in {@code [0, num_classes)} with no video in a training split: the model cannot learn them,
         * and the run would otherwise look normal; {@link #classes()} lists them.
         */
        MISSING_CLASS,
        /**
         * A feature file of new videos, without the {@code labels} dataset, used where the true classes are needed
         * (training, evaluation). Classifying such a file needs no labels and works.
         */
        UNLABELED
    }

    private static final String ZERO_HINT = "a damaged chunk index reads as zeros; allow_zero_frames or"
            + " --allow-zero-frames accepts such videos";
    private static final int LISTED = 10;

    private final transient Path file;
    private final Reason reason;
    private final String entry;
    private final int videoIndex;
    private final String expected;
    private final String found;
    /** The videos ({@link Reason#ZERO_FRAMES}) or classes ({@link Reason#MISSING_CLASS}) concerned, ascending. */
    private final int[] indices;

    /**
     * @param reason     the case
     * @param file       the feature file
     * @param entry      the dataset or attribute concerned, or {@code "file"}
     * @param videoIndex the video concerned, or -1
     * @param expected   what a valid file has here (completes "expected ...")
     * @param found      what this file has instead (completes "found ...")
     */
    public FeatureFileException(Reason reason, Path file, String entry, int videoIndex, String expected,
                                String found) {
        this(reason, file, entry, videoIndex, expected, found, new int[0]);
    }

    private FeatureFileException(Reason reason, Path file, String entry, int videoIndex, String expected,
                                 String found, int[] indices) {
        super(format(file, entry, videoIndex, expected, found));
        if (reason == null) {
            throw new IllegalArgumentException("FeatureFileException reason = null: expected a Reason");
        }
        this.reason = reason;
        this.file = file;
        this.entry = entry;
        this.videoIndex = videoIndex;
        this.expected = expected;
        this.found = found;
        this.indices = indices.clone();
    }

    private static String format(Path file, String entry, int videoIndex, String expected, String found) {
        String where = videoIndex >= 0 ? entry + " video " + videoIndex : entry;
        return (file + ": " + where + ": expected " + expected + ", found " + found).replace('\n', ' ');
    }

    /** Video {@code video} with {@code frames} real frames of {@code featureDim} values, all 0. */
    public static FeatureFileException zeroFrames(Path file, int video, int frames, int featureDim) {
        return new FeatureFileException(Reason.ZERO_FRAMES, file, FeatureFile.FEATURES, video,
                "a non-zero value in its " + frames + " real frames",
                "all " + frames + " x " + featureDim + " values exactly 0 (" + ZERO_HINT + ")", new int[] {video});
    }

    /** Several videos whose real frames are all 0, as {@code videoseq inspect} finds them; ascending, not empty. */
    public static FeatureFileException zeroFrameVideos(Path file, int[] videos) {
        if (videos.length == 0) {
            throw new IllegalArgumentException("videos: expected at least one index, found none");
        }
        String listed = Arrays.stream(videos).limit(LISTED).mapToObj(Integer::toString)
                .collect(Collectors.joining(", ")) + (videos.length > LISTED ? ", ..." : "");
        return new FeatureFileException(Reason.ZERO_FRAMES, file, FeatureFile.FEATURES, videos[0],
                "a non-zero value in every video's real frames",
                videos.length + (videos.length == 1 ? " video" : " videos") + " whose real frames are all exactly 0"
                        + " (video " + listed + "; " + ZERO_HINT + ")", videos);
    }

    /**
     * A training split without a video of some classes; names every missing class with its
     * {@code category_mapping} name.
     *
     * @param missing the class indices without a video, ascending, not empty
     * @param mapping class name to index (the names of {@code missing} are looked up here)
     */
    public static FeatureFileException missingClasses(Path file, int[] missing, int numClasses,
                                                      Map<String, Integer> mapping) {
        if (missing.length == 0) {
            throw new IllegalArgumentException("missing: expected at least one class index, found none");
        }
        String named = Arrays.stream(missing).mapToObj(c -> c + nameOf(c, mapping)).collect(Collectors.joining(", "));
        return new FeatureFileException(Reason.MISSING_CLASS, file, FeatureFile.LABELS, -1,
                "at least one training video of every class in [0, " + numClasses + ")",
                "none of class" + (missing.length == 1 ? " " : "es ") + named + " (" + missing.length + " of "
                        + numClasses + " classes missing; \"allow_missing_classes\": true in the training config"
                        + " accepts this)", missing);
    }

    private static String nameOf(int c, Map<String, Integer> mapping) {
        return mapping.entrySet().stream().filter(e -> e.getValue() == c).findFirst()
                .map(e -> " \"" + e.getKey() + "\"").orElse("");
    }

    /** A file without labels where {@code purpose} needs them. */
    public static FeatureFileException unlabeled(Path file, String purpose) {
        return new FeatureFileException(Reason.UNLABELED, file, FeatureFile.LABELS, -1,
                "a dataset '" + FeatureFile.LABELS + "' (" + purpose + ")", "none (an unlabeled file)");
    }

    public Reason reason() {
        return reason;
    }

    public Path file() {
        return file;
    }

    /** The dataset or attribute concerned, or {@code "file"}. */
    public String entry() {
        return entry;
    }

    /** The video index, or -1 when the problem is not about one video. */
    public int videoIndex() {
        return videoIndex;
    }

    public String expected() {
        return expected;
    }

    public String found() {
        return found;
    }

    /** The all-zero videos of {@link Reason#ZERO_FRAMES}, ascending ({@code videos()[0] == videoIndex()}), else none. */
    public int[] videos() {
        return reason == Reason.ZERO_FRAMES ? indices.clone() : new int[0];
    }

    /** The class indices without a video of {@link Reason#MISSING_CLASS}, ascending; else empty. */
    public int[] classes() {
        return reason == Reason.MISSING_CLASS ? indices.clone() : new int[0];
    }
}
