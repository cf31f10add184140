package io.videoseq.app.run;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Class names indexed by class id, from a feature file's {@code category_mapping} (name to index). */
public final class ClassNames {
    private ClassNames() {
    }

    public static List<String> of(Map<String, Integer> categoryMapping) {
        String[] names = new String[categoryMapping.size()];
        categoryMapping.forEach((name, index) -> names[index] = name);
        return List.copyOf(Arrays.asList(names));
    }

    /** {@code class_0 ... class_{n-1}} for when no mapping is at hand. */
    public static List<String> numbered(int n) {
        List<String> names = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            names.add("class_" + k);
        }
        return names;
    }
}
