package io.videoseq.spark;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.TrainingHook;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Just before each minibatch is fitted on a worker (DL4J's parameter-averaging worker calls training hooks around
 * every fit): sets the worker graph's iteration and epoch counters to the batch's place in the run — DL4J's worker
 * rebuilds its graph every round with the counters at 0, so the per-iteration schedule and AdamW's bias correction
 * would restart each round — and seeds ND4J's generator, so dropout is reproducible. DL4J's gradient-sharing worker
 * calls no hooks (see docs/SPARK.md).
 */
final class WorkerStepHook implements TrainingHook {
    private static final long serialVersionUID = 1L;

    @Override
    public void preUpdate(DataSet minibatch, Model model) {
        apply(model);
    }

    @Override
    public void preUpdate(MultiDataSet minibatch, Model model) {
        apply(model);
    }

    private static void apply(Model model) {
        WorkerSteps.Step s = WorkerSteps.next();
        if (s == null) {
            return;
        }
        ComputationGraphConfiguration conf = ((ComputationGraph) model).getConfiguration();
        conf.setIterationCount(s.iteration());
        conf.setEpochCount(s.epoch());
        Nd4j.getRandom().setSeed(s.dropoutSeed());
    }

    @Override
    public void postUpdate(DataSet minibatch, Model model) {
    }

    @Override
    public void postUpdate(MultiDataSet minibatch, Model model) {
    }
}
