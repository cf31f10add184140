package io.videoseq.training.run;

import java.nio.file.Path;

/**
 * Where a run starts: fresh, from a checkpoint file, or from the newest resume point of its model name.
 *
 * @param kind which of the four
 * @param path the checkpoint file for {@link Kind#PATH}, else null
 */
public record ResumeFrom(Kind kind, Path path) {

    /** How the start point is chosen. */
    public enum Kind {
        /** Start from epoch 1 with a fresh model; refused when the name already has checkpoints or results. */
        NONE,
        /** Start from epoch 1 with a fresh model, deleting the name's earlier checkpoints first. */
        REPLACE,
        /**
         * The newest of {@code {name}_last.zip} and the periodic checkpoints; a fresh start when the name has no
         * files at all (as Lightning's {@code ckpt_path="last"}); a finished run is left as it is.
         */
        LATEST,
        /** The given checkpoint file. */
        PATH
    }

    public ResumeFrom {
        if (kind == null || (kind == Kind.PATH) != (path != null)) {
            throw new IllegalArgumentException("resume: kind " + kind + " with path " + path
                    + "; a path is required exactly for PATH");
        }
    }

    public static ResumeFrom none() {
        return new ResumeFrom(Kind.NONE, null);
    }

    public static ResumeFrom replace() {
        return new ResumeFrom(Kind.REPLACE, null);
    }

    public static ResumeFrom latest() {
        return new ResumeFrom(Kind.LATEST, null);
    }

    public static ResumeFrom path(Path checkpoint) {
        return new ResumeFrom(Kind.PATH, checkpoint);
    }

    /** The CLI form: {@code latest}, or a checkpoint path; null or empty means fresh. */
    public static ResumeFrom parse(String value) {
        if (value == null || value.isEmpty()) {
            return none();
        }
        return "latest".equals(value) ? latest() : path(Path.of(value));
    }
}
