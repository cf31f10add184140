package io.videoseq.app.cli;

import io.videoseq.app.UserInputException;
import io.videoseq.app.io.OutputFiles;
import io.videoseq.app.plot.TimelinePlot;
import io.videoseq.data.io.AtomicFiles;
import io.videoseq.inference.output.TimelineCsv;
import io.videoseq.inference.output.TimelineJson;
import io.videoseq.inference.timeline.Segment;
import io.videoseq.inference.timeline.SegmentRule;
import io.videoseq.inference.timeline.Timeline;
import io.videoseq.inference.timeline.WindowListener;
import io.videoseq.inference.timeline.WindowSpec;
import io.videoseq.video.classify.VideoPipeline;
import io.videoseq.video.window.WindowLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code classify --window}: the options of long videos checked together, each video's windows printed as they are
 * decided (text) or its timeline as one JSON object, and the {@code --out} files written at the end (nothing is
 * replaced without {@code --force}; all names are checked before any video is read).
 */
final class WindowedOutput {
    private final WindowSpec spec;
    private final WindowLimits limits;
    private final SegmentRule rule;
    private final Path csv;
    private final List<Path> pictures;
    private final boolean json;
    private final boolean jsonl;
    private final List<TimelineCsv.Named> done = new ArrayList<>();
    private final List<Integer> given = new ArrayList<>();

    private WindowedOutput(WindowSpec spec, WindowLimits limits, SegmentRule rule, Path csv, List<Path> pictures,
                           boolean json, boolean jsonl) {
        this.jsonl = jsonl;
        this.spec = spec;
        this.limits = limits;
        this.rule = rule;
        this.csv = csv;
        this.pictures = pictures;
        this.json = json;
    }

    /** Null without {@code --window}, when the other window options are refused. */
    static WindowedOutput of(Double window, SegmentOptions segments, Path out, boolean force, int videos,
                             boolean json, boolean jsonl, WindowLimitOptions windowLimits,
                             VideoLimitOptions videoLimits) {
        if (window == null) {
            String given = segments.stride != null ? "--stride" : segments.minSegment != null ? "--min-segment"
                    : out != null ? "--out"
                    : jsonl ? "--jsonl"
                    : windowLimits.anyGiven() ? "--max-window-seconds, --max-window-frames, --max-video-duration"
                    : null;
            if (given != null) {
                throw new UserInputException(given + ": expected only with --window SECONDS, found without it");
            }
            return null;
        }
        if (json && jsonl) {
            throw new UserInputException("--jsonl: expected either --json (one object per video, at its end) or"
                    + " --jsonl (a line per window as it is decided), found both");
        }
        WindowSpec spec = segments.spec(window);
        SegmentRule rule = segments.rule(window);
        WindowLimits limits = windowLimits.limits(videoLimits);
        List<Path> pictures = new ArrayList<>();
        if (out != null) {
            if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
                throw new UserInputException("--out " + out + ": expected a file name ending in .csv, found "
                        + out.getFileName());
            }
            OutputFiles.requireNew(out, "--out", force);
            OutputFiles.requireNew(segmentsFile(out), "--out", force);
            for (int i = 1; i <= videos; i++) {
                Path png = pictureFile(out, videos == 1 ? 0 : i);
                OutputFiles.requireNew(png, "--out", force);
                pictures.add(png);
            }
        }
        return new WindowedOutput(spec, limits, rule, out, pictures, json, jsonl);
    }

    /** {@code --window} and {@code --stride} (default: half the window), refused naming the option. */
    static WindowSpec spec(double window, Double stride) {
        try {
            return stride == null ? WindowSpec.of(window) : new WindowSpec(window, stride);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    /** {@code --min-segment} (default: the window), refused naming the option. */
    static SegmentRule rule(double window, Double minSegment) {
        try {
            return minSegment == null ? SegmentRule.forWindow(window) : new SegmentRule(minSegment);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
    }

    static Path segmentsFile(Path csv) {
        return csv.resolveSibling(stem(csv) + ".segments.csv");
    }

    /** {@code timeline.png}, or {@code timeline-N.png} for the N-th of several videos. */
    static Path pictureFile(Path csv, int n) {
        return csv.resolveSibling(stem(csv) + (n == 0 ? "" : "-" + n) + ".png");
    }

    private static String stem(Path csv) {
        String name = csv.getFileName().toString();
        return name.substring(0, name.length() - ".csv".length());
    }

    /** @param given the video's position among those given (0-based) */
    void classify(VideoPipeline pipeline, Path video, int given, PrintWriter stdout) {
        WindowListener listener = json ? WindowListener.NONE : jsonl ? w -> {
            stdout.println(TimelineJson.windowLine(video.toString(), w));
            stdout.flush();
        } : w -> {
            stdout.printf(Locale.ROOT, "%s [%s-%s] %s %.3f%n", video, TimelinePlot.clock(w.start()),
                    TimelinePlot.clock(w.end()), w.prediction().predictedName(), w.confidence());
            stdout.flush();
        };
        Timeline t = pipeline.timeline(video, spec, limits, rule, listener);
        if (json) {
            stdout.println(TimelineJson.of(video.toString(), t, spec.windowSeconds(), spec.strideSeconds()));
        } else if (jsonl) {
            stdout.println(TimelineJson.endLines(video.toString(), t));
        } else {
            for (Segment s : t.segments()) {
                stdout.printf(Locale.ROOT, "%s segment %s-%s %s (mean confidence %.3f, %d windows)%n", video,
                        TimelinePlot.clock(s.start()), TimelinePlot.clock(s.end()), s.className(),
                        s.meanConfidence(), s.windows());
            }
        }
        stdout.flush();
        done.add(new TimelineCsv.Named(video.toString(), t));
        this.given.add(given);
    }

    /**
     * @param stdout where the "wrote" line goes when the standard output is text; with {@code --json} or
     *               {@code --jsonl} it goes to {@code stderr}, so that a program reading the standard output reads
     *               nothing but JSON
     */
    void writeFiles(PrintWriter stdout, PrintWriter stderr) throws IOException {
        if (csv == null || done.isEmpty()) {
            return;
        }
        AtomicFiles.writeString(csv, TimelineCsv.windows(done));
        AtomicFiles.writeString(segmentsFile(csv), TimelineCsv.segments(done));
        int drawn = 0;
        for (int k = 0; k < done.size(); k++) {
            if (!done.get(k).timeline().windows().isEmpty()) {
                // Numbered as the videos were given: a skipped video leaves its number unused.
                TimelinePlot.write(done.get(k).video(), done.get(k).timeline(), pictures.get(given.get(k)));
                drawn++;
            }
        }
        PrintWriter said = json || jsonl ? stderr : stdout;
        said.println("wrote " + csv + ", " + segmentsFile(csv) + " and " + drawn + " picture(s)");
        said.flush();
    }
}
