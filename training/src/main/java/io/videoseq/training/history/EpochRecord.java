package io.videoseq.training.history;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What one epoch produced. Accuracies and F1 scores are percentages (0-100); losses are the focal loss without
 * the weight-decay term; the training figures are means over the epoch's batches as they were trained (dropout
 * and augmentation on), the validation figures are over the whole validation split in inference mode.
 *
 * @param epoch          1-based epoch number (= epochs completed after it)
 * @param trainLoss      mean training loss over the epoch's batches
 * @param trainAcc       training accuracy over the epoch's sequences, %
 * @param valLoss        mean validation loss per sequence
 * @param valAcc         validation accuracy, %
 * @param valWeightedF1  support-weighted validation F1, %
 * @param valPerClassF1  validation F1 per class, %, index = class id
 * @param worstClassF1   minimum of {@code valPerClassF1}, %
 * @param learningRate   learning rate of the epoch's first update
 * @param seconds        wall-clock time of the epoch including validation
 */
public record EpochRecord(
        @JsonProperty("epoch") int epoch,
        @JsonProperty("train_loss") double trainLoss,
        @JsonProperty("train_acc") double trainAcc,
        @JsonProperty("val_loss") double valLoss,
        @JsonProperty("val_acc") double valAcc,
        @JsonProperty("val_weighted_f1") double valWeightedF1,
        @JsonProperty("val_per_class_f1") List<Double> valPerClassF1,
        @JsonProperty("worst_class_f1") double worstClassF1,
        @JsonProperty("learning_rate") double learningRate,
        @JsonProperty("seconds") double seconds) {

    public EpochRecord {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch record: epoch = " + epoch + ", expected >= 1");
        }
        if (valPerClassF1 == null || valPerClassF1.isEmpty()) {
            throw new IllegalArgumentException("epoch record: val_per_class_f1 is empty, expected one value per class");
        }
        valPerClassF1 = List.copyOf(valPerClassF1);
    }
}
