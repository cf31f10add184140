package io.videoseq.data;

import io.videoseq.data.FeatureFileException.Reason;
import static io.videoseq.data.Refusals.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassCoverageTest {
    @TempDir
    Path dir;

    @Test
    void missingListsTheClassesNoLabelEquals() {
        assertArrayEquals(new int[] {0, 3}, ClassCoverage.missing(new int[] {1, 2, 2, 1}, 4));
        assertArrayEquals(new int[0], ClassCoverage.missing(new int[] {1, 0}, 2));
        assertArrayEquals(new int[] {0, 1}, ClassCoverage.missing(new int[0], 2));
    }

    @Test
    void splitWithoutAClassIsRefusedNamingIndexAndName() {
        TestLayout l = new TestLayout();
        l.labels = new long[] {0, 0, 0};
        Path file = l.write(dir.resolve("train.h5"));
        try (FeatureFile f = FeatureFile.open(file, ReadMode.PER_VIDEO)) {
            FeatureFileException e = Refusals.thrown(Reason.MISSING_CLASS,
                    () -> ClassCoverage.requireEveryClass(f));
            assertOneLine(e, file, "labels", -1, "every class in [0, 2)", "none of class 1 \"b\"",
                    "1 of 2 classes missing", "allow_missing_classes");
            assertArrayEquals(new int[] {1}, e.classes());
        }
        try (FeatureFile f = FeatureFile.open(new TestLayout().write(dir.resolve("ok.h5")), ReadMode.PER_VIDEO)) {
            ClassCoverage.requireEveryClass(f);
        }
    }

    @Test
    void severalMissingClassesAreAllNamed() {
        Path file = Path.of("t.h5");
        FeatureFileException e = FeatureFileException.missingClasses(file, new int[] {0, 2}, 3, Map.of("x", 0, "y", 1,
                "z", 2));
        assertOneLine(e, file, "labels", -1, "none of classes 0 \"x\", 2 \"z\" (2 of 3 classes missing");
    }
}
