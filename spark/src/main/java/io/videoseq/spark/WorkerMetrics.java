package io.videoseq.spark;

import io.videoseq.training.run.BatchObserver;
import org.apache.spark.SparkContext;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.Serializable;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the single-JVM loop records per batch, measured where the batch is fitted: the loss and predicted classes of
 * the training forward pass ({@link BatchObserver}, no second pass), the true classes, and the real (unmasked) time
 * steps the worker's graph saw — summed into Spark accumulators that the driver reads after the epoch. Also
 * reports, once per worker task, the layer classes of the worker's graph (the custom layers must arrive as
 * themselves).
 */
final class WorkerMetrics extends BaseTrainingListener implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String outputLayer;
    private final DoubleAccumulator lossSum;
    private final LongAccumulator batches;
    private final LongAccumulator correct;
    private final LongAccumulator seen;
    private final LongAccumulator realSteps;
    private final CollectionAccumulator<String> layerClasses;
    private transient BatchObserver observer;
    private transient boolean reported;

    WorkerMetrics(SparkContext sc, String outputLayer) {
        this.outputLayer = outputLayer;
        this.lossSum = sc.doubleAccumulator("videoseq loss sum");
        this.batches = sc.longAccumulator("videoseq batches");
        this.correct = sc.longAccumulator("videoseq correct");
        this.seen = sc.longAccumulator("videoseq sequences");
        this.realSteps = sc.longAccumulator("videoseq real time steps");
        this.layerClasses = sc.collectionAccumulator("videoseq worker layer classes");
    }

    private BatchObserver observer() {
        if (observer == null) {
            observer = new BatchObserver(outputLayer);
        }
        return observer;
    }

    @Override
    public void onForwardPass(Model model, Map<String, INDArray> activations) {
        observer().onForwardPass(model, activations);
        ComputationGraph g = (ComputationGraph) model;
        INDArray[] masks = g.getInputMaskArrays();
        if (masks != null && masks[0] != null) {
            realSteps.add(masks[0].sumNumber().longValue());
        }
        if (!reported) {
            reported = true;
            TreeSet<String> classes = new TreeSet<>();
            for (String name : g.getConfiguration().getVertices().keySet()) {
                classes.add(g.getConfiguration().getVertices().get(name).getClass().getName());
                if (g.getLayer(name) != null) {
                    classes.add(g.getLayer(name).conf().getLayer().getClass().getName());
                }
            }
            layerClasses.add(String.join(",", classes));
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        BatchObserver o = observer();
        o.onGradientCalculation(model);
        ComputationGraph g = (ComputationGraph) model;
        int[] truth = Nd4j.argMax(labels(g), 1).toIntVector();
        int[] predicted = o.lastPredictions();
        int hits = 0;
        for (int i = 0; i < truth.length; i++) {
            hits += predicted[i] == truth[i] ? 1 : 0;
        }
        lossSum.add(o.lastLoss());
        batches.add(1);
        correct.add(hits);
        seen.add(truth.length);
    }

    /**
     * The labels of the minibatch being fitted. DL4J's graph keeps them in a protected field for the whole step but
     * has no getter, and the output layer has already dropped its copy when the listener runs; the training hooks
     * that do see the minibatch run only under parameter averaging, so this reads the field (DL4J is pinned).
     */
    private static INDArray labels(ComputationGraph g) {
        try {
            if (labelsField == null) {
                Field f = ComputationGraph.class.getDeclaredField("labels");
                f.setAccessible(true);
                labelsField = f;
            }
            return ((INDArray[]) labelsField.get(g))[0];
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DL4J's ComputationGraph has no field 'labels' (another DL4J version?)", e);
        }
    }

    private static volatile Field labelsField;

    /** Zeroes the sums before an epoch. */
    void reset() {
        lossSum.reset();
        batches.reset();
        correct.reset();
        seen.reset();
        realSteps.reset();
    }

    long batches() {
        return batches.value();
    }

    double lossSum() {
        return lossSum.value();
    }

    double meanLoss() {
        return lossSum.value() / batches.value();
    }

    double accuracyPercent() {
        return 100.0 * correct.value() / seen.value();
    }

    long realSteps() {
        return realSteps.value();
    }

    /** Every worker task's layer classes (comma-joined, sorted), since the run started. */
    java.util.List<String> layerClasses() {
        return layerClasses.value();
    }
}
