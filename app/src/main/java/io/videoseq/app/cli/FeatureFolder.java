package io.videoseq.app.cli;

import io.videoseq.app.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Command arguments that may name a folder of feature files: a folder stands for its {@code .h5} regular files in
 * name order (what {@code generate} and the original pipeline write: {@code test_features.h5},
 * {@code train_features.h5}, {@code val_features.h5}), any other path for itself.
 */
final class FeatureFolder {
    private FeatureFolder() {
    }

    static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                files.add(p);
                continue;
            }
            try (Stream<Path> s = Files.list(p)) {
                List<Path> h5 = s.filter(f -> f.getFileName().toString().endsWith(".h5") && Files.isRegularFile(f))
                        .sorted().toList();
                if (h5.isEmpty()) {
                    throw new UserInputException(p + ": expected a feature file or a folder with .h5 feature files,"
                            + " found a folder without any");
                }
                files.addAll(h5);
            } catch (IOException e) {
                throw new UserInputException(p + ": expected a readable folder, found an unreadable one ("
                        + e.getMessage() + ")", e);
            }
        }
        return files;
    }
}
