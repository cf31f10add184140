package io.videoseq.spark;

/**
 * The "paths" of DL4J's {@code fitPaths}: here not files but the name of one training batch, {@code (epoch, batch)},
 * which {@link TrainingBatchLoader} builds on the worker from the feature file. They are {@code file:} URIs because
 * DL4J resolves a Hadoop file system from every path before it hands it to the loader (the file is never opened).
 */
final class BatchPaths {
    private static final String PREFIX = "file:///videoseq-batch/epoch-";
    private static final String BATCH = "/batch-";

    private BatchPaths() {
    }

    static String of(int epoch, int batch) {
        return PREFIX + epoch + BATCH + batch;
    }

    /** {@code {epoch, batch}} of a path made by {@link #of}. */
    static int[] parse(String path) {
        int b = path.indexOf(BATCH);
        if (!path.startsWith(PREFIX) || b < 0) {
            throw new IllegalArgumentException("not a videoseq batch path: " + path);
        }
        try {
            return new int[] {Integer.parseInt(path.substring(PREFIX.length(), b)),
                    Integer.parseInt(path.substring(b + BATCH.length()))};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a videoseq batch path: " + path, e);
        }
    }
}
