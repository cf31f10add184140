package io.videoseq.app;

import io.videoseq.inference.manifest.EnsembleManifest;
import io.videoseq.inference.manifest.Sha256;
import java.util.List;
import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that reads a model file refuses a tampered one with exit 2 and one line naming the file:
 * a real checkpoint plus the "SerialDOS" {@code preprocessor.bin} (whose Java deserialization would never end),
 * and a truncated checkpoint.
 */
class TamperedModelFileTest {
    private static final String TINY = "{\"model\": {\"hidden_dim\": 4, \"num_lstm_layers\": 1,"
            + " \"num_attention_heads\": 2, \"head_dims\": [4, 4, 4], \"dropout\": 0.1},"
            + " \"training\": {\"batch_size\": 8, \"checkpoint_every\": 1}}";
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static Path serialDos;
    private static Path truncated;

    private static String p(String relative) {
        return dir.resolve(relative).toString();
    }

    private static String[] train(String... more) {
        String[] base = {"train", "--features-dir", p("data"), "--config", p("tiny.json"), "--output-dir",
            p("ckpt"), "--results-dir", p("res"), "--model-name", "tiny", "--monitor-interval", "60"};
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @BeforeAll
    static void trainOnceAndTamper() throws IOException {
        run("generate", "--out", p("data"), "--videos", "24", "--feature-dim", "6", "--classes", "2",
                "--min-frames", "3", "--max-frames", "6").assertOk();
        Files.writeString(dir.resolve("tiny.json"), TINY);
        run(train("--epochs", "1")).assertOk();
        Path best = dir.resolve("ckpt/best_tiny.zip");
        serialDos = withEntry(best, dir.resolve("serialdos.zip"), "preprocessor.bin", io.videoseq.model.io.SerialDos.payload());
        byte[] bytes = Files.readAllBytes(best);
        truncated = Files.write(dir.resolve("truncated.zip"), Arrays.copyOf(bytes, bytes.length - 100));
    }

    private static void assertRefused(Path file, String... args) {
        CliRunner.Run r = assertTimeoutPreemptively(LIMIT, () -> run(args));
        r.assertBadInput(file.toString());
        if (file.equals(serialDos)) {
            assertTrue(r.err().contains("entry preprocessor.bin: expected only configuration.json"), r.err());
        }
    }

    @Test
    void predictRefusesTamperedModels() {
        for (Path bad : new Path[] {serialDos, truncated}) {
            assertRefused(bad, "predict", "--model", bad.toString(), "--features", p("data/test_features.h5"),
                    "--out", p("never.csv"));
        }
        assertTrue(Files.notExists(dir.resolve("never.csv")));
    }

    @Test
    void evaluateRefusesTamperedModels() {
        for (Path bad : new Path[] {serialDos, truncated}) {
            assertRefused(bad, "evaluate", "--model", bad.toString(), "--features", p("data/test_features.h5"));
        }
    }

    @Test
    void trainResumeRefusesTamperedCheckpoints() {
        for (Path bad : new Path[] {serialDos, truncated}) {
            assertRefused(bad, train("--epochs", "2", "--resume", bad.toString()));
        }
    }

    @Test
    void ensembleResumeRefusesATamperedMemberCheckpoint() throws IOException {
        Path member = Files.createDirectories(dir.resolve("ens-ckpt")).resolve("ens_model_1_checkpoint_epoch_1.zip");
        Files.copy(serialDos, member);
        assertRefused(member, "ensemble", "--features-dir", p("data"), "--config", p("tiny.json"), "--num-models",
                "2", "--epochs", "2", "--output-dir", p("ens-ckpt"), "--results-dir", p("ens-res"), "--model-name",
                "ens", "--resume", "latest");
    }

    @Test
    void manifestsAreConfinedToTheirFolderAndCheckedBeforeLoading() throws IOException {
        Path best = dir.resolve("ckpt/best_tiny.zip");
        Path good = dir.resolve("ckpt/tiny_ensemble.json");
        EnsembleManifest.of(best.getParent(), List.of(best), List.of("class_0", "class_1")).write(good);
        run("evaluate", "--manifest", good.toString(), "--features", p("data/test_features.h5")).assertOk();

        Path elsewhere = Files.createDirectories(dir.resolve("shared")).resolve("outside_ensemble.json");
        Files.writeString(elsewhere, "{\"format\": \"" + EnsembleManifest.FORMAT + "\", \"members\": [{\"path\":"
                + " \"../ckpt/best_tiny.zip\", \"sha256\": \"" + Sha256.of(best) + "\"}]}");
        for (String command : List.of("evaluate", "predict")) {
            assertRefused(elsewhere, command, "--manifest", elsewhere.toString(), "--features",
                    p("data/test_features.h5"), "--out", p("never." + command));
        }

        Path tampered = dir.resolve("ckpt/tampered_ensemble.json");
        EnsembleManifest.of(best.getParent(), List.of(best), List.of()).write(tampered);
        Path copy = Files.copy(serialDos, dir.resolve("ckpt/serialdos_member.zip"));
        Files.writeString(tampered, Files.readString(tampered).replace("best_tiny.zip", copy.getFileName().toString()));
        CliRunner.Run r = run("predict", "--manifest", tampered.toString(), "--features", p("data/test_features.h5"),
                "--out", p("never.csv"));
        r.assertBadInput("expected SHA-256");
        run("evaluate", "--model", best.toString(), "--manifest", good.toString(), "--features",
                p("data/test_features.h5")).assertBadInput("not both");
    }

    /**
     * A manifest listing one member 2,000 times: exit 2 with one line naming the manifest and the duplicate, before
     * any member is hashed (hashing it 2,000 times is what used to keep such a run busy for minutes).
     */
    @Test
    void aManifestListingOneMemberManyTimesIsRefusedByName() throws IOException {
        Path best = dir.resolve("ckpt/best_tiny.zip");
        Path manifest = dir.resolve("ckpt/repeated_ensemble.json");
        String member = "{\"path\": \"best_tiny.zip\", \"sha256\": \"" + Sha256.of(best) + "\"}";
        Files.writeString(manifest, "{\"format\": \"" + EnsembleManifest.FORMAT + "\", \"members\": ["
                + String.join(", ", Collections.nCopies(2000, member)) + "]}");
        for (String command : List.of("evaluate", "predict")) {
            CliRunner.Run r = run(command, "--manifest", manifest.toString(), "--features",
                    p("data/test_features.h5"), "--out", p("never." + command));
            r.assertBadInput(manifest + ": member 2 (best_tiny.zip): expected each model once, found the same file"
                    + " as member 1 (best_tiny.zip)");
        }
    }

    /** {@code from} with the entry {@code name} added. */
    private static Path withEntry(Path from, Path to, String name, byte[] bytes) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile());
             OutputStream file = Files.newOutputStream(to);
             ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry e : Collections.list(in.entries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(in.getInputStream(e).readAllBytes());
            }
            out.putNextEntry(new ZipEntry(name));
            out.write(bytes);
        }
        return to;
    }
}
