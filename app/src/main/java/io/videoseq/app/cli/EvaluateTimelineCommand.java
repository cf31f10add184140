package io.videoseq.app.cli;

import io.videoseq.app.ExitCodes;
import io.videoseq.app.UserInputException;
import io.videoseq.app.report.TimelineReport;
import io.videoseq.inference.timeline.SegmentMetrics;
import io.videoseq.inference.timeline.SegmentRule;
import io.videoseq.inference.timeline.Timeline;
import io.videoseq.inference.timeline.TimelineEvaluation;
import io.videoseq.inference.timeline.TimelineLabels;
import io.videoseq.inference.timeline.WindowListener;
import io.videoseq.inference.timeline.WindowSpec;
import io.videoseq.video.classify.VideoPipeline;
import io.videoseq.video.decode.VideoDecodeException;
import io.videoseq.video.window.WindowLimits;
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
 * {@code videoseq evaluate-timeline}: long videos scored window by window as {@code classify --window} scores them
 * (the same {@code VideoPipeline.timeline}), against their true segments ({@link TimelineLabels}): per-window
 * accuracy and segment precision/recall at IoU 0.5 ({@link TimelineEvaluation}). A command of its own rather than
 * {@code evaluate} options: {@code evaluate} reads a feature file (its required --features, --batch-size,
 * --allow-zero-frames, --max-frames-limit mean nothing for video files), this one reads video files with a backbone,
 * as {@code classify} does.
 */
@Command(name = "evaluate-timeline", mixinStandardHelpOptions = true,
        description = "Scores long videos window by window (as classify --window does) against their true segments"
                + " (--labels: a CSV video,class,start,end): per-window accuracy and segment precision and recall at"
                + " IoU 0.5, per video and pooled; --out writes the report JSON, a page with the metrics and each"
                + " video's timeline picture (true boundaries drawn), and the windows and segments CSVs.")
public final class EvaluateTimelineCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "VIDEO", description = "Video files, each with segments in --labels.")
    List<Path> videos;

    @Option(names = "--labels", required = true, paramLabel = "labels.csv", description = "The true segments: a CSV"
            + " with the header video,class,start,end, one segment per line (the video as given or its file name,"
            + " a class of the model, seconds from the start of the file); docs/LONG_VIDEOS.md.")
    Path labels;

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

    @Option(names = "--window", required = true, paramLabel = "SECONDS", description = "Window length.")
    double window;

    @Mixin
    SegmentOptions segments;

    @Option(names = "--out", paramLabel = "report.json", description = "Report file; beside it <name>.html (the"
            + " page), <name>_timeline.png (<name>_timeline-N.png for the N-th of several videos),"
            + " <name>_windows.csv, <name>_segments.csv.")
    Path out;

    @Option(names = "--force", description = "Replace --out and the files beside it if they exist.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter w = spec.commandLine().getOut();
        WindowSpec windows = segments.spec(window);
        SegmentRule rule = segments.rule(window);
        WindowLimits bounds = windowLimits.limits(limits);
        TimelineReport report = out == null ? null : new TimelineReport(out, videos.size());
        if (report != null) {
            report.requireNew("--out", force);
        }
        // Every video's labels before any model or video is read: a typo costs no decoding.
        TimelineLabels truth = TimelineLabels.read(labels);
        for (Path v : videos) {
            truth.rowsOf(v.toString());
        }
        VideoPipeline pipeline = PipelineSetup.pipeline(model, backbone, sampling, limits.limits(),
                err);
        for (Path v : videos) {
            truth.requireClasses(v.toString(), pipeline.classifier().classNames());
        }
        List<String> names = new ArrayList<>();
        List<Timeline> timelines = new ArrayList<>();
        int failed = 0;
        for (Path v : videos) {
            try {
                timelines.add(pipeline.timeline(v, windows, bounds, rule, WindowListener.NONE));
                names.add(v.toString());
            } catch (VideoDecodeException e) {
                err.println("skipped " + e.getMessage());
                err.flush();
                failed++;
            }
        }
        if (names.isEmpty()) {
            return ExitCodes.BAD_INPUT;
        }
        TimelineEvaluation e = TimelineEvaluation.of(names, timelines, truth, TimelineEvaluation.IOU_THRESHOLD);
        for (TimelineEvaluation.Video v : e.videos()) {
            line(w, v.video(), v.metrics());
        }
        if (e.videos().size() > 1) {
            line(w, "all " + e.videos().size() + " videos", e.pooled());
        }
        if (report != null) {
            report.write(e, windows.windowSeconds(), windows.strideSeconds());
            w.println("report           " + report.json());
            w.println("page             " + report.html() + " (metrics and timelines)");
            w.println("windows          " + report.windowsCsv() + ", segments " + report.segmentsCsv());
        }
        w.flush();
        if (failed > 0 && videos.size() > 1) {
            err.printf(Locale.ROOT, "%d of %d video(s) not evaluated%n", failed, videos.size());
            err.flush();
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
    }

    private static void line(PrintWriter w, String video, SegmentMetrics m) {
        w.printf(Locale.ROOT, "%s: window accuracy %s (%d/%d)  segment precision %s (%d/%d)  recall %s (%d/%d) at"
                        + " IoU %.1f%n", video, TimelineReport.pct(m.windowAccuracy()), m.correctWindows(),
                m.windows(), TimelineReport.pct(m.precision()), m.truePositives(), m.predicted(),
                TimelineReport.pct(m.recall()), m.truePositives(), m.truth(), TimelineEvaluation.IOU_THRESHOLD);
    }
}
