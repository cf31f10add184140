package io.videoseq.inference.timeline;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The true segments of videos, read from a CSV (docs/LONG_VIDEOS.md "Evaluating windows"):
 * <pre>
 * video,class,start,end
 * long.mp4,bird,0,14
 * long.mp4,ball,14,24.2
 * </pre>
 * UTF-8, that header, one segment per line: the video (as given to the command, or its file name), a class of the
 * model, start and end in seconds from the start of the file ({@code 0 <= start < end}, decimal numbers). Fields
 * are not quoted, so a name holds no comma, quote or control character. The segments of one video do not overlap;
 * time no segment covers is not scored. Any other line is refused naming the file and the line
 * ({@link TimelineLabelsException}); at most {@link #MAX_ROWS} segments and {@link #MAX_BYTES} bytes.
 */
public final class TimelineLabels {
    public static final String HEADER = "video,class,start,end";
    public static final int MAX_ROWS = 1_000_000;
    public static final long MAX_BYTES = 64L << 20;
    private static final Pattern NUMBER = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    /** One segment and the line it came from. */
    public record Row(int line, String video, SegmentMetrics.Truth truth) {
    }

    private final Path file;
    private final Map<String, List<Row>> byVideo;

    private TimelineLabels(Path file, Map<String, List<Row>> byVideo) {
        this.file = file;
        this.byVideo = byVideo;
    }

    /** @throws TimelineLabelsException naming the file (and line) when it cannot be read or a line is refused */
    public static TimelineLabels read(Path file) {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new TimelineLabelsException(file + ": expected at most " + MAX_BYTES + " bytes, found " + size);
            }
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new TimelineLabelsException(file + ": expected UTF-8 text, found bytes that are not", e);
        } catch (NoSuchFileException e) {
            throw new TimelineLabelsException(file + ": expected a labelled-timeline CSV, found no such file", e);
        } catch (IOException e) {
            throw new TimelineLabelsException(file + ": cannot read: " + e.getMessage(), e);
        }
        String[] lines = text.split("\n", -1);
        int count = text.isEmpty() ? 0 : text.endsWith("\n") ? lines.length - 1 : lines.length;
        if (count == 0 || !strip(lines[0]).equals(HEADER) && !strip(lines[0]).equals("\uFEFF" + HEADER)) {
            throw new TimelineLabelsException(file + " line 1: expected the header " + HEADER + ", found "
                    + (count == 0 ? "an empty file" : quote(strip(lines[0]))));
        }
        if (count - 1 > MAX_ROWS) {
            throw new TimelineLabelsException(file + ": expected at most " + MAX_ROWS + " segments, found "
                    + (count - 1));
        }
        Map<String, List<Row>> byVideo = new LinkedHashMap<>();
        for (int i = 1; i < count; i++) {
            Row r = row(file, i + 1, strip(lines[i]));
            byVideo.computeIfAbsent(r.video(), v -> new ArrayList<>()).add(r);
        }
        if (byVideo.isEmpty()) {
            throw new TimelineLabelsException(file + ": expected at least one segment after the header, found none");
        }
        for (List<Row> rows : byVideo.values()) {
            rows.sort(Comparator.comparingDouble(r -> r.truth().start()));
            for (int k = 1; k < rows.size(); k++) {
                Row a = rows.get(k - 1);
                Row b = rows.get(k);
                if (b.truth().start() < a.truth().end()) {
                    throw new TimelineLabelsException(file + " line " + b.line() + ": expected the segments of "
                            + b.video() + " not to overlap, found " + b.truth().start() + "-" + b.truth().end()
                            + " overlapping line " + a.line() + "'s " + a.truth().start() + "-" + a.truth().end());
                }
            }
        }
        return new TimelineLabels(file, byVideo);
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static Row row(Path file, int line, String text) {
        String where = file + " line " + line + ": ";
        String[] f = text.split(",", -1);
        if (f.length != 4) {
            throw new TimelineLabelsException(where + "expected 4 fields video,class,start,end (no quoting), found "
                    + f.length + " in " + quote(text));
        }
        for (int k = 0; k < 2; k++) {
            String name = k == 0 ? "video" : "class";
            if (f[k].isEmpty() || f[k].chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '"')) {
                throw new TimelineLabelsException(where + "expected a " + name + " name without quotes or control"
                        + " characters, found " + quote(f[k]));
            }
        }
        double[] t = new double[2];
        for (int k = 0; k < 2; k++) {
            String v = f[2 + k].strip();
            if (!NUMBER.matcher(v).matches()) {
                throw new TimelineLabelsException(where + "expected " + (k == 0 ? "start" : "end") + " in seconds"
                        + " (a decimal number >= 0), found " + quote(f[2 + k]));
            }
            t[k] = Double.parseDouble(v);
        }
        if (!(t[1] > t[0]) || t[1] > 1e9) {
            throw new TimelineLabelsException(where + "expected start < end (seconds, at most 1e9), found start "
                    + t[0] + ", end " + t[1]);
        }
        return new Row(line, f[0], new SegmentMetrics.Truth(f[1], t[0], t[1]));
    }

    private static String quote(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    public Path file() {
        return file;
    }

    /**
     * The true segments of {@code video} in time order: the rows whose video is {@code video} as given, else its
     * file name.
     *
     * @throws TimelineLabelsException when the file has no row for it
     */
    public List<Row> rowsOf(String video) {
        List<Row> rows = byVideo.get(video);
        if (rows == null) {
            Path name = Path.of(video).getFileName();
            rows = name == null ? null : byVideo.get(name.toString());
        }
        if (rows == null) {
            throw new TimelineLabelsException(file + ": expected segments of " + video + " (the video as given or its"
                    + " file name), found none");
        }
        return List.copyOf(rows);
    }

    public List<SegmentMetrics.Truth> truthOf(String video) {
        return rowsOf(video).stream().map(Row::truth).toList();
    }

    /**
     * @throws TimelineLabelsException naming the line of the first segment of {@code video} whose class is not one
     *                                 of {@code classNames}
     */
    public void requireClasses(String video, List<String> classNames) {
        for (Row r : rowsOf(video)) {
            if (!classNames.contains(r.truth().className())) {
                throw new TimelineLabelsException(file + " line " + r.line() + ": expected a class of the model "
                        + classNames + ", found " + quote(r.truth().className()));
            }
        }
    }
}
