package io.videoseq.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.FileSummary;
import io.videoseq.data.ReadMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code videoseq inspect}: validates a whole feature file — layout, attributes, labels, frame counts and every
 * feature value — and prints what it holds. The first problem ends the command with exit code 2.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Validates a feature file completely (every feature value included) and prints its videos,"
                + " max frames, feature dim, classes with counts and length statistics.")
public final class InspectCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger("videoseq");
    private static final long PROGRESS_INTERVAL_NANOS = 10_000_000_000L;

    @Parameters(index = "0", paramLabel = "FILE.h5", description = "The feature file.")
    Path file;

    @Option(names = "--json", description = "Print one JSON object: videos, max_frames, feature_dim,"
            + " class_counts, category_mapping.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        FileSummary summary;
        try (FeatureFile f = FeatureFile.open(file, ReadMode.PER_VIDEO)) {
            long[] last = {System.nanoTime()};
            f.validateAll(done -> {
                long now = System.nanoTime();
                if (now - last[0] > PROGRESS_INTERVAL_NANOS) {
                    last[0] = now;
                    LOG.info("{}: {}/{} videos checked", file.getFileName(), done, f.size());
                }
            });
            summary = f.summary();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? toJson(summary) : toText(summary));
        out.flush();
        return 0;
    }

    static String toJson(FileSummary s) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("videos", s.videos());
        root.put("max_frames", s.maxFrames());
        root.put("feature_dim", s.featureDim());
        ArrayNode counts = root.putArray("class_counts");
        for (int c : s.classCounts()) {
            counts.add(c);
        }
        ObjectNode mapping = root.putObject("category_mapping");
        s.categoryMapping().forEach(mapping::put);
        return root.toString();
    }

    static String toText(FileSummary s) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "file         %s%n", s.path()));
        b.append(String.format(Locale.ROOT, "videos       %d%n", s.videos()));
        b.append(String.format(Locale.ROOT, "max frames   %d%n", s.maxFrames()));
        b.append(String.format(Locale.ROOT, "feature dim  %d%n", s.featureDim()));
        b.append(String.format(Locale.ROOT, "multi-scale  %s%n", s.multiScale() ? "yes" : "no"));
        b.append(String.format(Locale.ROOT, "length       min %d, mean %.1f, max %d frames%n", s.minLength(),
                s.meanLength(), s.maxLength()));
        b.append(String.format(Locale.ROOT, "classes      %d%n", s.numClasses()));
        for (Map.Entry<String, Integer> e : s.categoryMapping().entrySet()) {
            int count = s.classCounts()[e.getValue()];
            b.append(String.format(Locale.ROOT, "  %2d %-16s %6d  (%.1f%%)%n", e.getValue(), e.getKey(), count,
                    100.0 * count / s.videos()));
        }
        b.append("valid: every feature value is finite");
        return b.toString();
    }
}
