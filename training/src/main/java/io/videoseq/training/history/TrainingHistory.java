package io.videoseq.training.history;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.videoseq.data.io.AtomicFiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
     * CSV with header {@code epoch,train_loss,train_acc,val_loss,val_acc,val_weighted_f1,worst_class_f1,
     * learning_rate,seconds,f1_class_0,...}; numbers in Java's shortest round-trip form.
     */
    public String toCsv() {
        int classes = epochs.isEmpty() ? 0 : epochs.get(0).valPerClassF1().size();
        StringBuilder sb = new StringBuilder(
                "epoch,train_loss,train_acc,val_loss,val_acc,val_weighted_f1,worst_class_f1,learning_rate,seconds");
        for (int c = 0; c < classes; c++) {
            sb.append(",f1_class_").append(c);
        }
        sb.append('\n');
        for (EpochRecord r : epochs) {
            sb.append(r.epoch());
            for (double v : new double[] {r.trainLoss(), r.trainAcc(), r.valLoss(), r.valAcc(), r.valWeightedF1(),
                    r.worstClassF1(), r.learningRate(), r.seconds()}) {
                sb.append(',').append(number(v));
            }
            for (double f : r.valPerClassF1()) {
                sb.append(',').append(number(f));
            }
            sb.append('\n');
        }
        return sb.toString();
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
