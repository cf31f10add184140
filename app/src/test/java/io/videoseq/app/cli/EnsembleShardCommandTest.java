package io.videoseq.app.cli;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.app.CliRunner.Run;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.TemporalModelFactory;
import io.videoseq.inference.manifest.EnsembleManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code ensemble --members} / {@code --collect} and {@code ensemble-edit} in-process: two one-member shards, then
 * the collection, then a manifest edited from it. The numbers' equality with a full run is
 * {@code EnsembleShardTest}'s (training module); here: what is written, printed and refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnsembleShardCommandTest {
    private static final String TINY = "{\"model\": {\"hidden_dim\": 4, \"num_lstm_layers\": 1,"
            + " \"num_attention_heads\": 2, \"head_dims\": [4, 4, 4]},"
            + " \"training\": {\"batch_size\": 8, \"epochs\": 1}}";

    @TempDir
    static Path dir;

    @BeforeAll
    static void tinyData() throws Exception {
        run("generate", "--out", p("data"), "--videos", "20", "--feature-dim", "4", "--classes", "2",
                "--min-frames", "3", "--max-frames", "6").assertOk();
        Files.writeString(dir.resolve("tiny.json"), TINY);
    }

    private static String p(String relative) {
        return dir.resolve(relative).toString();
    }

    private static Run ensemble(String... more) {
        List<String> args = new ArrayList<>(List.of("ensemble", "--features-dir", p("data"), "--config",
                p("tiny.json"), "--num-models", "2", "--model-name", "ens", "--output-dir", p("ckpt"),
                "--results-dir", p("res")));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @Order(1)
    @CsvSource(delimiter = '|', value = {
        "--members 0          | --members 0: expected member numbers in [1, 2], found 0 (--num-models 2)",
        "--members 3          | --members 3: expected member numbers in [1, 2], found 3",
        "--members 1;x        | --members 1;x: expected member numbers such as 3, 1,3 or 2-4, found '1;x'",
        "--members 1 --collect | --members 1 and --collect exclude each other",
        "--collect --resume latest | --collect and --resume latest exclude each other",
        "--collect            | ensemble 'ens' of 2: expected at least one complete member",
    })
    void refusedWithOneLine(String options, String message) {
        ensemble(options.split(" ")).assertBadInput(message);
        assertTrue(Files.notExists(dir.resolve("ckpt/ens_ensemble.json")));
    }

    @Test
    @Order(2)
    void shardsThenCollect() throws Exception {
        Run first = ensemble("--members", "1");
        first.assertOk();
        assertTrue(first.out().contains("shard            members 1 of 2 done; no ensemble files written"),
                first.out());
        assertTrue(Files.isRegularFile(dir.resolve("ckpt/best_ens_model_1.zip")));
        assertTrue(Files.notExists(dir.resolve("ckpt/best_ens_model_2.zip")), "only the selected member");
        assertTrue(Files.notExists(dir.resolve("ckpt/ens_ensemble.json")));
        assertTrue(Files.notExists(dir.resolve("res/ensemble_final_results.json")));
        ensemble("--members", "1").assertBadInput("--force");

        ensemble("--members", "2").assertOk();
        Run collect = ensemble("--collect");
        collect.assertOk();
        assertTrue(collect.out().contains("collected        members 1, 2 of 2"), collect.out());
        assertTrue(collect.out().contains("ensemble of 2:"), collect.out());
        assertTrue(!collect.out().contains("left out"), collect.out());
        EnsembleManifest m = EnsembleManifest.read(dir.resolve("ckpt/ens_ensemble.json"));
        assertEquals(List.of("best_ens_model_1.zip", "best_ens_model_2.zip"),
                m.members().stream().map(EnsembleManifest.Member::path).toList());
        assertTrue(Files.isRegularFile(dir.resolve("res/ensemble_final_results.json")));
    }

    @Test
    @Order(3)
    void collectListsWhatIsMissing() {
        Run r = run("ensemble", "--features-dir", p("data"), "--config", p("tiny.json"), "--num-models", "3",
                "--model-name", "ens", "--output-dir", p("ckpt"), "--results-dir", p("res3"), "--collect");
        // Another results folder: no member's results are there, so none is complete.
        r.assertBadInput("member 1 (ens_model_1): not finished (checkpoints but no " + p("res3"));
        assertTrue(r.err().contains("member 3 (ens_model_3): not trained"), r.err());
        Run three = run("ensemble", "--features-dir", p("data"), "--config", p("tiny.json"), "--num-models", "3",
                "--model-name", "ens", "--output-dir", p("ckpt"), "--results-dir", p("res"), "--collect", "--force");
        three.assertOk();
        assertTrue(three.out().contains("left out         member 3 (ens_model_3): not trained"), three.out());
        assertTrue(three.out().contains("collected        members 1, 2 of 3"), three.out());
    }

    @Test
    @Order(4)
    void editWritesANewManifest() throws Exception {
        Path in = dir.resolve("ckpt/ens_ensemble.json");
        byte[] before = Files.readAllBytes(in);
        Run r = run("ensemble-edit", "--manifest", in.toString(), "--drop", "2", "--out", p("ckpt/one.json"));
        r.assertOk();
        assertEquals(List.of("best_ens_model_1.zip"), EnsembleManifest.read(dir.resolve("ckpt/one.json")).members()
                .stream().map(EnsembleManifest.Member::path).toList());
        assertArrayEquals(before, Files.readAllBytes(in));

        run("ensemble-edit", "--manifest", in.toString(), "--drop", "2", "--out", in.toString(), "--force")
                .assertBadInput("found --manifest itself");
        run("ensemble-edit", "--manifest", in.toString(), "--drop", "1", "--out", p("ckpt/one.json"))
                .assertBadInput("--out " + p("ckpt/one.json") + ": the file exists; add --force");
        run("ensemble-edit", "--manifest", in.toString(), "--drop", "1,2", "--out", p("ckpt/none.json"))
                .assertBadInput("expected at least one member left");
        run("ensemble-edit", "--manifest", in.toString(), "--drop", "x", "--out", p("ckpt/none.json"))
                .assertBadInput("--drop x: expected member numbers such as 2 or 1,3, found 'x'");
        run("ensemble-edit", "--manifest", in.toString(), "--out", p("ckpt/none.json"))
                .assertBadInput("expected --drop K or --add M.zip, found neither");

        Path wide = dir.resolve("ckpt/wide.zip");
        ModelSerializer.writeModel(TemporalModelFactory.build(ModelConfig.builder().featureDim(5).numClasses(2)
                .hiddenDim(4).numLstmLayers(1).numAttentionHeads(2).headDims(4, 4, 4).build()), wide.toFile(), false);
        run("ensemble-edit", "--manifest", in.toString(), "--add", wide.toString(), "--out", p("ckpt/none.json"))
                .assertBadInput("found 5 features per frame, 2 classes");
        assertTrue(Files.notExists(dir.resolve("ckpt/none.json")), "a refused edit writes nothing");

        run("ensemble-edit", "--manifest", p("ckpt/one.json"), "--add", p("ckpt/best_ens_model_2.zip"), "--out",
                p("ckpt/one.json"), "--force").assertBadInput("never edited in place");
        run("ensemble-edit", "--manifest", p("ckpt/one.json"), "--add", p("ckpt/best_ens_model_2.zip"), "--out",
                p("ckpt/two.json")).assertOk();
        // the same files and checksums; member 2, added back by file, no longer carries what training recorded
        List<EnsembleManifest.Member> collected = EnsembleManifest.read(in).members();
        List<EnsembleManifest.Member> edited = EnsembleManifest.read(dir.resolve("ckpt/two.json")).members();
        assertEquals(collected.stream().map(m -> m.path() + " " + m.sha256()).toList(),
                edited.stream().map(m -> m.path() + " " + m.sha256()).toList(),
                "dropping member 2 and adding it back names the files collect wrote");
        assertEquals(collected.get(0), edited.get(0), "the kept member keeps its details");
        assertEquals(null, edited.get(1).testAccuracy());
    }
}
