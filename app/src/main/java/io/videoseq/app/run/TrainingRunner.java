package io.videoseq.app.run;

import io.videoseq.app.UserInputException;
import io.videoseq.training.callback.TrainingCallback;
import java.util.ArrayList;
import java.util.List;
import io.videoseq.data.io.AtomicFiles;
import io.videoseq.app.progress.EpochProgress;
import io.videoseq.monitor.MonitorConfig;
import io.videoseq.monitor.ResourceMonitor;
import io.videoseq.training.ensemble.EnsembleResults;
import io.videoseq.training.ensemble.EnsembleTrainer;
import io.videoseq.training.ensemble.MemberSelection;
import io.videoseq.training.run.ModelResults;
import io.videoseq.training.run.TrainedModel;
import io.videoseq.training.run.EpochFitter;
import io.videoseq.training.run.Trainer;
import io.videoseq.training.run.TrainingRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs the training module with the app's hooks attached: the resource monitor (log in the results folder,
 * started when the first run is accepted, so a refused run writes no samples), progress output, the per-epoch
 * dashboard, and the interrupt notice that says on Ctrl-C / SIGTERM which epoch is saved and how to resume.
 */
public final class TrainingRunner {
    /** Seconds between progress log lines when the output is not a terminal. */
    private static final double LOG_INTERVAL_SECONDS = 30;

    private final TrainingSetup setup;
    private final Duration monitorInterval;

    public TrainingRunner(TrainingSetup setup, Duration monitorInterval) {
        this.setup = setup;
        this.monitorInterval = monitorInterval;
    }

    public Path resultsDir() {
        return setup.request().resultsDir();
    }

    /** The resource log this runner writes. */
    public Path resourceLog() {
        return monitorConfig().logPath();
    }

    private MonitorConfig monitorConfig() {
        try {
            return MonitorConfig.inResultsDir(resultsDir()).withInterval(monitorInterval);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--monitor-interval " + monitorInterval.toSeconds() + ": " + e.getMessage(), e);
        }
    }

    public TrainedModel trainOne(InterruptNotice.Target notice) throws IOException {
        return trainOne(notice, EpochFitter.local());
    }

    /** One model whose epochs are fitted by {@code fitter} (e.g. the spark module's, on a cluster). */
    public TrainedModel trainOne(InterruptNotice.Target notice, EpochFitter fitter) throws IOException {
        try (ResourceMonitor monitor = new ResourceMonitor(monitorConfig());
             EpochProgress progress = EpochProgress.forConsole(LOG_INTERVAL_SECONDS);
             InterruptNotice interrupt = InterruptNotice.install(notice, setup.request().checkpointDir())) {
            TrainedModel model = Trainer.train(withHooks(monitor, progress, interrupt, 1), fitter);
            monitor.stop();
            return model;
        }
    }

    public EnsembleResults trainEnsemble(int members, InterruptNotice.Target notice) throws IOException {
        try (ResourceMonitor monitor = new ResourceMonitor(monitorConfig());
             EpochProgress progress = EpochProgress.forConsole(LOG_INTERVAL_SECONDS);
             InterruptNotice interrupt = InterruptNotice.install(notice, setup.request().checkpointDir())) {
            EnsembleResults results = EnsembleTrainer.train(withHooks(monitor, progress, interrupt, members), members,
                    releaseBetweenMembers(monitor));
            monitor.stop();
            return results;
        }
    }

    /** Only the selected members of an ensemble (a shard): their files, no ensemble files. */
    public List<ModelResults> trainShard(MemberSelection selection, InterruptNotice.Target notice)
            throws IOException {
        try (ResourceMonitor monitor = new ResourceMonitor(monitorConfig());
             EpochProgress progress = EpochProgress.forConsole(LOG_INTERVAL_SECONDS);
             InterruptNotice interrupt = InterruptNotice.install(notice, setup.request().checkpointDir())) {
            List<ModelResults> results = EnsembleTrainer.trainShard(
                    withHooks(monitor, progress, interrupt, selection.members().size()),
                    selection, releaseBetweenMembers(monitor));
            monitor.stop();
            return results;
        }
    }

    private static Runnable releaseBetweenMembers(ResourceMonitor monitor) {
        return () -> {
            try {
                monitor.releaseBetweenMembers();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** @param models how many models the run trains, one after another (for the whole run's ETA) */
    private TrainingRequest withHooks(ResourceMonitor monitor, EpochProgress progress, InterruptNotice interrupt,
            int models) {
        TrainingRequest r = setup.request();
        AtomicFiles.removeStale(r.resultsDir().resolve(ConsoleCallback.PLOT_DIR));
        List<TrainingCallback> callbacks = new ArrayList<>(r.callbacks());
        callbacks.add(new ConsoleCallback(progress, r.resultsDir(), setup.classNames(), monitor, interrupt, models));
        return r.withCallbacks(callbacks);
    }
}
