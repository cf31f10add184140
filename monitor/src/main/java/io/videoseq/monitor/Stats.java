package io.videoseq.monitor;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;
import java.util.function.ToDoubleFunction;
import java.util.List;

/** Mean, maximum and minimum of one quantity over a set of samples. */
public record Stats(@JsonProperty("mean") double mean,
                    @JsonProperty("max") double max,
                    @JsonProperty("min") double min) {

    public Stats {
        if (!(min <= mean && mean <= max)) {
            throw new IllegalArgumentException("stats (mean " + mean + ", max " + max + ", min " + min
                    + ") are invalid: expected min <= mean <= max");
        }
    }

    /** Stats of {@code value} over {@code items}, or {@code null} for an empty list. */
    static <T> Stats of(List<T> items, ToDoubleFunction<T> value) {
        Objects.requireNonNull(items, "items must not be null");
        if (items.isEmpty()) {
            return null;
        }
        double sum = 0.0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (T item : items) {
            double v = value.applyAsDouble(item);
            sum += v;
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        // the mean of equal values can round one ulp outside [min, max]
        double mean = Math.min(max, Math.max(min, sum / items.size()));
        return new Stats(mean, max, min);
    }
}
