package io.videoseq.bench;

import io.videoseq.data.ClassWeights;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.ReadMode;
import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import io.videoseq.data.TemporalAugmentation;
import io.videoseq.data.WeightedSampler;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sequences per second the batch iterator delivers from a gzip feature file (2,000 videos x 16..64 frames x
 * 1280 features by default, written on first use), per-video and in-memory, file order and training order
 * (weighted sampling + augmentation). Usage: {@code IteratorThroughput FILE [VIDEOS] [BATCH]}. Not a test.
 */
public final class IteratorThroughput {
    private static final int ROUNDS = 3;

    private IteratorThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "bench-features.h5");
        int videos = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 48;
        if (!Files.exists(file)) {
            long t0 = System.nanoTime();
            SyntheticDataWriter.writeFile(file, videos,
                    new SyntheticDataSpec(videos, 1, 1, 1280, 4, 16, 64, "", 1234));
            System.out.printf("wrote %s (%d MB) in %.1f s%n", file, Files.size(file) >> 20,
                    (System.nanoTime() - t0) / 1e9);
        }
        Nd4j.create(1); // backend start-up (seconds) is not iterator time
        System.out.println("| mode | order | sequences/s | seconds |");
        System.out.println("|---|---|---|---|");
        for (ReadMode mode : ReadMode.values()) {
            long open0 = System.nanoTime();
            try (FeatureFile f = FeatureFile.open(file, mode)) {
                double openSeconds = (System.nanoTime() - open0) / 1e9;
                if (mode == ReadMode.IN_MEMORY) {
                    System.out.printf("| %s | (open: read + validate all) | %.0f | %.1f |%n", mode,
                            f.size() / openSeconds, openSeconds);
                }
                run(mode, "file order", SequenceBatchIterator.sequential(f, batch, DataType.FLOAT));
                WeightedSampler sampler = WeightedSampler.forLabels(f.labels(),
                        ClassWeights.compute(f.labels(), f.numClasses()));
                run(mode, "training (weighted random + augmentation)", SequenceBatchIterator.training(f, sampler,
                        TemporalAugmentation.defaults(), 1, batch, DataType.FLOAT));
            }
        }
    }

    /** Best of {@link #ROUNDS} passes over one epoch: the machine is shared, the best pass is the least disturbed. */
    private static void run(ReadMode mode, String order, SequenceBatchIterator it) {
        double best = Double.MAX_VALUE;
        long n = 0;
        for (int round = 0; round < ROUNDS; round++) {
            it.reset();
            long t0 = System.nanoTime();
            n = 0;
            while (it.hasNext()) {
                DataSet ds = it.next();
                n += ds.numExamples();
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("| %s | %s | %.0f | %.1f |%n", mode, order, n / best, best);
    }
}
