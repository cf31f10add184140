package io.videoseq.monitor;

/** Range checks of record fields; messages name the JSON field, the value and the allowed range. */
final class Checks {

    private Checks() {
    }

    static void nonNegative(String field, double v) {
        if (!(v >= 0.0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(field + " = " + v + " is invalid: allowed range [0, ∞)");
        }
    }

    static void nonNegative(String field, long v) {
        if (v < 0) {
            throw new IllegalArgumentException(field + " = " + v + " is invalid: allowed range [0, ∞)");
        }
    }

    static void percent(String field, double v) {
        if (!(v >= 0.0 && v <= 100.0)) {
            throw new IllegalArgumentException(field + " = " + v + " is invalid: allowed range [0, 100]");
        }
    }
}
