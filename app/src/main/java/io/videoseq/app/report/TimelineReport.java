package io.videoseq.app.report;

import io.videoseq.app.io.OutputFiles;
import io.videoseq.app.plot.TimelinePlot;
import io.videoseq.data.io.AtomicFiles;
import io.videoseq.inference.output.TimelineCsv;
import io.videoseq.inference.timeline.SegmentMetrics;
import io.videoseq.inference.timeline.TimelineEvaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files of {@code evaluate-timeline --out report.json}: the report JSON, the windows and segments CSVs
 * ({@code report_windows.csv}, {@code report_segments.csv}), a timeline picture per video with its true boundaries
 * ({@code report_timeline.png}, or {@code report_timeline-N.png} for the N-th of several) and the page
 * ({@code report.html}) last, which shows the metrics and the pictures.
 */
public final class TimelineReport {
    private final Path json;
    private final int videos;

    public TimelineReport(Path json, int videos) {
        this.json = json;
        this.videos = videos;
    }

    public Path json() {
        return json;
    }

    public Path html() {
        return sibling(".html");
    }

    public Path windowsCsv() {
        return sibling("_windows.csv");
    }

    public Path segmentsCsv() {
        return sibling("_segments.csv");
    }

    /** @param n the video's position (0-based) */
    public Path picture(int n) {
        return sibling(videos == 1 ? "_timeline.png" : "_timeline-" + (n + 1) + ".png");
    }

    private Path sibling(String suffix) {
        String name = json.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return json.resolveSibling(stem + suffix);
    }

    public List<Path> all() {
        List<Path> all = new ArrayList<>(List.of(json, html(), windowsCsv(), segmentsCsv()));
        for (int i = 0; i < videos; i++) {
            all.add(picture(i));
        }
        return all;
    }

    /** Refuses, before anything is read, to replace a file the user has (without {@code force}). */
    public void requireNew(String option, boolean force) {
        for (Path p : all()) {
            OutputFiles.requireNew(p, option, force);
        }
    }

    public void write(TimelineEvaluation e, double window, double stride) throws IOException {
        AtomicFiles.writeString(json, e.toJson(window, stride));
        List<TimelineCsv.Named> named = e.videos().stream()
                .map(v -> new TimelineCsv.Named(v.video(), v.timeline())).toList();
        AtomicFiles.writeString(windowsCsv(), TimelineCsv.windows(named));
        AtomicFiles.writeString(segmentsCsv(), TimelineCsv.segments(named));
        for (int i = 0; i < e.videos().size(); i++) {
            TimelineEvaluation.Video v = e.videos().get(i);
            if (!v.timeline().windows().isEmpty()) {
                TimelinePlot.write(v.video(), v.timeline(), v.truth(), picture(i));
            }
        }
        AtomicFiles.writeString(html(), page(e, window, stride));
    }

    private String page(TimelineEvaluation e, double window, double stride) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>videoseq timeline evaluation</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:1500px}\n")
                .append("table{border-collapse:collapse;margin:8px 0 20px}\n")
                .append("th,td{border:1px solid #bbb;padding:4px 8px;text-align:right}\n")
                .append("th{background:#eee}td.name,th.name{text-align:left}\n")
                .append("img{max-width:100%;border:1px solid #ddd;margin:4px}\n")
                .append("figure{margin:0 0 16px}figcaption{font-size:90%;color:#555}\n</style>\n</head>\n<body>\n");
        b.append("<h1>Timeline evaluation of ").append(e.videos().size()).append(" video(s)</h1>\n")
                .append(String.format(Locale.ROOT, "<p>Windows of %s s every %s s. A window is right when its"
                        + " predicted class is the true segment's holding its centre; a predicted segment is found"
                        + " when it overlaps a true segment of its class with IoU at least %s (each matched once)."
                        + "</p>%n", num(window), num(stride), num(e.iouThreshold())));
        b.append("<table id=\"timeline-metrics\">\n<tr><th class=\"name\">video</th><th>window accuracy</th>")
                .append("<th>windows</th><th>segment precision</th><th>segment recall</th>")
                .append("<th>found / predicted / true segments</th></tr>\n");
        for (TimelineEvaluation.Video v : e.videos()) {
            row(b, v.video(), v.metrics());
        }
        if (e.videos().size() > 1) {
            row(b, "all videos (pooled)", e.pooled());
        }
        b.append("</table>\n<h2>Timelines</h2>\n");
        for (int i = 0; i < e.videos().size(); i++) {
            TimelineEvaluation.Video v = e.videos().get(i);
            if (v.timeline().windows().isEmpty()) {
                continue;
            }
            b.append("<figure><img src=\"").append(esc(picture(i).getFileName().toString())).append("\" alt=\"")
                    .append(esc(v.video())).append("\"><figcaption>").append(esc(v.video()))
                    .append(": predicted classes as bands (height: confidence), segment boundaries in black, true"
                            + " boundaries dashed red. True: ");
            for (int k = 0; k < v.truth().size(); k++) {
                SegmentMetrics.Truth t = v.truth().get(k);
                b.append(k == 0 ? "" : ", ").append(TimelinePlot.clock(t.start())).append('-')
                        .append(TimelinePlot.clock(t.end())).append(' ').append(esc(t.className()));
            }
            b.append(".</figcaption></figure>\n");
        }
        b.append("<p>Windows: <a href=\"").append(esc(windowsCsv().getFileName().toString())).append("\">")
                .append(esc(windowsCsv().getFileName().toString())).append("</a>; segments: <a href=\"")
                .append(esc(segmentsCsv().getFileName().toString())).append("\">")
                .append(esc(segmentsCsv().getFileName().toString())).append("</a>.</p>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String name, SegmentMetrics m) {
        b.append("<tr><td class=\"name\">").append(esc(name)).append("</td><td>").append(pct(m.windowAccuracy()))
                .append("</td><td>").append(m.correctWindows()).append(" / ").append(m.windows()).append("</td><td>")
                .append(pct(m.precision())).append("</td><td>").append(pct(m.recall())).append("</td><td>")
                .append(m.truePositives()).append(" / ").append(m.predicted()).append(" / ").append(m.truth())
                .append("</td></tr>\n");
    }

    /** A percentage, or a dash without a denominator. */
    public static String pct(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * ratio);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
