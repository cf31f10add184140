package io.videoseq.video.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.data.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoListTest {
    @TempDir
    Path dir;

    private Path csv(String text) throws Exception {
        Path f = dir.resolve("videos.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void readsSplitsAndSortedClassIndicesWithPathsRelativeToTheList() throws Exception {
        VideoList l = VideoList.read(csv("path,label,split\n# c\nb/x.mp4,zebra,train\n/abs/y.mp4,ant,val\n\n"
                + "z.mp4,zebra,test\n"), 1);
        assertEquals(Map.of("ant", 0, "zebra", 1), l.categoryMapping());
        assertEquals(dir.resolve("b/x.mp4"), l.entries().get(0).path());
        assertEquals(Path.of("/abs/y.mp4"), l.entries().get(1).path());
        assertEquals(Split.VAL, l.entries().get(1).split());
        assertEquals(3, l.entries().get(0).line());
    }

    @Test
    void withoutSplitsEachClassIsSplitReproducibly() throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append("v").append(i).append(".mp4,").append(i % 2 == 0 ? "a" : "b").append('\n');
        }
        VideoList l = VideoList.read(csv(b.toString()), 7);
        Map<Split, java.util.List<VideoList.Entry>> s = l.bySplit();
        assertEquals(12, s.get(Split.TRAIN).size());
        assertEquals(4, s.get(Split.VAL).size());
        assertEquals(4, s.get(Split.TEST).size());
        assertEquals(l.entries(), VideoList.read(csv(b.toString()), 7).entries());
    }

    @Test
    void badLinesAreOneLineNamingFileAndLine() throws Exception {
        Path f = csv("a.mp4,x,train\nb.mp4,y\n");
        VideoListException e = assertThrows(VideoListException.class, () -> VideoList.read(f, 1));
        assertTrue(e.getMessage().startsWith(f + ": line 2: expected 3 fields"), e.getMessage());
        Path g = csv("a.mp4,x,holdout\n");
        e = assertThrows(VideoListException.class, () -> VideoList.read(g, 1));
        assertTrue(e.getMessage().contains("line 1: split: expected train, val or test, found 'holdout'"));
        Path h = csv("a.mp4\n");
        assertThrows(VideoListException.class, () -> VideoList.read(h, 1));
        assertThrows(VideoListException.class, () -> VideoList.read(dir.resolve("none.csv"), 1));
    }

    /** A NUL byte made Path.of throw (exit 1 with a stack trace); any control character is one line. */
    @Test
    void controlCharactersAreRefusedNamingTheLineAndPosition() throws Exception {
        Path f = csv("path,label\nok.mp4,a\nbad\u0000.mp4,b\n");
        VideoListException e = assertThrows(VideoListException.class, () -> VideoList.read(f, 1));
        assertEquals(f + ": line 3: expected no control characters, found U+0000 at character 4", e.getMessage());
        Path esc = csv("x.mp4,\u001b[31mred\n");
        e = assertThrows(VideoListException.class, () -> VideoList.read(esc, 1));
        assertEquals(esc + ": line 1: expected no control characters, found U+001B at character 7", e.getMessage());
        assertEquals(2, VideoList.read(csv("a.mp4,\tx\t\nb.mp4,y\n"), 1).entries().size(), "tabs are blanks");
    }
}
