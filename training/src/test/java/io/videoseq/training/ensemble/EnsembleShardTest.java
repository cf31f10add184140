package io.videoseq.training.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.videoseq.training.TrainConfig;
import io.videoseq.inference.manifest.EnsembleManifest;
import io.videoseq.training.io.Json;
import io.videoseq.training.metrics.Direction;
import io.videoseq.training.metrics.Metric;
import io.videoseq.training.metrics.MetricRegistry;
import io.videoseq.training.run.ResumeFrom;
import io.videoseq.training.run.RunRefusedException;
import io.videoseq.training.run.TinyRun;
import io.videoseq.training.run.TrainingRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ensemble trained as shards (one member per invocation, as on two machines) and then collected is the
 * ensemble one full run gives: the same numbers in {@code ensemble_final_results.json}.
 */
class EnsembleShardTest {

    @Test
    void twoShardsThenCollectGiveTheFullRunsResults(@TempDir Path tmp) throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"));
        TrainConfig c = TinyRun.config().toBuilder().epochs(2).build();
        TrainingRequest full = TinyRun.request(data, tmp.resolve("full"), "ens", c);
        EnsembleTrainer.train(full, 2, () -> { });

        TrainingRequest shard = TinyRun.request(data, tmp.resolve("shard"), "ens", c);
        Path manifest = EnsembleTrainer.manifestPath(shard.checkpointDir(), "ens");
        Path results = shard.resultsDir().resolve(EnsembleTrainer.RESULTS_FILE);
        RunRefusedException none = assertThrows(RunRefusedException.class,
                () -> EnsembleCollector.collect(shard, 2));
        assertTrue(none.getMessage().contains("found none (member 1 (ens_model_1): not trained"), none.getMessage());
        assertTrue(none.getMessage().contains("train it with --members 2"), none.getMessage());
        assertTrue(Files.notExists(manifest) && Files.notExists(results), "a refused collection writes nothing");

        List<io.videoseq.training.run.ModelResults> second = EnsembleTrainer.trainShard(shard,
                MemberSelection.parse("2", 2), () -> { });
        assertEquals(List.of("ens_model_2"), second.stream().map(r -> r.modelName()).toList());
        assertEquals(43L, second.get(0).seed(), "member 2 has the seed a full run gives it, alone as well");
        assertTrue(Files.notExists(manifest) && Files.notExists(results), "a shard writes no ensemble files");
        assertTrue(Files.notExists(shard.resultsDir().resolve("ens_model_1_results.json")), "only member 2");

        // Half an ensemble: collected with the missing member named, and what to run for it.
        EnsembleCollector.Collected half = EnsembleCollector.collect(shard, 2);
        assertEquals(List.of(2), half.included());
        assertEquals(1, half.missing().size());
        assertTrue(half.missing().get(0).startsWith("member 1 (ens_model_1): not trained"), half.missing().get(0));
        assertEquals(half.missing(), half.results().missing(), "the results file records what was left out");
        assertEquals(1, EnsembleManifest.read(manifest).members().size());

        EnsembleTrainer.trainShard(shard, MemberSelection.parse("1", 2), () -> { });
        // The manifest of one member is not replaced silently by one of two: it may be the user's.
        RunRefusedException other = assertThrows(RunRefusedException.class,
                () -> EnsembleCollector.collect(shard, 2));
        assertTrue(other.getMessage().startsWith(manifest + ": exists and names members [best_ens_model_2.zip]"),
                other.getMessage());
        EnsembleCollector.Collected all = EnsembleCollector.collect(shard.withResume(ResumeFrom.replace()), 2);
        assertEquals(List.of(1, 2), all.included());
        assertEquals(List.of(), all.missing());

        // Same numbers as the full run. Only the members' best_checkpoint differs: it is the path in each run's
        // own checkpoint folder.
        JsonNode fullJson = withoutCheckpointPaths(full.resultsDir().resolve(EnsembleTrainer.RESULTS_FILE));
        JsonNode shardJson = withoutCheckpointPaths(results);
        assertEquals(fullJson, shardJson);
        assertTrue(!shardJson.has("missing"), "a complete collection writes what a full run writes");
        // The manifests name the same files; their SHA-256 differ because a checkpoint records when it was written.
        EnsembleManifest a = EnsembleManifest.read(EnsembleTrainer.manifestPath(full.checkpointDir(), "ens"));
        EnsembleManifest b = EnsembleManifest.read(manifest);
        assertEquals(a.classNames(), b.classNames());
        assertEquals(a.members().stream().map(EnsembleManifest.Member::path).toList(),
                b.members().stream().map(EnsembleManifest.Member::path).toList());
        b.verify(manifest);
    }

    @Test
    void aMemberOfAnotherConfigurationIsLeftOutNotMixedIn(@TempDir Path tmp) throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"));
        TrainConfig c = TinyRun.config().toBuilder().epochs(1).build();
        TrainingRequest base = TinyRun.request(data, tmp, "ens", c);
        EnsembleTrainer.trainShard(base, MemberSelection.parse("1", 2), () -> { });
        EnsembleTrainer.trainShard(base.withTrainConfig(c.toBuilder().batchSize(4).build()),
                MemberSelection.parse("2", 2), () -> { });

        EnsembleCollector.Collected r = EnsembleCollector.collect(base, 2);
        assertEquals(List.of(1), r.included());
        assertTrue(r.missing().get(0).contains("trained with another configuration (key 'batch_size' is 4 in the"
                + " member, 8 now)"), r.missing().get(0));

        RunRefusedException seeds = assertThrows(RunRefusedException.class, () -> EnsembleCollector.collect(
                base.withTrainConfig(c.withSeed(7)).withResume(ResumeFrom.replace()), 2));
        assertTrue(seeds.getMessage().contains("records seed 42, this ensemble gives member 1 seed 7"),
                seeds.getMessage());
    }

    /**
     * Members monitored by a library metric: trained as a shard and collected with the registry that has it (the
     * members record the metric's mode, which the collection compares with); without that registry, refused.
     */
    @Test
    void membersByALibraryMetricAreCollectedWithItsRegistry(@TempDir Path tmp) throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"));
        MetricRegistry metrics = MetricRegistry.builtIn().with(Metric.scalar("spread", Direction.MIN, s -> 1.0));
        TrainConfig c = TinyRun.config().toBuilder().epochs(1).monitor("val_spread").build();
        TrainingRequest base = TinyRun.request(data, tmp, "ens", c).withMetrics(metrics);
        List<io.videoseq.training.run.ModelResults> trained = EnsembleTrainer.trainShard(base,
                MemberSelection.parse("1", 1), () -> { });
        assertEquals(Direction.MIN, trained.get(0).trainConfig().mode());

        RunRefusedException without = assertThrows(RunRefusedException.class,
                () -> EnsembleCollector.collect(base.withMetrics(MetricRegistry.builtIn()), 1));
        assertTrue(without.getMessage().startsWith("train config: monitor = \"val_spread\", expected one of"),
                without.getMessage());
        EnsembleCollector.Collected all = EnsembleCollector.collect(base, 1);
        assertEquals(List.of(1), all.included());
        assertEquals(List.of(), all.missing());
    }

    private static JsonNode withoutCheckpointPaths(Path file) throws Exception {
        JsonNode json = Json.mapper().readTree(file.toFile());
        for (JsonNode m : json.get("members")) {
            ((ObjectNode) m).remove("best_checkpoint");
        }
        return json;
    }
}
