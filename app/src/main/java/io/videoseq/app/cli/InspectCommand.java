package io.videoseq.app.cli;

import io.videoseq.core.json.JsonMappers;
import io.videoseq.data.FeatureFileException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.FeatureFileLimits;
import io.videoseq.data.FileSummary;
import io.videoseq.data.ReadMode;
import io.videoseq.data.ZeroFramePolicy;
import io.videoseq.video.extract.ExtractionRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code videoseq inspect}: validates whole feature files — layout, attributes, labels, frame counts and every
 * feature value — and prints what each holds, in the order given; a folder stands for its {@code .h5} files in name
 * order (the folder {@code generate} or the original pipeline wrote: its three splits). A file without labels (new
 * videos to classify) is valid and reported as unlabeled, without class counts. The first problem ends the command
 * with exit code 2. Videos whose real frames are all exactly 0 (what a damaged chunk index reads as) are all listed
 * in the report; then the command exits 2 naming the first and the count, unless {@code --allow-zero-frames}.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Validates feature files completely (every feature value included) and prints each one's"
                + " videos, max frames, feature dim, classes with counts (or that it is unlabeled) and length"
                + " statistics.")
public final class InspectCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger("videoseq");
    private static final long PROGRESS_INTERVAL_NANOS = 10_000_000_000L;

    @Parameters(arity = "1..*", paramLabel = "FILE.h5|DIR", description = "Feature files, or folders of them (their"
            + " .h5 files in name order).")
    List<Path> paths;

    @Option(names = "--json", description = "Print one JSON object per file, one per line: videos, max_frames,"
            + " feature_dim, labelled, class_counts (null when unlabeled), category_mapping, zero_frame_videos,"
            + " feature_extractor (the backbone record of videoseq extract, null when absent), file.")
    boolean json;

    @Option(names = "--allow-zero-frames", description = "Accept videos whose real frames are all exactly 0 (still"
            + " listed); without it they end the command with exit code 2.")
    boolean allowZeroFrames;

    @Option(names = "--max-frames-limit", paramLabel = "N", description = "The largest max_frames the file may declare;"
            + " a larger one is refused before it is read (default: " + FeatureFileLimits.DEFAULT_MAX_FRAMES + ").")
    int maxFramesLimit = FeatureFileLimits.DEFAULT_MAX_FRAMES;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<Path> files = FeatureFolder.expand(paths);
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 0; i < files.size(); i++) {
            if (i > 0 && !json) {
                out.println();
            }
            inspect(files.get(i), out);
        }
        return 0;
    }

    /** Reports one file; exit 2 (by exception) at its first problem, after the report for all-zero videos. */
    private void inspect(Path file, PrintWriter out) throws java.io.IOException {
        FileSummary summary;
        int[] zeroVideos;
        String extractor;
        // ALLOW so that one pass lists every all-zero video; the verdict on them comes after the report.
        // Validation streams each video in blocks of frames: memory stays bounded however long the videos.
        try (FeatureFile f = FeatureFile.open(file, ReadMode.PER_VIDEO, ZeroFramePolicy.ALLOW,
                MaxFramesLimit.of(maxFramesLimit))) {
            long[] last = {System.nanoTime()};
            zeroVideos = f.validateAll(done -> {
                long now = System.nanoTime();
                if (now - last[0] > PROGRESS_INTERVAL_NANOS) {
                    last[0] = now;
                    LOG.info("{}: {}/{} videos checked", file.getFileName(), done, f.size());
                }
            });
            summary = f.summary();
            extractor = f.featureExtractor().orElse(null);
        }
        out.println(json ? toJson(summary, zeroVideos, extractor)
                : toText(summary, zeroVideos, allowZeroFrames, extractor));
        out.flush();
        if (zeroVideos.length > 0 && !allowZeroFrames) {
            throw FeatureFileException.zeroFrameVideos(file, zeroVideos);
        }
    }

    static String toJson(FileSummary s, int[] zeroVideos, String extractor) throws java.io.IOException {
        ObjectMapper mapper = JsonMappers.plain();
        ObjectNode root = mapper.createObjectNode();
        root.put("videos", s.videos());
        root.put("max_frames", s.maxFrames());
        root.put("feature_dim", s.featureDim());
        root.put("labelled", s.labelled());
        if (s.labelled()) {
            ArrayNode counts = root.putArray("class_counts");
            Arrays.stream(s.classCounts()).forEach(counts::add);
        } else {
            root.putNull("class_counts");
        }
        ObjectNode mapping = root.putObject("category_mapping");
        s.categoryMapping().forEach(mapping::put);
        ArrayNode zero = root.putArray("zero_frame_videos");
        Arrays.stream(zeroVideos).forEach(zero::add);
        root.set("feature_extractor", extractor == null ? null : mapper.readTree(extractor));
        root.put("file", s.path().toString());
        return root.toString();
    }

    /** The record {@code videoseq extract} wrote, in one line; the raw JSON if it is someone else's. */
    private static String describeExtractor(String extractor) {
        try {
            ExtractionRecord r = ExtractionRecord.fromJson(extractor);
            return r.backbone().describe() + "; " + r.sampling().maxFrames() + " frames, speeds "
                    + r.sampling().speeds();
        } catch (IllegalArgumentException e) {
            return extractor;
        }
    }

    static String toText(FileSummary s, int[] zeroVideos, boolean allowed, String extractor) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "file         %s%n", s.path()));
        b.append(String.format(Locale.ROOT, "videos       %d%n", s.videos()));
        b.append(String.format(Locale.ROOT, "max frames   %d%n", s.maxFrames()));
        b.append(String.format(Locale.ROOT, "feature dim  %d%n", s.featureDim()));
        b.append(String.format(Locale.ROOT, "multi-scale  %s%n", s.multiScale() ? "yes" : "no"));
        if (extractor != null) {
            b.append(String.format(Locale.ROOT, "extracted    %s%n", describeExtractor(extractor)));
        }
        b.append(String.format(Locale.ROOT, "length       min %d, mean %.1f, max %d frames%n", s.minLength(),
                s.meanLength(), s.maxLength()));
        if (s.labelled()) {
            b.append(String.format(Locale.ROOT, "classes      %d%n", s.numClasses()));
            for (Map.Entry<String, Integer> e : s.categoryMapping().entrySet()) {
                int count = s.classCounts()[e.getValue()];
                b.append(String.format(Locale.ROOT, "  %2d %-16s %6d  (%.1f%%)%n", e.getValue(), e.getKey(), count,
                        100.0 * count / s.videos()));
            }
        } else {
            // Names only: without labels there is nothing to count; the names are what predict will report.
            b.append(String.format(Locale.ROOT, "classes      %d (%s)%n", s.numClasses(),
                    String.join(", ", s.categoryMapping().keySet())));
            b.append("labels       none: an unlabeled file (new videos); predict classifies it, evaluate, train and"
                    + " ensemble need labels").append(System.lineSeparator());
        }
        if (zeroVideos.length == 0) {
            b.append("valid: every feature value is finite, no video is all zeros");
            return b.toString();
        }
        b.append(String.format(Locale.ROOT, "zero frames  %d video%s whose real frames are all exactly 0: %s%n",
                zeroVideos.length, zeroVideos.length == 1 ? "" : "s", Arrays.stream(zeroVideos)
                        .mapToObj(Integer::toString).collect(Collectors.joining(", "))));
        b.append(allowed ? "valid: every feature value is finite; all-zero videos accepted (--allow-zero-frames)"
                : "invalid: all-zero videos (a damaged chunk index reads as zeros)");
        return b.toString();
    }
}
