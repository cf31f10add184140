package io.videoseq.training.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.training.checkpoint.Checkpoint;
import io.videoseq.training.checkpoint.CheckpointMetadata;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.checkpoint.Provenance;
import io.videoseq.training.history.Monitor;
import io.videoseq.training.history.TrainingProgress;
import io.videoseq.training.io.Json;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The state a run starts from: a fresh graph, or a checkpoint whose model, updater, counters, history, best and
 * patience are restored. A resume is refused (one line naming the difference) when the model configuration, the
 * training configuration (anything but {@code epochs}) or the input files differ from the checkpoint's, since
 * it could not be exact.
 */
final class RunStart {

    private RunStart() {
    }

    /**
     * A fresh start must not overwrite an earlier run's checkpoints or results (the user's work) without being told
     * to: the name's checkpoints, {@code {name}_results.json} and {@code {name}_history.csv} must not exist.
     */
    private static void requireNoEarlierRun(TrainingRequest r, CheckpointStore store, boolean resuming) {
        List<Path> earlier = new ArrayList<>(store.all(r.modelName()));
        for (String file : List.of(r.modelName() + "_results.json", r.modelName() + "_history.csv")) {
            Path f = r.resultsDir().resolve(file);
            if (Files.exists(f)) {
                earlier.add(f);
            }
        }
        if (!earlier.isEmpty()) {
            String files = earlier.get(0).toAbsolutePath() + (earlier.size() > 1 ? " and " + (earlier.size() - 1)
                    + " more file(s)" : "");
            throw new RunRefusedException(resuming
                    ? "model '" + r.modelName() + "' has files of an earlier run (" + files + ") but no resume point ("
                            + store.lastPath(r.modelName()).getFileName() + " or a periodic checkpoint): start over"
                            + " and replace them (CLI: --force), or use another model name"
                    : "model '" + r.modelName() + "' has an earlier run (" + files + "): resume it from 'latest',"
                            + " start over and replace it (CLI: --force), or use another model name");
        }
    }

    /**
     * Where the run starts: a fresh state, a restored one, or — for {@code latest} on a run that already finished
     * and wrote its results — nothing to do.
     *
     * @param state         the state to train from; null when finished
     * @param fresh         whether {@code state} is a new model (nothing restored)
     * @param callbackState the callbacks' states in the checkpoint resumed from (empty when fresh)
     * @param finished      the results of the finished run; null otherwise
     */
    record Outcome(RunState state, boolean fresh, Map<String, JsonNode> callbackState, ModelResults finished) {
    }

    /** @param ipe optimizer steps per epoch ({@link EpochFitter#iterationsPerEpoch}) */
    static Outcome resolve(TrainingRequest r, TrainingData data, CheckpointStore store, Path resultsJson, int ipe) {
        JsonNode modelJson = Json.mapper().valueToTree(r.modelConfig());
        Optional<Path> from = switch (r.resume().kind()) {
            case NONE -> {
                requireNoEarlierRun(r, store, false);
                yield Optional.empty();
            }
            case REPLACE -> {
                store.deleteAll(r.modelName());
                yield Optional.empty();
            }
            case PATH -> Optional.of(r.resume().path());
            case LATEST -> {
                Optional<Path> latest = store.latest(r.modelName());
                if (latest.isEmpty()) {
                    requireNoEarlierRun(r, store, true);
                    r.notice("nothing to resume for model '" + r.modelName() + "' in "
                            + store.directory().toAbsolutePath() + ": starting a fresh run");
                }
                yield latest;
            }
        };
        if (from.isEmpty()) {
            ComputationGraph graph = TrainingGraphs.build(r.modelConfig(), r.trainConfig(), data.classWeights(), ipe);
            return new Outcome(new RunState(r.modelName(), r.trainConfig(), modelJson, graph, TrainingProgress.start(),
                    ipe, data.checksums(), Provenance.current(), null, null, data.featureExtractor()), true, Map.of(), null);
        }
        Path path = from.get();
        CheckpointMetadata m = CheckpointStore.readMetadata(path);
        requireCompatible(path, m, r, modelJson, data, ipe);
        String stop = stopReasonOnResume(m, r.trainConfig().epochs());
        if (stop != null && Files.isRegularFile(resultsJson)) {
            ModelResults done = ModelResults.read(resultsJson);
            if (done.epochsCompleted() == m.epoch()) {
                return new Outcome(null, false, Map.of(), done);
            }
        }
        Path best = store.bestPath(r.modelName());
        if (m.progress().bestEpoch() > 0 && !Files.isRegularFile(best)) {
            // Found now rather than after the remaining epochs, when the final evaluation needs it.
            throw new RunRefusedException("cannot resume from " + path + ": the run's best checkpoint (epoch "
                    + m.progress().bestEpoch() + ") is not in the checkpoint folder: expected " + best.toAbsolutePath()
                    + "; copy it there or start over");
        }
        Checkpoint c = CheckpointStore.load(path);
        if (c.graph().getConfiguration().getIterationCount() != m.iterationCount()) {
            throw new RunRefusedException("checkpoint " + path + ": model iteration count "
                    + c.graph().getConfiguration().getIterationCount() + " differs from its metadata ("
                    + m.iterationCount() + ")");
        }
        r.notice("resuming model '" + r.modelName() + "' after epoch " + m.epoch() + " of " + r.trainConfig().epochs()
                + " from " + path);
        return new Outcome(new RunState(r.modelName(), r.trainConfig(), modelJson, c.graph(), m.progress(), ipe,
                data.checksums(), Provenance.current(), stop, null, data.featureExtractor()), false, m.callbackState(),
                null);
    }

    /** The stop reason of a run that trained every epoch it was given. */
    static String completedAll(int epochs) {
        return epochs == 1 ? "completed its 1 epoch" : "completed all " + epochs + " epochs";
    }

    /**
     * Why a run restored from {@code m} is already over with an epoch limit of {@code epochs}, or null when it
     * continues. A run stopped only by its old epoch limit continues under a larger one; an early stop is final;
     * never null for a run that has reached its limit, so a results file always says why it ended.
     */
    static String stopReasonOnResume(CheckpointMetadata m, int epochs) {
        boolean stoppedByOldLimit = m.epoch() >= m.trainConfig().epochs();
        if (m.stopReason() != null && !stoppedByOldLimit) {
            return m.stopReason();
        }
        return m.epoch() >= epochs ? completedAll(epochs) : null;
    }

    private static void requireCompatible(Path path, CheckpointMetadata m, TrainingRequest r, JsonNode modelJson,
                                          TrainingData data, int ipe) {
        if (!m.modelName().equals(r.modelName())) {
            throw new RunRefusedException("checkpoint " + path + " belongs to model '" + m.modelName()
                    + "', not '" + r.modelName() + "'");
        }
        requireSameJson(path, "model config", m.modelConfig(), modelJson, Set.of());
        Monitor was = m.trainConfig().monitored();
        Monitor now = r.trainConfig().monitored();
        if (!was.equals(now)) {
            // The checkpoint's best epoch and patience counter were decided by its monitor; continuing them under
            // another would stop early or keep a "best" model by a rule this run did not ask for.
            throw new RunRefusedException("cannot resume from " + path + ": the run's best epoch and patience are"
                    + " by monitor " + was.column() + " (" + was.mode().key() + "), this run asks for " + now.column()
                    + " (" + now.mode().key() + "); resume with --monitor " + was.column()
                    + " (train config key monitor) or start over (--force)");
        }
        requireSameJson(path, "train config", Json.mapper().valueToTree(m.trainConfig()),
                Json.mapper().valueToTree(r.trainConfig()), RESUMABLE_CHANGES);
        requireSameInputs(path, m.inputChecksums(), data.checksums());
        if (m.iterationsPerEpoch() != ipe) {
            throw new RunRefusedException("checkpoint " + path + ": iterations_per_epoch "
                    + m.iterationsPerEpoch() + ", the data and the way they are trained (batch size; on Spark, the"
                    + " workers and averaging frequency) now give " + ipe);
        }
    }

    /**
     * Training keys a resume may change: the epoch limit, and the input checks, which decide whether to start but
     * not what is computed (the input checksums guard the data itself). A checkpoint written before a key existed
     * lacks it: the input checks are exempt for that reason too.
     */
    private static final Set<String> RESUMABLE_CHANGES = Set.of("epochs", "allow_zero_frames",
            "allow_missing_classes", "max_frames_limit");

    private static void requireSameJson(Path path, String what, JsonNode recorded, JsonNode now, Set<String> exempt) {
        for (Iterator<Map.Entry<String, JsonNode>> it = now.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (exempt.contains(e.getKey())) {
                continue;
            }
            JsonNode old = recorded.get(e.getKey());
            if (!e.getValue().equals(old)) {
                throw new RunRefusedException("cannot resume from " + path + ": " + what + " key '"
                        + e.getKey() + "' was " + old + " in the checkpoint, now " + e.getValue());
            }
        }
    }

    /** The input files' SHA-256 must be what the checkpoint recorded: other data could not give an exact resume. */
    private static void requireSameInputs(Path checkpoint, Map<String, String> recorded, Map<String, String> actual) {
        for (Map.Entry<String, String> e : recorded.entrySet()) {
            String now = actual.get(e.getKey());
            if (!java.util.Objects.equals(now, e.getValue())) {
                throw new RunRefusedException("cannot resume from " + checkpoint + ": input file " + e.getKey()
                        + " had SHA-256 " + e.getValue() + " when the checkpoint was written, now "
                        + (now == null ? "the file is not among the inputs" : now));
            }
        }
        for (String name : actual.keySet()) {
            if (!recorded.containsKey(name)) {
                throw new RunRefusedException("cannot resume from " + checkpoint + ": input file " + name
                        + " was not an input when the checkpoint was written");
            }
        }
    }
}
