package io.videoseq.training.metrics;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Which way a metric is better: {@code max} (accuracy, F1, AUC) or {@code min} (losses, Brier, ECE); {@code none}
 * for a breakdown (counts, per-class values, a confusion matrix), which has no single better value and cannot be
 * monitored. Also the {@code mode} of early stopping and the best checkpoint (Lightning's {@code mode}).
 */
public enum Direction {
    @JsonProperty("max") MAX,
    @JsonProperty("min") MIN,
    @JsonProperty("none") NONE;

    /**
     * Whether {@code candidate} is strictly better than {@code incumbent}. NaN (undefined, or a diverged model) is
     * never better, and anything defined is better than NaN, so a NaN epoch never becomes or stays the best one.
     */
    public boolean better(double candidate, double incumbent) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        if (Double.isNaN(incumbent)) {
            return true;
        }
        return switch (this) {
            case MAX -> candidate > incumbent;
            case MIN -> candidate < incumbent;
            case NONE -> throw new IllegalStateException("a breakdown has no better value");
        };
    }

    /** The JSON and CLI spelling: {@code max}, {@code min}, {@code none}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
