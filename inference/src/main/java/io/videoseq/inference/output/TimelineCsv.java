package io.videoseq.inference.output;

import io.videoseq.inference.timeline.Segment;
import io.videoseq.inference.timeline.Timeline;
import io.videoseq.inference.timeline.WindowPrediction;
import java.util.List;
import java.util.Locale;

/**
 * The CSVs of long videos ({@code classify --window --out timeline.csv}), one header then rows of every video in the
 * order given. Windows: {@code video,window,start,end,predicted,predicted_name,confidence,prob_0,...,prob_{C-1}};
 * segments: {@code video,segment,start,end,class,class_name,mean_confidence,windows}. Times in seconds from the
 * start of the video (3 decimals), probabilities 6 decimals, fields quoted as {@link PredictionsCsv}'s.
 */
public final class TimelineCsv {
    /** A video's name (as the user gave it) and its timeline. */
    public record Named(String video, Timeline timeline) {
    }

    private TimelineCsv() {
    }

    public static String windows(List<Named> videos) {
        int classes = videos.stream().flatMap(v -> v.timeline().windows().stream())
                .mapToInt(w -> w.prediction().classNames().size()).findFirst().orElse(0);
        StringBuilder b = new StringBuilder("video,window,start,end,predicted,predicted_name,confidence");
        for (int c = 0; c < classes; c++) {
            b.append(",prob_").append(c);
        }
        b.append('\n');
        for (Named v : videos) {
            for (WindowPrediction w : v.timeline().windows()) {
                b.append(PredictionsCsv.field(v.video())).append(',').append(w.index()).append(',')
                        .append(seconds(w.start())).append(',').append(seconds(w.end())).append(',')
                        .append(w.predicted()).append(',').append(PredictionsCsv.field(w.prediction().predictedName()))
                        .append(',').append(PredictionsCsv.decimal(w.confidence()));
                for (float p : w.prediction().probabilities()) {
                    b.append(',').append(PredictionsCsv.decimal(p));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    public static String segments(List<Named> videos) {
        StringBuilder b = new StringBuilder("video,segment,start,end,class,class_name,mean_confidence,windows\n");
        for (Named v : videos) {
            List<Segment> segments = v.timeline().segments();
            for (int i = 0; i < segments.size(); i++) {
                Segment s = segments.get(i);
                b.append(PredictionsCsv.field(v.video())).append(',').append(i).append(',')
                        .append(seconds(s.start())).append(',').append(seconds(s.end())).append(',')
                        .append(s.classIndex()).append(',').append(PredictionsCsv.field(s.className())).append(',')
                        .append(PredictionsCsv.decimal(s.meanConfidence())).append(',').append(s.windows())
                        .append('\n');
            }
        }
        return b.toString();
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }
}
