package io.videoseq.app.io;

import io.videoseq.app.UserInputException;

import java.nio.file.Files;
import java.nio.file.Path;

/** The rule every command follows for a file the user named as output: never replace one silently. */
public final class OutputFiles {

    private OutputFiles() {
    }

    /**
     * Refuses (exit 2) when {@code file} exists and {@code force} is false.
     *
     * @param option the option that named the file, e.g. {@code --out}
     */
    public static void requireNew(Path file, String option, boolean force) {
        if (!force && Files.exists(file)) {
            throw new UserInputException(option + " " + file + ": the file exists; add --force to replace it");
        }
    }
}
