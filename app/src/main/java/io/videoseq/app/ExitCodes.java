package io.videoseq.app;

/** Process exit codes of the {@code videoseq} command line. */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** A bug: nothing the user gave or can fix explains it. */
    public static final int INTERNAL_ERROR = 1;
    /**
     * Bad usage, bad input (an option, a configuration key, a missing, malformed or damaged file) or an environment
     * problem the user can fix (disk full, no permission, a run already in progress, no usable ND4J backend).
     */
    public static final int BAD_INPUT = 2;
    /** Ctrl-C (SIGINT): 128 + 2, set by the JVM's signal handling; the last finished epoch is saved. */
    public static final int INTERRUPTED = 130;
    /** SIGTERM: 128 + 15, set by the JVM; the last finished epoch is saved. */
    public static final int TERMINATED = 143;

    private ExitCodes() {
    }
}
