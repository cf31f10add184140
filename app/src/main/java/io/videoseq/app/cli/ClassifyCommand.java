package io.videoseq.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.videoseq.app.ExitCodes;
import io.videoseq.core.json.JsonMappers;
import io.videoseq.inference.VideoClassifier;
import io.videoseq.video.classify.VideoPipeline;
import io.videoseq.video.decode.VideoDecodeException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code videoseq classify}: video files to predicted classes (with {@code --window}, to timelines:
 * {@link WindowedOutput}), with the backbone the model's features came from.
 * The model's checkpoint records that backbone (weights, layer, preprocessing, frame sampling); classify takes the
 * layer, preprocessing and sampling from the record, checks the given --backbone and any preprocessing flags
 * against it, and refuses a mismatch naming both.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Prints one line per video: the predicted class and the probabilities of every class (with"
                + " --json: one JSON object per line). The backbone must be the one the model's features were"
                + " extracted with (checked against the model's record; layer, preprocessing and frame sampling"
                + " default to the recorded ones). A video that cannot be decoded, is not a plain video file"
                + " (playlists, concat lists, image sequences are refused) or is past a --max-video-* bound is"
                + " reported in one line; the others are classified; the exit code is then 2. With --window: what"
                + " happens when in a long video, window by window, then segments (docs/LONG_VIDEOS.md).")
public final class ClassifyCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = JsonMappers.plain();

    @Parameters(arity = "1..*", paramLabel = "VIDEO", description = "Video files.")
    List<Path> videos;

    @Option(names = "--model", required = true, paramLabel = "best.zip|E.json",
            description = "A checkpoint (best_NAME.zip) or an ensemble manifest (PREFIX_ensemble.json).")
    Path model;

    @Mixin
    BackboneOptions backbone;

    @Mixin
    VideoLimitOptions limits;

    @Mixin
    WindowLimitOptions windowLimits;

    @Mixin
    SamplingOptions sampling;

    @Option(names = "--json", description = "One JSON object per video instead of text.")
    boolean json;

    @Option(names = "--jsonl", description = "With --window: JSON Lines, a line per window as soon as it is decided"
            + " (a program can follow a long file), then the video's segments and its end (docs/LONG_VIDEOS.md).")
    boolean jsonl;

    @Option(names = "--window", paramLabel = "SECONDS", description = "Classify sliding windows of this length"
            + " instead of whole videos: each window sampled as the model's clips were (its frames per video, over"
            + " the window), decoded once in time order; prints each window as it is decided, then the segments.")
    Double window;

    @Mixin
    SegmentOptions segments;

    @Option(names = "--out", paramLabel = "timeline.csv", description = "With --window: the windows of every"
            + " video as CSV, their segments beside it (timeline.segments.csv) and a picture per video"
            + " (timeline.png; with several videos timeline-1.png, ... in the order given).")
    Path out;

    @Option(names = "--force", description = "Replace --out and its companion files if they exist.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        WindowedOutput windowed = WindowedOutput.of(window, segments, out, force, videos.size(), json,
                jsonl, windowLimits, limits);
        VideoPipeline pipeline = PipelineSetup.pipeline(model, backbone, sampling, limits.limits(),
                err);
        PrintWriter stdout = spec.commandLine().getOut();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < videos.size(); i++) {
            Path video = videos.get(i);
            try {
                if (windowed != null) {
                    windowed.classify(pipeline, video, i, stdout);
                    continue;
                }
                VideoClassifier.Prediction p = pipeline.classify(video);
                stdout.println(json ? jsonLine(video, p) : textLine(video, p));
                stdout.flush();
            } catch (VideoDecodeException e) {
                err.println("skipped " + e.getMessage());
                err.flush();
                failed.add(e.getMessage());
            }
        }
        if (windowed != null) {
            windowed.writeFiles(stdout, err);
        }
        // With one video its "skipped" line says it all: a refusal stays one line.
        if (!failed.isEmpty() && videos.size() > 1) {
            err.printf(Locale.ROOT, "%d of %d video(s) not classified%n", failed.size(), videos.size());
            err.flush();
        }
        return failed.isEmpty() ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    private static String textLine(Path video, VideoClassifier.Prediction p) {
        StringBuilder b = new StringBuilder();
        b.append(video).append(": ").append(p.predictedName())
                .append(String.format(Locale.ROOT, " %.3f  (", p.probability(p.predicted())));
        List<String> names = p.classNames();
        for (int c = 0; c < names.size(); c++) {
            b.append(c == 0 ? "" : ", ").append(names.get(c))
                    .append(String.format(Locale.ROOT, " %.3f", p.probability(c)));
        }
        return b.append(')').toString();
    }

    private static String jsonLine(Path video, VideoClassifier.Prediction p) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("video", video.toString());
        o.put("predicted", p.predictedName());
        o.put("predicted_index", p.predicted());
        ObjectNode probs = o.putObject("probabilities");
        for (int c = 0; c < p.classNames().size(); c++) {
            probs.put(p.classNames().get(c), p.probability(c));
        }
        return JSON.writeValueAsString(o);
    }
}
