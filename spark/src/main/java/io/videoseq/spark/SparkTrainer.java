package io.videoseq.spark;

import io.videoseq.data.FeatureSplits;
import io.videoseq.data.Split;
import io.videoseq.training.run.TrainedModel;
import io.videoseq.training.run.Trainer;
import io.videoseq.training.run.TrainingRequest;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Trains one model data-parallel on Spark with the recipe of {@link Trainer}: the same request, data checks, run
 * lock, fresh start or exact resume, validation on the driver after each epoch, early stopping, best / last /
 * periodic checkpoints in the same format, final test evaluation and results files. Only the fitting of each
 * epoch's training batches runs on the executors ({@link SparkEpochFitter}).
 *
 * <p>The features folder must be at the same path on the driver and on every executor (a shared file system): the
 * driver validates and evaluates, the executors read their training batches from the training file.
 */
public final class SparkTrainer {

    private SparkTrainer() {
    }

    public static TrainedModel train(JavaSparkContext sc, TrainingRequest request, SparkTrainingOptions options) {
        return Trainer.train(request, fitter(sc, request, options));
    }

    /** The fitter {@link #train} uses, for callers that want its worker statistics. */
    public static SparkEpochFitter fitter(JavaSparkContext sc, TrainingRequest request, SparkTrainingOptions options) {
        return new SparkEpochFitter(sc, options, request.trainConfig(),
                FeatureSplits.path(request.featuresDir(), Split.TRAIN, request.trainConfig().suffix()));
    }
}
