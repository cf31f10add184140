package io.videoseq.app;

/** Process exit codes of the {@code videoseq} command line. */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** A bug or an environment failure (out of memory, disk full): not the user's input. */
    public static final int INTERNAL_ERROR = 1;
    /** Bad usage or bad input: an option, a configuration key, a missing or malformed file. */
    public static final int BAD_INPUT = 2;

    private ExitCodes() {
    }
}
