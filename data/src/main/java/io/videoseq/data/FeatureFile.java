package io.videoseq.data;

import io.videoseq.data.FeatureFileException.Reason;

import static org.bytedeco.hdf5.global.hdf5.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.FloatPointer;

/**
 * A feature file in the original pipeline's layout, written by h5py:
 * <ul>
 * <li>{@code features} float32 {@code [N, max_frames, feature_dim]} (usually gzip, chunked), zero-padded
 * after each video's end;</li>
 * <li>{@code labels} int64 {@code [N]} in {@code [0, num_classes)}, absent in a file of new videos to classify
 * ({@link #hasLabels()}); {@code num_frames} int32 {@code [N]} in {@code [1, max_frames]};</li>
 * <li>root attributes {@code num_videos}, {@code max_frames}, {@code feature_dim}, {@code category_mapping}
 * (JSON object name &rarr; index) and {@code multi_scale} (bool); optionally {@code feature_extractor}, a JSON
 * object string naming the backbone and preprocessing (written by {@code videoseq extract}, absent in the
 * original pipeline's files).</li>
 * </ul>
 * Everything except feature values is validated at {@link #open}; feature values are checked whenever a video is
 * read (and all at once by {@link #validateAll}): NaN/Inf is refused, and so is a video whose real frames are all
 * exactly 0 unless the {@link ZeroFramePolicy} allows it. Only frames {@code [0, num_frames)} are
 * read, as one hyperslab per video. Instances are safe to use from several threads (all HDF5 access is
 * serialised by one global lock).
 */
public final class FeatureFile implements VideoSource {
    public static final String FEATURES = "features";
    public static final String LABELS = "labels";
    public static final String NUM_FRAMES = "num_frames";
    /** Optional root attribute: JSON object describing how the features were computed ({@link #featureExtractor()}). */
    public static final String FEATURE_EXTRACTOR = "feature_extractor";
    private static final long CHUNK_CACHE_BYTES = 64L << 20;
    /**
     * Values per HDF5 read (4 MiB of float32): a video is read in blocks of whole frames, so the native buffer and
     * a validation pass stay this small however long the video (most videos fit one block: one read, as before).
     */
    private static final int BLOCK_VALUES = 1 << 20;

    private final Path path;
    private final FeatureFileHeader header;
    private final ZeroFramePolicy zeroFrames;
    private final float[][] memory;
    private long fileId;
    private long featuresId;
    private long fileSpaceId;
    private FloatPointer buffer;

    private FeatureFile(Path path, FeatureFileHeader header, ZeroFramePolicy zeroFrames, long fileId,
                        long featuresId, long fileSpaceId) {
        this.path = path;
        this.header = header;
        this.zeroFrames = zeroFrames;
        this.fileId = fileId;
        this.featuresId = featuresId;
        this.fileSpaceId = fileSpaceId;
        this.buffer = new FloatPointer((long) framesPerBlock(header) * header.featureDim());
        this.memory = null;
    }

    private FeatureFile(FeatureFile perVideo) {
        this.path = perVideo.path;
        this.header = perVideo.header;
        this.zeroFrames = perVideo.zeroFrames;
        this.memory = new float[header.numVideos()][];
        for (int i = 0; i < memory.length; i++) {
            memory[i] = perVideo.readChecked(i);
        }
        this.fileId = -1;
        this.featuresId = -1;
        this.fileSpaceId = -1;
    }

    /**
     * Opens and validates a feature file; videos whose real frames are all 0 are refused when read.
     *
     * @throws FeatureFileException (a typed subclass) naming the file, entry, video and expected vs found
     */
    public static FeatureFile open(Path path, ReadMode mode) {
        return open(path, mode, ZeroFramePolicy.REFUSE);
    }

    /**
     * Opens and validates a feature file, treating all-zero videos as {@code zeroFrames} says.
     *
     * @throws FeatureFileException (a typed subclass) naming the file, entry, video and expected vs found
     */
    public static FeatureFile open(Path path, ReadMode mode, ZeroFramePolicy zeroFrames) {
        return open(path, mode, zeroFrames, FeatureFileLimits.defaults());
    }

    /**
     * Opens and validates a feature file whose declared sizes must stay within {@code limits} (and be backed by
     * the file's storage) before anything of those sizes is allocated.
     *
     * @throws FeatureFileException naming the file, entry, video and expected vs found; {@code SIZE_LIMIT} when
     *                              {@code num_videos}, {@code max_frames}, {@code feature_dim} or a chunk is above
     *                              its cap
     */
    public static FeatureFile open(Path path, ReadMode mode, ZeroFramePolicy zeroFrames, FeatureFileLimits limits) {
        java.util.Objects.requireNonNull(limits, "limits");
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new FeatureFileException(Reason.NOT_FOUND, path, "file", -1, "a readable regular file",
                    Files.isDirectory(path) ? "a directory, not a feature file in it"
                            : Files.exists(path) ? "an unreadable or non-regular file" : "no such file");
        }
        FeatureFile file = Hdf5.locked(() -> openLocked(path, zeroFrames, limits));
        if (mode == ReadMode.PER_VIDEO) {
            return file;
        }
        try (file) {
            return new FeatureFile(file);
        }
    }

    private static FeatureFile openLocked(Path path, ZeroFramePolicy zeroFrames, FeatureFileLimits limits) {
        String name = path.toString();
        if (H5Fis_accessible(name, H5P_DEFAULT) <= 0) {
            throw UnopenableFile.explain(path);
        }
        long fid = H5Fopen(name, H5F_ACC_RDONLY, H5P_DEFAULT);
        if (fid < 0) {
            throw UnopenableFile.explain(path);
        }
        long features = -1;
        long space = -1;
        try {
            FeatureFileHeader header = FeatureFileHeader.read(path, fid, limits);
            long dapl = H5Pcreate(H5P_CLS_DATASET_ACCESS_ID_g());
            // Chunks often span several videos; a cache larger than the 1 MB default keeps sequential reads
            // from decompressing a chunk once per video.
            H5Pset_chunk_cache(dapl, 12_421, CHUNK_CACHE_BYTES, 1.0);
            features = H5Dopen2(fid, FEATURES, dapl);
            H5Pclose(dapl);
            space = features < 0 ? -1 : H5Dget_space(features);
            if (features < 0 || space < 0) {
                throw new FeatureFileException(Reason.TRUNCATED, path, FEATURES, -1, "a readable dataset",
                        "an unreadable dataset");
            }
            return new FeatureFile(path, header, zeroFrames, fid, features, space);
        } catch (RuntimeException e) {
            Hdf5.closeQuietly(space, id -> H5Sclose(id));
            Hdf5.closeQuietly(features, id -> H5Dclose(id));
            H5Fclose(fid);
            throw e;
        }
    }

    @Override
    public Sequence read(int i) {
        float[] values = memory != null ? memory[checkIndex(i)].clone() : readChecked(i);
        return new Sequence(values, header.lengths()[i], header.featureDim(),
                header.labelled() ? header.labels()[i] : Sequence.UNLABELED);
    }

    private float[] readChecked(int i) {
        float[] values = readRaw(checkIndex(i));
        VideoValues.check(path, i, values, header.featureDim(), zeroFrames);
        return values;
    }

    private static int framesPerBlock(FeatureFileHeader h) {
        return Math.max(1, Math.min(h.maxFrames(), BLOCK_VALUES / h.featureDim()));
    }

    /** Video {@code i}'s real frames, row-major {@code [frames][featureDim]}, read block by block. */
    private float[] readRaw(int i) {
        int featureDim = header.featureDim();
        int length = header.lengths()[i];
        int step = framesPerBlock(header);
        float[] out = new float[length * featureDim];
        for (int first = 0; first < length; first += step) {
            readFrames(i, first, Math.min(step, length - first), out, first * featureDim);
        }
        return out;
    }

    /**
     * Reads frames {@code [first, first + frames)} of video {@code i} (at most one block) into {@code dest} from
     * {@code destOffset}: one hyperslab through the native buffer, whose size is one block whatever the video's
     * length.
     */
    private void readFrames(int i, int first, int frames, float[] dest, int destOffset) {
        int featureDim = header.featureDim();
        Hdf5.locked(() -> {
            if (featuresId < 0) {
                throw new IllegalStateException(path + ": read after close");
            }
            long[] start = {i, first, 0};
            long[] count = {1, frames, featureDim};
            H5Sselect_hyperslab(fileSpaceId, H5S_SELECT_SET, start, null, count, null);
            long mem = H5Screate_simple(3, count, null);
            int status = H5Dread(featuresId, H5T_NATIVE_FLOAT_g(), mem, fileSpaceId, H5P_DEFAULT, buffer);
            H5Sclose(mem);
            if (status < 0) {
                throw new FeatureFileException(Reason.TRUNCATED, path, FEATURES, i,
                        "readable (decompressible) feature data",
                        "a failed read (file truncated or corrupt)");
            }
            buffer.get(dest, destOffset, frames * featureDim);
        });
    }

    private int checkIndex(int i) {
        if (i < 0 || i >= header.numVideos()) {
            throw new IndexOutOfBoundsException(path + ": video index expected in [0, " + header.numVideos()
                    + "), found " + i);
        }
        return i;
    }

    /**
     * Reads every video once and checks every feature value is finite and no video's real frames are all 0.
     *
     * @param progress called with the number of videos checked so far (may be a no-op)
     * @return the videos whose real frames are all exactly 0, ascending (empty unless the policy allows them)
     * @throws FeatureFileException NON_FINITE_FEATURE: at the first NaN/Inf, naming video, frame and feature
     * @throws FeatureFileException ZERO_FRAMES: at the first all-zero video when the policy refuses them
     */
    public int[] validateAll(IntConsumer progress) {
        IntStream.Builder zero = IntStream.builder();
        for (int i = 0; i < size(); i++) {
            // In memory every video was checked at open; only the all-zero flag is recomputed (it stops at the
            // first non-zero value).
            boolean allZero = memory == null ? scan(i) : VideoValues.allZero(memory[i]);
            if (allZero) {
                zero.add(i);
            }
            progress.accept(i + 1);
        }
        return zero.build().toArray();
    }

    /** Checks video {@code i} block by block, never holding the whole video: inspect's memory stays bounded. */
    private boolean scan(int i) {
        int featureDim = header.featureDim();
        int length = header.lengths()[i];
        int step = framesPerBlock(header);
        VideoValues check = new VideoValues(path, i, featureDim);
        float[] block = new float[Math.min(length, step) * featureDim];
        for (int first = 0; first < length; first += step) {
            int frames = Math.min(step, length - first);
            readFrames(i, first, frames, block, 0);
            check.scan(block, frames * featureDim, first);
        }
        return check.finish(zeroFrames);
    }

    /** {@link #validateAll(IntConsumer)} without progress reporting. */
    public int[] validateAll() {
        return validateAll(done -> { });
    }

    /** Counts and length statistics for {@code videoseq inspect}. */
    public FileSummary summary() {
        return FileSummary.of(path, header);
    }

    @Override
    public int size() {
        return header.numVideos();
    }

    @Override
    public int featureDim() {
        return header.featureDim();
    }

    @Override
    public int numClasses() {
        return header.categoryMapping().size();
    }

    public int maxFrames() {
        return header.maxFrames();
    }

    public boolean multiScale() {
        return header.multiScale();
    }

    /**
     * The {@value #FEATURE_EXTRACTOR} attribute: a JSON object naming the backbone, feature layer, preprocessing
     * and frame sampling; empty for files without it (the original pipeline's, synthetic ones).
     */
    public java.util.Optional<String> featureExtractor() {
        return java.util.Optional.ofNullable(header.featureExtractor());
    }

    public ReadMode readMode() {
        return memory == null ? ReadMode.PER_VIDEO : ReadMode.IN_MEMORY;
    }

    @Override
    public boolean hasLabels() {
        return header.labelled();
    }

    @Override
    public int label(int i) {
        requireLabels("the true class of video " + i);
        return header.labels()[checkIndex(i)];
    }

    @Override
    public int length(int i) {
        return header.lengths()[checkIndex(i)];
    }

    @Override
    public int[] labels() {
        requireLabels("the true classes");
        return header.labels().clone();
    }

    /** A copy of all frame counts, in file order. */
    public int[] lengths() {
        return header.lengths().clone();
    }

    @Override
    public Map<String, Integer> categoryMapping() {
        return header.categoryMapping();
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public void close() {
        Hdf5.locked(() -> {
            Hdf5.closeQuietly(fileSpaceId, id -> H5Sclose(id));
            Hdf5.closeQuietly(featuresId, id -> H5Dclose(id));
            Hdf5.closeQuietly(fileId, id -> H5Fclose(id));
            fileSpaceId = -1;
            featuresId = -1;
            fileId = -1;
            if (buffer != null) {
                buffer.close();
                buffer = null;
            }
        });
    }

    @Override
    public String toString() {
        return "FeatureFile[" + path + ", " + size() + " videos, " + featureDim() + " features, " + numClasses()
                + " classes, " + (hasLabels() ? "" : "unlabeled, ") + readMode() + "]";
    }
}
