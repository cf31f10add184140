package io.videoseq.inference.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;

/** The labelled-timeline CSV: read in time order per video, every bad line refused naming file and line. */
class TimelineLabelsTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws Exception {
        return Files.writeString(dir.resolve("labels.csv"), text);
    }

    @Test
    void segmentsAreReadPerVideoInTimeOrder() throws Exception {
        TimelineLabels l = TimelineLabels.read(csv("video,class,start,end\r\nclips/long.mp4,ball,14,24.2\r\n"
                + "clips/long.mp4,bird,0,14\r\nother.mp4,bird,1.5,3\r\n"));
        assertEquals(List.of(new SegmentMetrics.Truth("bird", 0, 14), new SegmentMetrics.Truth("ball", 14, 24.2)),
                l.truthOf("clips/long.mp4"));
        assertEquals(3, l.rowsOf("clips/long.mp4").get(0).line());
        // A video given by another path is found by its file name.
        assertEquals(List.of(new SegmentMetrics.Truth("bird", 1.5, 3)), l.truthOf("/data/other.mp4"));
        TimelineLabelsException e = assertThrows(TimelineLabelsException.class, () -> l.truthOf("third.mp4"));
        assertEquals(dir.resolve("labels.csv") + ": expected segments of third.mp4 (the video as given or its file"
                + " name), found none", e.getMessage());
        e = assertThrows(TimelineLabelsException.class, () -> l.requireClasses("other.mp4", List.of("ball")));
        assertEquals(dir.resolve("labels.csv") + " line 4: expected a class of the model [ball], found 'bird'",
                e.getMessage());
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
            Arguments.of("video;class;begin;end", "line 1: expected the header video,class,start,end, found 'video;class;begin;end'"),
            Arguments.of("", "line 1: expected the header video,class,start,end, found an empty file"),
            Arguments.of("video,class,start,end", ": expected at least one segment after the header, found none"),
            Arguments.of("video,class,start,end\na.mp4,bird,0", "line 2: expected 4 fields video,class,start,end (no quoting), found 3"
                + " in 'a.mp4,bird,0'"),
            Arguments.of("video,class,start,end\n\"a,b.mp4\",bird,0,1", "line 2: expected 4 fields video,class,start,end (no quoting),"
                + " found 5"),
            Arguments.of("video,class,start,end\na.mp4,,0,1", "line 2: expected a class name without quotes or control characters,"
                + " found ''"),
            Arguments.of("video,class,start,end\na.mp4,bird,-1,1", "line 2: expected start in seconds (a decimal number >= 0), found '-1'"),
            Arguments.of("video,class,start,end\na.mp4,bird,0,NaN", "line 2: expected end in seconds (a decimal number >= 0), found 'NaN'"),
            Arguments.of("video,class,start,end\na.mp4,bird,5,5", "line 2: expected start < end (seconds, at most 1e9), found start 5.0,"
                + " end 5.0"),
            Arguments.of("video,class,start,end\na.mp4,bird,0,10\n\na.mp4,ball,10,12", "line 3: expected 4 fields"),
            Arguments.of("video,class,start,end\na.mp4,bird,0,10\na.mp4,ball,9,12", "line 3: expected the segments of a.mp4 not to"
                + " overlap, found 9.0-12.0 overlapping line 2's 0.0-10.0")
        );
    }

    @ParameterizedTest
    @MethodSource("badFiles")
    void aBadLineIsRefusedNamingFileAndLine(String text, String expected) throws Exception {
        Path f = csv(text);
        TimelineLabelsException e = assertThrows(TimelineLabelsException.class, () -> TimelineLabels.read(f));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        String want = f + (expected.startsWith(":") ? "" : " ") + expected;
        assertEquals(want, e.getMessage().substring(0, Math.min(e.getMessage().length(), want.length())),
                e.getMessage());
    }

    @Test
    void notUtf8OrMissingIsRefusedNamingTheFile() throws Exception {
        Path f = Files.write(dir.resolve("latin1.csv"), "video,class,start,end\ncaf\u00e9.mp4,bird,0,1\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(f + ": expected UTF-8 text, found bytes that are not", assertThrows(
                TimelineLabelsException.class, () -> TimelineLabels.read(f)).getMessage());
        Path none = dir.resolve("none.csv");
        assertEquals(none + ": expected a labelled-timeline CSV, found no such file", assertThrows(
                TimelineLabelsException.class, () -> TimelineLabels.read(none)).getMessage());
    }
}
