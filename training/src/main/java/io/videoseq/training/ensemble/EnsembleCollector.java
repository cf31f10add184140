package io.videoseq.training.ensemble;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.checkpoint.RunLock;
import io.videoseq.training.checkpoint.RunLockedException;
import io.videoseq.training.eval.TestReport;
import io.videoseq.inference.manifest.EnsembleManifest;
import io.videoseq.training.io.Json;
import io.videoseq.training.run.ModelResults;
import io.videoseq.training.run.ResumeFrom;
import io.videoseq.training.run.RunRefusedException;
import io.videoseq.training.run.Trainer;
import io.videoseq.training.run.TrainingData;
import io.videoseq.training.run.TrainingRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds an ensemble from members that were trained elsewhere — as shards ({@link EnsembleTrainer#trainShard}),
 * possibly on several machines — and trains nothing: every complete member of the {@code n} the request asks for
 * is evaluated on the test split from its best checkpoint, and {@code ensemble_final_results.json} and the manifest
 * {@code {prefix}_ensemble.json} are written as a full run writes them, for the members found.
 *
 * <p>A member is complete when its {@code {name}_results.json} is in the results folder, its best checkpoint in
 * the checkpoint folder, no run holds its lock, and it was trained as this ensemble asks: the seed a full run
 * gives it, the same model and training configuration (but for the input checks, which do not change what is
 * computed), on the same input files. Anything else is left out with one line saying why and what to run, so
 * that members of another ensemble or other data are never mixed in.
 *
 * <p>An existing manifest or results file that names other members is not replaced unless the request's resume
 * is {@link ResumeFrom#replace()} ({@code --force}): it may be a user's edit.
 */
public final class EnsembleCollector {

    /** Input checks: they decide whether a run starts, not what it computes (as a resume allows). */
    private static final Set<String> NOT_COMPARED = Set.of("allow_zero_frames", "allow_missing_classes",
            "max_frames_limit");

    private EnsembleCollector() {
    }

    /**
     * What a collection found and wrote.
     *
     * @param results     the ensemble's results, as written
     * @param included    the member numbers (1-based) in the ensemble
     * @param missing     one line per member left out, saying why
     * @param resultsFile {@code ensemble_final_results.json}
     * @param manifest    {@code {prefix}_ensemble.json}
     */
    public record Collected(EnsembleResults results, List<Integer> included, List<String> missing, Path resultsFile,
                            Path manifest) {
    }

    /**
     * @param base    the request a full run of the ensemble would get (prefix, folders, configuration, seed)
     * @param members the ensemble's member count {@code n}
     * @throws RunRefusedException when no member is complete, or an existing output names other members
     */
    public static Collected collect(TrainingRequest request, int members) throws IOException {
        EnsembleTrainer.requireMemberCount(members);
        // The members' configurations record their monitor's decided mode: compare with that.
        TrainingRequest base = request.withMonitorResolved();
        CheckpointStore store = new CheckpointStore(base.checkpointDir());
        TrainingData data = base.data() != null ? base.data() : TrainingData.open(base.featuresDir(),
                base.trainConfig());
        List<RunLock> locks = new ArrayList<>();
        try {
            List<Integer> included = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (int i = 0; i < members; i++) {
                String problem = check(base, store, data, i, locks);
                if (problem == null) {
                    included.add(i + 1);
                } else {
                    missing.add("member " + (i + 1) + " (" + EnsembleTrainer.memberName(base.modelName(), i) + "): "
                            + problem);
                }
            }
            if (included.isEmpty()) {
                throw new RunRefusedException("ensemble '" + base.modelName() + "' of " + members + ": expected at"
                        + " least one complete member in " + base.checkpointDir() + " and " + base.resultsDir()
                        + ", found none (" + String.join("; ", missing) + ")");
            }
            List<Path> bests = included.stream()
                    .map(k -> store.bestPath(EnsembleTrainer.memberName(base.modelName(), k - 1))).toList();
            EnsembleManifest manifest = EnsembleManifest.of(base.checkpointDir(), bests,
                    data.train().classNames());
            Path manifestFile = EnsembleTrainer.manifestPath(base.checkpointDir(), base.modelName());
            Path resultsFile = base.resultsDir().resolve(EnsembleTrainer.RESULTS_FILE);
            List<String> names = included.stream()
                    .map(k -> EnsembleTrainer.memberName(base.modelName(), k - 1)).toList();
            if (base.resume().kind() != ResumeFrom.Kind.REPLACE) {
                requireSameOrAbsent(manifestFile, manifest.members().stream().map(EnsembleManifest.Member::path)
                        .toList(), manifestMembers(manifestFile));
                requireSameOrAbsent(resultsFile, names, resultsMembers(resultsFile));
            }
            List<ModelResults> results = new ArrayList<>();
            List<TestReport> reports = new ArrayList<>();
            for (int k : included) {
                String name = EnsembleTrainer.memberName(base.modelName(), k - 1);
                results.add(ModelResults.read(base.resultsDir().resolve(name + "_results.json")));
                reports.add(Trainer.evaluate(base.metrics(), store.bestPath(name), data,
                        EnsembleTrainer.memberConfig(base, k - 1)));
            }
            EnsembleResults out = EnsembleTrainer.summarise(results, reports, missing);
            Json.write(resultsFile, out);
            EnsembleTrainer.describedManifest(manifest, base, out, results).write(manifestFile);
            return new Collected(out, List.copyOf(included), List.copyOf(missing), resultsFile, manifestFile);
        } finally {
            locks.forEach(RunLock::close);
            if (base.data() == null) {
                data.close();
            }
        }
    }

    /**
     * Null when member {@code i} (0-based) is complete and trained as this ensemble asks (its lock is then held
     * in {@code locks} until the collection ends, so that no run replaces its checkpoint meanwhile), else why not.
     */
    private static String check(TrainingRequest base, CheckpointStore store, TrainingData data, int i,
                                List<RunLock> locks) {
        String name = EnsembleTrainer.memberName(base.modelName(), i);
        Path json = base.resultsDir().resolve(name + "_results.json");
        Path best = store.bestPath(name);
        if (!Files.exists(json)) {
            return store.all(name).isEmpty()
                    ? "not trained (no " + json + "); train it with --members " + (i + 1)
                    : "not finished (checkpoints but no " + json + "); finish it with --members " + (i + 1)
                    + " --resume latest";
        }
        if (!Files.isRegularFile(best)) {
            return "no best checkpoint " + best + " beside its results " + json + "; copy the member's checkpoint"
                    + " folder too";
        }
        RunLock lock;
        try {
            lock = RunLock.acquire(base.checkpointDir(), name);
        } catch (RunLockedException e) {
            return "being trained now (" + e.getMessage() + ")";
        }
        locks.add(lock);
        ModelResults r = ModelResults.read(json);
        TrainConfig expected = EnsembleTrainer.memberConfig(base, i);
        if (r.seed() != expected.seed()) {
            return json + " records seed " + r.seed() + ", this ensemble gives member " + (i + 1) + " seed "
                    + expected.seed() + " (--seed + " + i + ")";
        }
        String differs = firstDifference(Json.mapper().valueToTree(expected),
                Json.mapper().valueToTree(r.trainConfig()), NOT_COMPARED);
        if (differs == null) {
            differs = firstDifference(Json.mapper().valueToTree(base.modelConfig()), r.modelConfig(), Set.of());
        }
        if (differs != null) {
            return json + ": trained with another configuration (" + differs + ")";
        }
        Map<String, String> inputs = CheckpointStore.readMetadata(best).inputChecksums();
        if (!Objects.equals(inputs, data.checksums())) {
            return best + ": trained on other input files (SHA-256 " + inputs + ", the features now give "
                    + data.checksums() + ")";
        }
        return null;
    }

    /** {@code key 'k' was X in the member, now Y}, for the first key of {@code now} that differs; else null. */
    private static String firstDifference(JsonNode now, JsonNode recorded, Set<String> exempt) {
        for (Iterator<Map.Entry<String, JsonNode>> it = now.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = recorded == null ? null : recorded.get(e.getKey());
            if (!exempt.contains(e.getKey()) && !e.getValue().equals(old)) {
                return "key '" + e.getKey() + "' is " + old + " in the member, " + e.getValue() + " now";
            }
        }
        return null;
    }

    private static void requireSameOrAbsent(Path file, List<String> now, List<String> existing) {
        if (existing != null && !existing.equals(now)) {
            throw new RunRefusedException(file + ": exists and names members " + existing + ", the collection"
                    + " would name " + now + "; --force replaces it (keep an edited manifest under another name:"
                    + " ensemble-edit --out)");
        }
    }

    /** The member paths of an existing manifest; null when there is none; an unreadable one names nothing. */
    private static List<String> manifestMembers(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return Json.mapper().readValue(file.toFile(), EnsembleManifest.class).members().stream()
                    .map(EnsembleManifest.Member::path).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The member names of an existing {@code ensemble_final_results.json}; null when there is none. */
    private static List<String> resultsMembers(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        List<String> names = new ArrayList<>();
        try {
            for (JsonNode m : Json.mapper().readTree(file.toFile()).path("members")) {
                names.add(m.path("model_name").asText());
            }
        } catch (IOException e) {
            return List.of();
        }
        return names;
    }
}
