package io.videoseq.app.run;

import org.slf4j.LoggerFactory;
import io.videoseq.app.plot.EpochPoint;
import io.videoseq.app.plot.TrainingCurves;
import io.videoseq.app.plot.TrainingDashboard;
import io.videoseq.app.progress.EpochProgress;
import io.videoseq.app.progress.EpochSummary;
import io.videoseq.app.progress.RunEta;
import io.videoseq.monitor.ResourceMonitor;
import io.videoseq.monitor.SampleEvent;
import io.videoseq.training.history.EpochRecord;
import io.videoseq.training.history.TrainingProgress;
import io.videoseq.training.metrics.Metric;
import io.videoseq.training.metrics.MetricRegistry;
import io.videoseq.training.run.RunState;
import io.videoseq.training.callback.StopSignal;
import io.videoseq.training.callback.TrainingCallback;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a person sees while a model trains: the progress bar or log lines, one summary line per epoch, the
 * dashboard PNG {@code {results}/training_progress/{name}_current.png} rewritten after every epoch, and an
 * {@code epoch_end} sample in the resource log.
 */
public final class ConsoleCallback implements TrainingCallback {
    /** Folder of the dashboards inside the results folder. */
    public static final String PLOT_DIR = "training_progress";

    private final EpochProgress progress;
    private final Path resultsDir;
    private final List<String> classNames;
    private final ResourceMonitor monitor;
    private final InterruptNotice interrupt;
    private final RunEta eta;
    private final MetricRegistry metrics;
    private int totalEpochs;
    private int sequencesPerEpoch;

    public ConsoleCallback(EpochProgress progress, Path resultsDir, List<String> classNames,
                                 ResourceMonitor monitor, InterruptNotice interrupt) {
        this(progress, resultsDir, classNames, monitor, interrupt, 1);
    }

    /** @param models how many models the run trains one after another (an ensemble's members), for its ETA */
    public ConsoleCallback(EpochProgress progress, Path resultsDir, List<String> classNames,
                           ResourceMonitor monitor, InterruptNotice interrupt, int models) {
        this(progress, resultsDir, classNames, monitor, interrupt, models, MetricRegistry.builtIn());
    }

    /** @param metrics the run's metrics, whose console values the epoch line shows */
    public ConsoleCallback(EpochProgress progress, Path resultsDir, List<String> classNames,
                           ResourceMonitor monitor, InterruptNotice interrupt, int models, MetricRegistry metrics) {
        this.metrics = metrics;
        this.eta = new RunEta(models);
        this.progress = progress;
        this.resultsDir = resultsDir;
        this.classNames = List.copyOf(classNames);
        this.monitor = monitor;
        this.interrupt = interrupt;
    }

    /** The dashboard file of a model. */
    public static Path dashboardPath(Path resultsDir, String modelName) {
        return resultsDir.resolve(PLOT_DIR).resolve(modelName + "_current.png");
    }

    @Override
    public void onNotice(String line) {
        LoggerFactory.getLogger("videoseq").info(line);
    }

    @Override
    public void onRunStart(String modelName, int startEpoch, int totalEpochs, int batchesPerEpoch,
                           int sequencesPerEpoch) {
        if (interrupt != null) {
            interrupt.modelStarted(modelName);
        }
        this.totalEpochs = totalEpochs;
        this.sequencesPerEpoch = sequencesPerEpoch;
        eta.modelStarted();
        if (monitor != null) {
            try {
                monitor.ensureStarted();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void onEpochStart(String modelName, int epoch) {
        progress.epochStarted(modelName, epoch, totalEpochs, sequencesPerEpoch);
    }

    @Override
    public void onBatchEnd(long iteration, double loss, int sequences) {
        progress.batchDone(sequences, loss);
    }

    @Override
    public StopSignal onEpochEnd(EpochRecord r, RunState state) {
        String modelName = state.modelName();
        TrainingProgress p = state.progress();
        double runEta = eta.epochFinished(r.epoch(), totalEpochs, r.seconds());
        progress.epochEnded(new EpochSummary(modelName, r.epoch(), totalEpochs, r.trainLoss(), r.valLoss(),
                shown(r), r.learningRate(), r.seconds(), runEta, eta.severalModels() ? eta.runSeconds() : Double.NaN,
                p.lastEpochImproved()));
        try {
            TrainingDashboard.write(curves(modelName, p), dashboardPath(resultsDir, modelName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (monitor != null && monitor.isRunning()) {
            monitor.recordAsync(SampleEvent.EPOCH_END);
        }
        return StopSignal.CONTINUE;
    }

    @Override
    public void onRunEnd(String modelName, TrainingProgress p, String stopReason) {
        progress.close();
    }

    TrainingCurves curves(String modelName, TrainingProgress p) {
        List<EpochPoint> points = p.history().epochs().stream().map(ConsoleCallback::point).toList();
        return new TrainingCurves(modelName, classNames, points, p.bestEpoch());
    }

    static EpochPoint point(EpochRecord r) {
        return new EpochPoint(r.epoch(), r.trainLoss(), r.valLoss(), r.trainAcc(), r.valAcc(), r.valWeightedF1(),
                r.learningRate(), r.valPerClassF1().stream().mapToDouble(Double::doubleValue).toArray(),
                r.seconds());
    }

    /**
     * The validation values of the line: the registry's metrics that have a console place, in its order, each read
     * from the record's history column (NaN, shown as "-", when not recorded); the worst class's F1 names it.
     */
    private List<EpochSummary.Shown> shown(EpochRecord r) {
        List<EpochSummary.Shown> out = new ArrayList<>();
        for (Metric m : metrics.all()) {
            if (m.console() != null) {
                String note = MetricRegistry.WORST_CLASS_F1.equals(m.name())
                        ? classNames.get(worstClass(r.valPerClassF1(), r.worstClassF1())) : null;
                out.add(new EpochSummary.Shown(m.console().label(), r.value(m.column()), m.console().format(), note));
            }
        }
        return out;
    }

    /** The class the record's worst F1 belongs to (the training module skips classes without support). */
    private static int worstClass(List<Double> f1, double worstValue) {
        int exact = f1.indexOf(worstValue);
        if (exact >= 0) {
            return exact;
        }
        int worst = 0;
        for (int k = 1; k < f1.size(); k++) {
            if (f1.get(k) < f1.get(worst)) {
                worst = k;
            }
        }
        return worst;
    }
}
