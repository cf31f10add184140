package io.videoseq.data;

/**
 * Derives independent generator seeds from (seed, epoch, position, purpose) with the SplitMix64 finaliser. Public
 * so that code outside this module (the Spark workers' dropout) derives its seeds the same way.
 */
public final class Seeds {
    static final long SAMPLER = 0x5A4D504C45524C4CL;
    static final long AUGMENTATION = 0x4155474D454E5421L;

    private Seeds() {
    }

    /** A seed that depends on every part and their order; equal parts give equal seeds. */
    public static long mix(long... parts) {
        long h = 0x9E3779B97F4A7C15L;
        for (long p : parts) {
            h = finalise(h ^ finalise(p + 0x9E3779B97F4A7C15L));
        }
        return h;
    }

    private static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
