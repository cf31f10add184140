package io.videoseq.training.history;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.training.metrics.MetricRegistry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one epoch produced: what the loop measured (losses, training accuracy, learning rate, time) and the
 * validation metrics of the run's {@link MetricRegistry} that the history records, by history column. Accuracies
 * and F1 scores are percentages (0-100); losses are the focal loss without the weight-decay term; the training
 * figures are means over the epoch's batches as they were trained (dropout and augmentation on), the validation
 * figures are over the whole validation split in inference mode.
 *
 * <p>JSON (in checkpoints and the results file): {@code epoch, train_loss, train_acc, val_loss}, the validation
 * values in the registry's order (built-in: {@code val_acc, val_weighted_f1, val_per_class_f1, worst_class_f1}),
 * then {@code learning_rate, seconds} — the layout of the positional record of earlier versions.
 *
 * @param epoch        1-based epoch number (= epochs completed after it)
 * @param trainLoss    mean training loss over the epoch's batches
 * @param trainAcc     training accuracy over the epoch's sequences, %
 * @param valLoss      mean validation loss per sequence
 * @param validation   validation metric values by history column: a {@code Double} (null when undefined), or a
 *                     {@code List<Double>} with one value per class; always holds the built-in ones
 * @param learningRate learning rate of the epoch's first update
 * @param seconds      wall-clock time of the epoch including validation
 */
public record EpochRecord(int epoch, double trainLoss, double trainAcc, double valLoss,
                          Map<String, Object> validation, double learningRate, double seconds) {

    private static final String PER_CLASS_F1 = "val_per_class_f1";
    private static final String WEIGHTED_F1 = "val_weighted_f1";
    private static final List<String> LOOP_BEFORE = List.of("epoch", "train_loss", "train_acc", "val_loss");
    private static final List<String> LOOP_AFTER = List.of("learning_rate", "seconds");

    public EpochRecord {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch record: epoch = " + epoch + ", expected >= 1");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : validation.entrySet()) {
            Object v = e.getValue();
            if (v instanceof List<?> l) {
                List<Double> values = new ArrayList<>(l.size());
                for (Object x : l) {
                    values.add(x == null ? null : ((Number) x).doubleValue());
                }
                v = Collections.unmodifiableList(values);
            } else if (v != null) {
                v = ((Number) v).doubleValue();
            }
            copy.put(e.getKey(), v);
        }
        for (String builtIn : List.of(MetricRegistry.VAL_ACC, WEIGHTED_F1, PER_CLASS_F1,
                MetricRegistry.WORST_CLASS_F1)) {
            if (!copy.containsKey(builtIn)) {
                throw new IllegalArgumentException("epoch record: " + builtIn + " is missing");
            }
        }
        if (!(copy.get(PER_CLASS_F1) instanceof List<?> f1) || f1.isEmpty()) {
            throw new IllegalArgumentException("epoch record: val_per_class_f1 is empty, expected one value per class");
        }
        validation = Collections.unmodifiableMap(copy);
    }

    /** The built-in validation metrics only (the record of earlier versions). */
    public EpochRecord(int epoch, double trainLoss, double trainAcc, double valLoss, double valAcc,
                       double valWeightedF1, List<Double> valPerClassF1, double worstClassF1, double learningRate,
                       double seconds) {
        this(epoch, trainLoss, trainAcc, valLoss, builtIns(valAcc, valWeightedF1, valPerClassF1, worstClassF1),
                learningRate, seconds);
    }

    private static Map<String, Object> builtIns(double acc, double weightedF1, List<Double> perClass, double worst) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(MetricRegistry.VAL_ACC, acc);
        m.put(WEIGHTED_F1, weightedF1);
        m.put(PER_CLASS_F1, perClass == null ? List.of() : perClass);
        m.put(MetricRegistry.WORST_CLASS_F1, worst);
        return m;
    }

    /** Validation accuracy, %. */
    public double valAcc() {
        return (Double) validation.get(MetricRegistry.VAL_ACC);
    }

    /** Support-weighted validation F1, %. */
    public double valWeightedF1() {
        return (Double) validation.get(WEIGHTED_F1);
    }

    /** Validation F1 per class, %, index = class id. */
    @SuppressWarnings("unchecked")
    public List<Double> valPerClassF1() {
        return (List<Double>) validation.get(PER_CLASS_F1);
    }

    /** Lowest validation F1 among classes with support, %. */
    public double worstClassF1() {
        return (Double) validation.get(MetricRegistry.WORST_CLASS_F1);
    }

    /**
     * The number in history column {@code column} (a loop measure or a scalar validation metric); NaN when it is
     * undefined or not recorded.
     */
    public double value(String column) {
        switch (column) {
            case "epoch":
                return epoch;
            case "train_loss":
                return trainLoss;
            case "train_acc":
                return trainAcc;
            case "val_loss":
                return valLoss;
            case "learning_rate":
                return learningRate;
            case "seconds":
                return seconds;
            default:
                return validation.get(column) instanceof Number n ? n.doubleValue() : Double.NaN;
        }
    }

    /** The JSON form, in the order described above. */
    @JsonValue
    Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("epoch", epoch);
        out.put("train_loss", trainLoss);
        out.put("train_acc", trainAcc);
        out.put("val_loss", valLoss);
        out.putAll(validation);
        out.put("learning_rate", learningRate);
        out.put("seconds", seconds);
        return out;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static EpochRecord fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("epoch record: expected a JSON object, found "
                    + (json == null ? "nothing" : json.getNodeType()));
        }
        Map<String, Object> validation = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (LOOP_BEFORE.contains(e.getKey()) || LOOP_AFTER.contains(e.getKey())) {
                continue;
            }
            validation.put(e.getKey(), validationValue(e.getKey(), e.getValue()));
        }
        return new EpochRecord(integer(json, "epoch"), number(json, "train_loss"), number(json, "train_acc"),
                number(json, "val_loss"), validation, number(json, "learning_rate"), number(json, "seconds"));
    }

    private static Object validationValue(String key, JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isArray()) {
            List<Double> out = new ArrayList<>(v.size());
            for (JsonNode x : v) {
                if (!x.isNumber() && !x.isNull()) {
                    throw new IllegalArgumentException("epoch record: " + key + " holds " + x.getNodeType()
                            + ", expected numbers");
                }
                out.add(x.isNull() ? null : x.doubleValue());
            }
            return out;
        }
        throw new IllegalArgumentException("epoch record: " + key + " is " + v.getNodeType()
                + ", expected a number or a list of numbers");
    }

    private static JsonNode required(JsonNode json, String key) {
        JsonNode v = json.get(key);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("epoch record: " + key + " is "
                    + (v == null ? "missing" : v.getNodeType()) + ", expected a number");
        }
        return v;
    }

    private static int integer(JsonNode json, String key) {
        JsonNode v = required(json, key);
        if (!v.canConvertToExactIntegral() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("epoch record: " + key + " = " + v + ", expected an integer");
        }
        return v.intValue();
    }

    private static double number(JsonNode json, String key) {
        return required(json, key).doubleValue();
    }
}
