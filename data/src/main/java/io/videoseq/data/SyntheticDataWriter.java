package io.videoseq.data;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Writes a learnable, class-imbalanced, variable-length data set in the original layout (see
 * {@link FeatureFile}): each class has its own mean direction, added (scaled by 1.5) to 4 consecutive frames at a
 * random position of N(0,1) noise frames. Class {@code c} is drawn with probability proportional to
 * {@code 1/(c+1)} (4 classes: 48/24/16/12 %). Features are gzip-compressed, one chunk per video.
 */
public final class SyntheticDataWriter {
    private static final String[] NAMES = {"walk", "run", "jump", "fall"};
    private static final int SIGNAL_FRAMES = 4;
    private static final double SIGNAL_SCALE = 1.5;

    private SyntheticDataWriter() {
    }

    /** Writes the three split files into {@code dir}; returns their paths. */
    public static Map<Split, Path> write(Path dir, SyntheticDataSpec spec) {
        return write(dir, spec, 0, null);
    }

    /**
     * Writes the three split files into {@code dir} and, when {@code newVideos > 0}, {@code newVideosFile}: further
     * videos of the same classes without the {@code labels} dataset, as a file of new videos to classify. The splits
     * are the same as without it (the new videos are drawn after them).
     */
    public static Map<Split, Path> write(Path dir, SyntheticDataSpec spec, int newVideos, Path newVideosFile) {
        RandomGenerator rng = new Well19937c(spec.seed());
        double[][] centers = centers(spec, rng);
        Map<Split, Path> out = new EnumMap<>(Split.class);
        int[] sizes = {spec.trainVideos(), spec.valVideos(), spec.testVideos()};
        for (Split split : Split.values()) {
            Path file = FeatureSplits.path(dir, split, spec.suffix());
            writeFile(file, sizes[split.ordinal()], spec, centers, rng, true);
            out.put(split, file);
        }
        if (newVideos > 0) {
            writeFile(newVideosFile, newVideos, spec, centers, rng, false);
        }
        return out;
    }

    /** Writes one file of {@code videos} videos (class centres drawn from {@code spec.seed()}). */
    public static void writeFile(Path file, int videos, SyntheticDataSpec spec) {
        RandomGenerator rng = new Well19937c(spec.seed());
        double[][] centers = centers(spec, rng);
        writeFile(file, videos, spec, centers, rng, true);
    }

    /**
     * The videos {@link #writeFile(Path, int, SyntheticDataSpec)} writes, as a file of new videos to classify: the
     * same features, frame counts and {@code category_mapping}, without the {@code labels} dataset.
     */
    public static void writeUnlabeledFile(Path file, int videos, SyntheticDataSpec spec) {
        RandomGenerator rng = new Well19937c(spec.seed());
        double[][] centers = centers(spec, rng);
        writeFile(file, videos, spec, centers, rng, false);
    }

    /** One N(0,1) mean direction per class, the first draws of {@code rng}. */
    private static double[][] centers(SyntheticDataSpec spec, RandomGenerator rng) {
        double[][] centers = new double[spec.numClasses()][spec.featureDim()];
        for (double[] c : centers) {
            for (int f = 0; f < c.length; f++) {
                c[f] = rng.nextGaussian();
            }
        }
        return centers;
    }

    /** Class names: walk, run, jump, fall, then class_4, class_5, ... */
    public static String className(int c) {
        return c < NAMES.length ? NAMES[c] : "class_" + c;
    }

    private static void writeFile(Path file, int n, SyntheticDataSpec spec, double[][] centers, RandomGenerator rng,
                                  boolean withLabels) {
        int classes = spec.numClasses();
        int dim = spec.featureDim();
        double[] cumulative = new double[classes];
        double total = 0;
        for (int c = 0; c < classes; c++) {
            total += 1.0 / (c + 1);
            cumulative[c] = total;
        }
        int[] labels = new int[n];
        int[] frames = new int[n];
        int tMax = 0;
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble() * total;
            int c = 0;
            while (c < classes - 1 && u >= cumulative[c]) {
                c++;
            }
            labels[i] = c;
            frames[i] = spec.minFrames() + rng.nextInt(spec.maxFrames() - spec.minFrames() + 1);
            tMax = Math.max(tMax, frames[i]);
        }
        Map<String, Integer> mapping = new java.util.HashMap<>();
        for (int c = 0; c < classes; c++) {
            mapping.put(className(c), c);
        }
        // the writer pulls the videos in order, so the generator is drawn exactly as when this loop wrote them
        new FeatureFileWriter(dim, tMax, mapping, !spec.suffix().isEmpty(), null).write(file, frames,
                withLabels ? labels : null, i -> video(frames[i], dim, centers[labels[i]], rng));
    }

    private static float[] video(int t, int dim, double[] center, RandomGenerator rng) {
        float[] x = new float[t * dim];
        int start = rng.nextInt(Math.max(1, t - SIGNAL_FRAMES + 1));
        for (int s = 0; s < t; s++) {
            boolean signal = s >= start && s < start + SIGNAL_FRAMES;
            for (int f = 0; f < dim; f++) {
                double v = rng.nextGaussian();
                x[s * dim + f] = (float) (signal ? v + SIGNAL_SCALE * center[f] : v);
            }
        }
        return x;
    }
}
