package io.videoseq.training.history;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.videoseq.data.io.AtomicFiles;
import io.videoseq.training.metrics.Metric;
import io.videoseq.training.metrics.MetricRegistry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;

/** The epochs of one run in order, immutable; serialised as a JSON array and written as CSV. */
public final class TrainingHistory {

    private final List<EpochRecord> epochs;

    @JsonCreator
    public TrainingHistory(List<EpochRecord> epochs) {
        this.epochs = List.copyOf(epochs);
        for (int i = 0; i < this.epochs.size(); i++) {
            if (this.epochs.get(i).epoch() != i + 1) {
                throw new IllegalArgumentException("training history: entry " + i + " has epoch "
                        + this.epochs.get(i).epoch() + ", expected " + (i + 1));
            }
        }
    }

    public static TrainingHistory empty() {
        return new TrainingHistory(List.of());
    }

    /** This history followed by {@code next}, which must be the next epoch. */
    public TrainingHistory plus(EpochRecord next) {
        List<EpochRecord> all = new ArrayList<>(epochs);
        all.add(next);
        return new TrainingHistory(all);
    }

    @JsonValue
    public List<EpochRecord> epochs() {
        return epochs;
    }

    public int size() {
        return epochs.size();
    }

    /**
     * CSV: {@code epoch,train_loss,train_acc,val_loss}, the scalar validation columns in the order the records hold
     * them (built-in: {@code val_acc,val_weighted_f1,worst_class_f1}), {@code learning_rate,seconds}, then each
     * per-class value spread over one column per class ({@code f1_class_0,...}, see
     * {@link Metric#perClassCsvColumn}); numbers in Java's shortest round-trip form, an undefined value empty.
     * Columns are the union over the epochs, so a run resumed with one more metric leaves the earlier cells empty.
     */
    public String toCsv() {
        Set<String> scalars = new LinkedHashSet<>();
        Map<String, Integer> perClass = new LinkedHashMap<>();
        if (epochs.isEmpty()) {
            // No record to take the columns from: the built-in ones, as the header has always been.
            for (Metric m : MetricRegistry.builtIn().all()) {
                if (m.recordedEveryEpoch() && m.shape() == Metric.Shape.SCALAR) {
                    scalars.add(m.column());
                }
            }
        }
        for (EpochRecord r : epochs) {
            for (Map.Entry<String, Object> e : r.validation().entrySet()) {
                if (e.getValue() instanceof List<?> l) {
                    perClass.merge(e.getKey(), l.size(), Math::max);
                } else if (!perClass.containsKey(e.getKey())) {
                    scalars.add(e.getKey());
                }
            }
        }
        StringBuilder sb = new StringBuilder("epoch,train_loss,train_acc,val_loss");
        for (String c : scalars) {
            sb.append(',').append(c);
        }
        sb.append(",learning_rate,seconds");
        perClass.forEach((c, n) -> {
            for (int k = 0; k < n; k++) {
                sb.append(',').append(Metric.perClassCsvColumn(c, k));
            }
        });
        sb.append('\n');
        for (EpochRecord r : epochs) {
            sb.append(r.epoch());
            for (double v : new double[] {r.trainLoss(), r.trainAcc(), r.valLoss()}) {
                sb.append(',').append(number(v));
            }
            for (String c : scalars) {
                sb.append(',').append(cell(r.validation().get(c)));
            }
            sb.append(',').append(number(r.learningRate())).append(',').append(number(r.seconds()));
            perClass.forEach((c, n) -> {
                List<?> values = r.validation().get(c) instanceof List<?> l ? l : List.of();
                for (int k = 0; k < n; k++) {
                    sb.append(',').append(k < values.size() ? cell(values.get(k)) : "");
                }
            });
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String cell(Object v) {
        return v instanceof Number n ? number(n.doubleValue()) : "";
    }

    /** Writes {@link #toCsv()} atomically. */
    public void writeCsv(Path file) {
        AtomicFiles.writeString(file, toCsv());
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingHistory h && h.epochs.equals(epochs);
    }

    @Override
    public int hashCode() {
        return epochs.hashCode();
    }

    @Override
    public String toString() {
        return "TrainingHistory" + epochs;
    }
}
