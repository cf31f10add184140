package io.videoseq.training.ensemble;

import io.videoseq.training.run.ModelResults;
import io.videoseq.training.run.ResumeFrom;
import io.videoseq.training.run.RunRefusedException;
import io.videoseq.training.run.TrainedModel;
import io.videoseq.training.run.Trainer;
import io.videoseq.training.run.TrainingRequest;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.FeatureSplits;
import io.videoseq.data.ReadMode;
import io.videoseq.data.Split;
import io.videoseq.data.VideoSource;
import io.videoseq.data.ZeroFramePolicy;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.eval.EnsembleGain;
import io.videoseq.training.eval.TestEvaluation;
import io.videoseq.training.eval.TestReport;
import io.videoseq.inference.manifest.EnsembleManifest;
import io.videoseq.training.io.Json;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains {@code n} members one after another — member {@code i} (0-based) is named {@code {prefix}_model_{i+1}}
 * and seeded {@code seed + i} (42, 43, ... by default) — releasing memory between them, then scores the
 * ensemble on the test split from the members' averaged softmax probabilities and writes
 * {@code ensemble_final_results.json}, and {@code {prefix}_ensemble.json} (an {@link EnsembleManifest}: the
 * members' best checkpoints with their SHA-256 and the class names) beside the checkpoints.
 *
 * <p>Resume (request resume other than NONE): a member whose {@code {name}_results.json} exists is complete
 * and only re-evaluated from its best checkpoint; the first incomplete member continues from its newest periodic
 * resume point (or starts fresh when it has none); later members start fresh. All state is inferred from these
 * files, which are written atomically.
 */
public final class EnsembleTrainer {

    /** Default member count: the original's production ensemble. */
    public static final int DEFAULT_MEMBERS = 4;

    /** File name of the ensemble's results in the results folder. */
    public static final String RESULTS_FILE = "ensemble_final_results.json";

    private EnsembleTrainer() {
    }

    /** The default release between members: drop this thread's workspaces and ask for a collection. */
    public static void releaseMemory() {
        Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        System.gc();
    }

    /** Whether TTA gave the ensemble at least its plain test accuracy (what the manifest recommends). */
    /** Name of member {@code i} (0-based). */
    public static String memberName(String prefix, int i) {
        return CheckpointStore.requireValidName(prefix + "_model_" + (i + 1));
    }

    /**
     * @param base          the shared request; its model name is the member prefix, its seed the first seed
     * @param members       number of members, at least 1
     * @param releaseMemory run after every member (the app passes its monitor's release function)
     */
    public static EnsembleResults train(TrainingRequest request, int members, Runnable releaseMemory) {
        requireMemberCount(members);
        // Refused before the first member rather than by it, and the ensemble's files record the decided mode.
        TrainingRequest base = request.withMonitorResolved();
        List<Trained> trained = trainMembers(base, MemberSelection.all(members), true, releaseMemory);
        EnsembleResults out = summarise(trained.stream().map(Trained::results).toList(),
                trained.stream().map(Trained::report).toList(), List.of());
        Json.write(base.resultsDir().resolve(RESULTS_FILE), out);
        describedManifest(EnsembleManifest.of(base.checkpointDir(), trained.stream().map(Trained::best).toList(),
                classNames(base)), base, out, trained.stream().map(Trained::results).toList())
                .write(manifestPath(base.checkpointDir(), base.modelName()));
        return out;
    }

    /**
     * Trains only the selected members, exactly as {@link #train} trains them (same names, seeds, files), so that
     * shards of one ensemble can run on different machines at once into a shared or later merged checkpoint
     * folder. Writes neither {@code ensemble_final_results.json} nor the manifest: a shard cannot know whether the
     * other members exist yet; {@link EnsembleCollector#collect} writes both once they do. With resume, a selected
     * member that is complete is left as it is (not re-evaluated: nothing here needs its test scores).
     *
     * @return the selected members' results, in member order
     */
    public static List<ModelResults> trainShard(TrainingRequest base, MemberSelection selection,
                                                Runnable releaseMemory) {
        return trainMembers(base.withMonitorResolved(), selection, false, releaseMemory).stream().map(Trained::results).toList();
    }

    /** A member's results, its test scores (null when not evaluated) and its best checkpoint. */
    private record Trained(ModelResults results, TestReport report, Path best) {
    }

    private static List<Trained> trainMembers(TrainingRequest base, MemberSelection selection,
                                              boolean evaluateCompleted, Runnable releaseMemory) {
        if (base.resume().kind() == ResumeFrom.Kind.PATH) {
            throw new RunRefusedException("an ensemble resumes from 'latest' only, not from a checkpoint path ("
                    + base.resume().path() + ")");
        }
        boolean resume = base.resume().kind() == ResumeFrom.Kind.LATEST;
        List<Trained> out = new ArrayList<>();
        CheckpointStore store = new CheckpointStore(base.checkpointDir());
        for (int i : selection.indices()) {
            String name = memberName(base.modelName(), i);
            TrainConfig c = memberConfig(base, i);
            Path json = base.resultsDir().resolve(name + "_results.json");
            if (resume && Files.exists(json)) {
                // The checkpoint of this folder, not the path the results file names: that file may come from
                // anywhere, and the member's best checkpoint is always here.
                out.add(new Trained(ModelResults.read(json),
                        evaluateCompleted ? evaluateCompleted(base, c, store.bestPath(name)) : null,
                        store.bestPath(name)));
            } else {
                TrainedModel m = Trainer.train(base.withName(name).withTrainConfig(c).withResume(base.resume()));
                out.add(new Trained(m.results(), m.test(), store.bestPath(name)));
            }
            releaseMemory.run();
        }
        return out;
    }

    /**
     * 1 to {@value EnsembleManifest#MAX_MEMBERS} members, refused before any is trained: more would train for
     * nothing, as no manifest names them.
     */
    static void requireMemberCount(int members) {
        if (members < 1 || members > EnsembleManifest.MAX_MEMBERS) {
            throw new RunRefusedException("num_models = " + members + ", expected 1 to " + EnsembleManifest.MAX_MEMBERS
                    + " (the most members an ensemble manifest names)");
        }
    }

    /** Member {@code i}'s (0-based) training configuration: the shared one with seed {@code seed + i}. */
    static TrainConfig memberConfig(TrainingRequest base, int i) {
        return base.trainConfig().withSeed(base.trainConfig().seed() + i);
    }

    /** {@code {prefix}_ensemble.json} in the checkpoint folder, beside the members it names. */
    public static Path manifestPath(Path checkpointDir, String prefix) {
        return checkpointDir.resolve(CheckpointStore.requireValidName(prefix) + "_ensemble.json");
    }

    static List<String> classNames(TrainingRequest base) {
        if (base.data() != null) {
            return base.data().train().classNames();
        }
        Path train = FeatureSplits.path(base.featuresDir(), Split.TRAIN, base.trainConfig().suffix());
        try (FeatureFile f = FeatureFile.open(train, ReadMode.PER_VIDEO, ZeroFramePolicy.REFUSE,
                base.trainConfig().featureFileLimits())) {
            return f.classNames();
        }
    }

    static EnsembleResults summarise(List<ModelResults> results, List<TestReport> reports, List<String> missing) {
        TestReport ensemble = TestReport.average(reports);
        EnsembleGain gain = EnsembleGain.of(ensemble.standard().accuracy(),
                results.stream().map(r -> r.test().accuracy()).toList());
        EnsembleGain gainTta = EnsembleGain.of(ensemble.tta().accuracy(),
                results.stream().map(r -> r.testTta().accuracy()).toList());
        return new EnsembleResults(results.size(), results.stream().map(EnsembleResults.Member::of).toList(),
                ensemble.standard(), ensemble.tta(), gain.membersMean(), gainTta.membersMean(), gain.overMean(),
                gainTta.overMean(), missing);
    }

    /**
     * The manifest of the members' best checkpoints with what training knows of them: the model configuration,
     * whether TTA helped the ensemble, each member's name and accuracies ({@code results} in member order).
     */
    static EnsembleManifest describedManifest(EnsembleManifest paths, TrainingRequest base, EnsembleResults out,
                                              List<ModelResults> results) {
        List<EnsembleManifest.Member> described = new ArrayList<>();
        for (int i = 0; i < paths.members().size(); i++) {
            EnsembleManifest.Member m = paths.members().get(i);
            ModelResults r = results.get(i);
            described.add(new EnsembleManifest.Member(m.path(), m.sha256(), r.modelName(), r.bestValAcc(),
                    r.test() == null ? null : r.test().accuracy(),
                    r.testTta() == null ? null : r.testTta().accuracy()));
        }
        return paths.withTrainingDetails(base.modelConfig(), out.ttaHelped(), described);
    }

    static TestReport evaluateCompleted(TrainingRequest base, TrainConfig c, Path checkpoint) {
        ComputationGraph g = CheckpointStore.load(checkpoint).graph();
        if (base.data() != null) {
            return TestEvaluation.evaluate(base.metrics(), g, base.data().test(), c.batchSize());
        }
        try (VideoSource test = FeatureFile.open(FeatureSplits.path(base.featuresDir(), Split.TEST, c.suffix()),
                c.readMode(), ZeroFramePolicy.allowIf(c.allowZeroFrames()), c.featureFileLimits())) {
            return TestEvaluation.evaluate(base.metrics(), g, test, c.batchSize());
        }
    }
}
