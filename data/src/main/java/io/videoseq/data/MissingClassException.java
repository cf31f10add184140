package io.videoseq.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A class index in {@code [0, num_classes)} with no video in a training split: the model cannot learn it, and the
 * run would otherwise look normal. Names every missing class with its {@code category_mapping} name.
 */
public final class MissingClassException extends FeatureFileException {
    private final int[] classes;

    private MissingClassException(Path file, int[] classes, String expected, String found) {
        super(file, FeatureFile.LABELS, -1, expected, found, null);
        this.classes = classes.clone();
    }

    /**
     * @param missing the class indices without a video, ascending, not empty
     * @param mapping class name to index (the names of {@code missing} are looked up here)
     */
    public static MissingClassException of(Path file, int[] missing, int numClasses, Map<String, Integer> mapping) {
        if (missing.length == 0) {
            throw new IllegalArgumentException("missing: expected at least one class index, found none");
        }
        String named = Arrays.stream(missing).mapToObj(c -> c + nameOf(c, mapping)).collect(Collectors.joining(", "));
        return new MissingClassException(file, missing,
                "at least one training video of every class in [0, " + numClasses + ")",
                "none of class" + (missing.length == 1 ? " " : "es ") + named + " (" + missing.length + " of "
                        + numClasses + " classes missing; \"allow_missing_classes\": true in the training config"
                        + " accepts this)");
    }

    private static String nameOf(int c, Map<String, Integer> mapping) {
        return mapping.entrySet().stream().filter(e -> e.getValue() == c).findFirst()
                .map(e -> " \"" + e.getKey() + "\"").orElse("");
    }

    /** The class indices without a video, ascending. */
    public int[] classes() {
        return classes.clone();
    }
}
