package io.videoseq.app.trust;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.app.ExitCodes;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.run.ModelResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM on a real {@code videoseq train} process: the exit code says which signal, one line says
 * which epoch is saved and the exact command that resumes, no temporary file is left, and that command finishes
 * the run.
 */
class InterruptTest {
    static final String TINY = "{\"model\": {\"hidden_dim\": 8, \"num_lstm_layers\": 1,"
            + " \"num_attention_heads\": 2, \"head_dims\": [8, 8, 8], \"dropout\": 0.1},"
            + " \"training\": {\"batch_size\": 8}}";
    private static final int EPOCHS = 25;

    @TempDir
    Path dir;

    static void tinyData(Path dir) throws IOException {
        run("generate", "--out", dir.resolve("data").toString(), "--videos", "36", "--feature-dim", "8",
                "--classes", "3", "--min-frames", "3", "--max-frames", "8", "--seed", "7").assertOk();
        Files.writeString(dir.resolve("tiny.json"), TINY);
    }

    static List<String> trainArgs(Path dir, String name, int epochs) {
        return List.of("train", "--features-dir", dir.resolve("data").toString(), "--config",
                dir.resolve("tiny.json").toString(), "--output-dir", dir.resolve("ckpt").toString(), "--results-dir",
                dir.resolve("res").toString(), "--model-name", name, "--epochs", String.valueOf(epochs),
                "--monitor-interval", "60");
    }

    @Test
    void ctrlCSavesTheEpochSaysHowToResumeAndTheCommandFinishesTheRun() throws Exception {
        tinyData(dir);
        String line = interrupt("sigint", "INT", ExitCodes.INTERRUPTED);
        String resume = line.substring(line.indexOf("resume with: ") + "resume with: ".length()).trim();
        List<String> expected = new ArrayList<>(List.of("videoseq"));
        expected.addAll(trainArgs(dir, "sigint", EPOCHS));
        expected.addAll(List.of("--resume", "latest"));
        assertEquals(String.join(" ", expected), resume);

        List<String> words = Arrays.asList(resume.split(" "));
        run(words.subList(1, words.size()).toArray(String[]::new)).assertOk();
        ModelResults done = ModelResults.read(dir.resolve("res/sigint_results.json"));
        assertEquals(done.epochsCompleted(), done.history().epochs().size(), "the history has every epoch");
        assertTrue(done.stopReason() != null && done.epochsCompleted() > 1, done.stopReason());
    }

    @Test
    void sigtermExits143WithTheSameNotice() throws Exception {
        tinyData(dir);
        interrupt("sigterm", "TERM", ExitCodes.TERMINATED);
    }

    /** Starts a run, signals it once an epoch is saved; returns the notice line after checking what it promises. */
    private String interrupt(String name, String signal, int expectedCode) throws Exception {
        Process child = ChildCli.start(List.of(), trainArgs(dir, name, EPOCHS).toArray(String[]::new));
        try {
            CheckpointStore store = new CheckpointStore(dir.resolve("ckpt"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!savedAnEpoch(store, name)) {
                assertTrue(child.isAlive(), "the run ended before it could be interrupted");
                assertTrue(System.nanoTime() < deadline, "no epoch saved within 120 s");
                Thread.sleep(20);
            }
            new ProcessBuilder("kill", "-" + signal, String.valueOf(child.pid())).start().waitFor();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the run did not stop on SIG" + signal);
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(expectedCode, child.exitValue(), output);
            List<String> notices = output.lines().filter(l -> l.startsWith("videoseq train: interrupted")).toList();
            assertEquals(1, notices.size(), output);
            String line = notices.get(0);
            assertTrue(line.matches("videoseq train: interrupted: model '" + name + "' has epoch \\d+ of " + EPOCHS
                    + " saved in .*" + name + "_last\\.zip; resume with: videoseq train .*--resume latest"), line);
            assertEquals(0, temporaries(), "no temporary file is left behind");
            return line;
        } finally {
            child.destroyForcibly();
        }
    }

    private static boolean savedAnEpoch(CheckpointStore store, String name) {
        try {
            return Files.exists(store.lastPath(name)) && CheckpointStore.readMetadata(store.lastPath(name)).epoch() >= 1;
        } catch (RuntimeException beingReplaced) {
            return false;
        }
    }

    private long temporaries() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(f -> f.getFileName().toString().startsWith(".videoseq-tmp.")).count();
        }
    }
}
