package io.videoseq.model.io;

/**
 * The bounds {@link ModelZip} enforces. They are far above what videoseq writes (the production model: 65 M
 * float parameters, 0.26 GB of coefficients, 0.52 GB of AdamW state, a 50 kB configuration) and low enough
 * that no file can make the loader allocate more than about the file's honest content.
 */
final class Limits {
    /** configuration.json is a few tens of kB; DL4J reads it whole into a String. */
    static final long MAX_CONFIGURATION_BYTES = 16L << 20;
    /** Each {@code videoseq/*} entry (the checkpoint metadata is a few kB). */
    static final long MAX_EXTRA_ENTRY_BYTES = 16L << 20;
    /** All entries together, as declared in the central directory. */
    static final long MAX_TOTAL_BYTES = 8L << 30;
    /** A model zip has at most five kinds of entry; a few extra videoseq entries leave room to grow. */
    static final int MAX_ENTRIES = 64;
    /** Bytes an ND4J array header may add to its values (videoseq's headers are 113 bytes). */
    static final long ARRAY_HEADER_MARGIN = 4096;
    /** Updater state values per parameter: AdamW keeps 2 (m, v); AMSGrad, the most among DL4J's, keeps 3. */
    static final int MAX_UPDATER_STATE_PER_PARAM = 3;
    /** JSON nesting: videoseq's configuration is 8 deep. Bounds the recursion of DL4J's JSON parsing. */
    static final int MAX_JSON_DEPTH = 64;
    /** nIn / nOut of one layer: keeps DL4J's products of widths far from overflowing a long. */
    static final long MAX_LAYER_WIDTH = 1L << 24;

    private Limits() {
    }

    /** {@code n} bytes for a message, e.g. "16 MiB" or "5101 bytes". */
    static String bytes(long n) {
        if (n >= (1L << 30) && n % (1L << 30) == 0) {
            return (n >> 30) + " GiB";
        }
        if (n >= (1L << 20) && n % (1L << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        return n == 1 ? "1 byte" : n + " bytes";
    }
}
