package io.videoseq.app.cli;

import io.videoseq.app.UserInputException;
import io.videoseq.app.io.OutputFiles;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.FeatureFileLimits;
import io.videoseq.data.ZeroFramePolicy;
import io.videoseq.data.FeatureSplits;
import io.videoseq.data.ReadMode;
import io.videoseq.data.Split;
import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code videoseq generate}: writes the synthetic train/val/test feature files in the original HDF5 layout. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Writes a synthetic, learnable data set: {train,val,test}_features{suffix}.h5 in the"
                + " original HDF5 layout (60/20/20 %% of the videos).")
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the three files.")
    Path out;

    @Option(names = "--videos", defaultValue = "200", paramLabel = "N",
            description = "Videos over the three splits (default: ${DEFAULT-VALUE}).")
    int videos;

    @Option(names = "--feature-dim", defaultValue = "16", paramLabel = "D",
            description = "Features per frame (default: ${DEFAULT-VALUE}).")
    int featureDim;

    @Option(names = "--classes", defaultValue = "4", paramLabel = "C",
            description = "Number of classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--min-frames", defaultValue = "5", paramLabel = "T",
            description = "Shortest video in frames (default: ${DEFAULT-VALUE}).")
    int minFrames;

    @Option(names = "--max-frames", defaultValue = "30", paramLabel = "T",
            description = "Longest video in frames (default: ${DEFAULT-VALUE}).")
    int maxFrames;

    @Option(names = "--suffix", defaultValue = "", paramLabel = "S",
            description = "File-name suffix, e.g. _multiscale (default: none).")
    String suffix;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--unlabeled", defaultValue = "0", paramLabel = "N",
            description = "Also write new_videos{suffix}.h5: N more videos without labels, a file of new videos for"
                    + " 'predict' (default: none).")
    int unlabeled;

    @Option(names = "--force", description = "Replace the files if they exist in --out.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SyntheticDataSpec dataSpec = toSpec();
        if (unlabeled < 0) {
            throw new UserInputException("--unlabeled: expected >= 0 videos, found " + unlabeled);
        }
        for (Split split : Split.values()) {
            OutputFiles.requireNew(FeatureSplits.path(out, split, dataSpec.suffix()), "--out", force);
        }
        Path newVideos = out.resolve("new_videos" + dataSpec.suffix() + ".h5");
        if (unlabeled > 0) {
            OutputFiles.requireNew(newVideos, "--out", force);
        }
        Files.createDirectories(out);
        Map<Split, Path> files = SyntheticDataWriter.write(out, dataSpec, unlabeled, newVideos);
        PrintWriter w = spec.commandLine().getOut();
        for (Map.Entry<Split, Path> e : files.entrySet()) {
            // The files just written: their own max_frames, above the default limit or not, is what was asked for.
            try (FeatureFile f = FeatureFile.open(e.getValue(), ReadMode.PER_VIDEO, ZeroFramePolicy.REFUSE,
                    new FeatureFileLimits(Math.max(dataSpec.maxFrames(), FeatureFileLimits.DEFAULT_MAX_FRAMES)))) {
                w.printf("%-5s %4d videos  %s%n", e.getKey().fileStem(), f.size(), e.getValue());
            }
        }
        if (unlabeled > 0) {
            w.printf("%-5s %4d videos  %s (no labels)%n", "new", unlabeled, newVideos);
        }
        w.flush();
        return 0;
    }

    /** The flags as a data-set specification: 60 % train, the rest halved between val and test. */
    SyntheticDataSpec toSpec() {
        if (videos < 3) {
            throw new UserInputException("--videos: expected >= 3 (one per split at least), found " + videos);
        }
        int train = Math.max(1, videos * 6 / 10);
        int val = Math.max(1, (videos - train) / 2);
        int test = videos - train - val;
        try {
            return new SyntheticDataSpec(train, val, test, featureDim, classes, minFrames, maxFrames, suffix, seed);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(asOption(e.getMessage()), e);
        }
    }

    /** The specification names its fields; the user typed options. */
    private static String asOption(String message) {
        String[][] names = {{"featureDim", "--feature-dim"}, {"numClasses", "--classes"},
            {"minFrames", "--min-frames"}, {"maxFrames", "--max-frames"}, {"suffix", "--suffix"}};
        for (String[] n : names) {
            if (message.startsWith(n[0])) {
                return n[1] + message.substring(n[0].length());
            }
        }
        return message;
    }
}
