package io.videoseq.training.run;

import io.videoseq.model.optim.DecoupledWeightDecay;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import io.videoseq.model.GraphOptions;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.TemporalModelFactory;
import io.videoseq.training.TrainConfig;
import io.videoseq.model.loss.FocalLoss;
import io.videoseq.model.optim.AdamW;
import io.videoseq.model.optim.CosineRestartSchedule;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The original recipe as a DL4J graph: focal loss (alpha per {@link TrainConfig#focalAlpha()}), AdamW with
 * decoupled weight decay on every parameter, and cosine warm restarts.
 */
public final class TrainingGraphs {

    private TrainingGraphs() {
    }

    /** The learning-rate schedule; {@code iterationsPerEpoch} is used when cycles count epochs. */
    public static ISchedule schedule(TrainConfig c, int iterationsPerEpoch) {
        return new CosineRestartSchedule(c.learningRate(), c.etaMin(), c.scheduleT0(), c.scheduleTMult(),
                c.scheduleUnit().schedule(), iterationsPerEpoch);
    }

    /** The focal loss of the recipe. */
    public static FocalLoss loss(TrainConfig c, double[] classWeights) {
        return new FocalLoss(c.focalAlpha() == TrainConfig.FocalAlpha.CLASS_WEIGHTS ? classWeights.clone() : null,
                c.focalGamma(), c.labelSmoothing());
    }

    /**
     * A fresh, initialised graph seeded with {@code c.seed()}, with the decoupled weight decay on every parameter
     * (set once, by {@link DecoupledWeightDecay}, on the built configuration).
     */
    public static ComputationGraph build(ModelConfig model, TrainConfig c, double[] classWeights,
                                         int iterationsPerEpoch) {
        GraphOptions options = new GraphOptions(new AdamW(schedule(c, iterationsPerEpoch)), loss(c, classWeights),
                c.seed(), c.dataType().nd4j());
        ComputationGraphConfiguration conf = TemporalModelFactory.configuration(model, options);
        return TemporalModelFactory.initialise(DecoupledWeightDecay.apply(conf, c.weightDecay()), c.seed());
    }
}
