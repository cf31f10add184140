package io.videoseq.app.trust;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.videoseq.app.ExitCodes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Problems of the machine the user can fix end with exit 2 and one line naming the path and the OS reason: a
 * full disk, a read-only folder, a run already in progress, no ND4J backend. A refused run writes nothing.
 */
class EnvironmentErrorsTest {
    @TempDir
    Path dir;

    private String[] train(String name, String... more) {
        return train(name, 2, more);
    }

    private String[] train(String name, int epochs, String... more) {
        List<String> args = new ArrayList<>(InterruptTest.trainArgs(dir, name, epochs));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aFullDiskIsOneLineNamingThePathAndTheReason() throws Exception {
        InterruptTest.tinyData(dir);
        Path small = dir.resolve("ckpt");
        try (TmpfsMount mount = TmpfsMount.of(small, "size=64k")) {
            assumeTrue(mount != null, "mounting a tmpfs needs root (CI runs as root)");
            run(train("full")).assertBadInput("No space left on device");
        }
    }

    @Test
    void aReadOnlyResultsFolderIsOneLineNamingThePathAndTheReason() throws Exception {
        InterruptTest.tinyData(dir);
        Path res = dir.resolve("res");
        try (TmpfsMount mount = TmpfsMount.of(res, "size=8m")) {
            assumeTrue(mount != null, "mounting a tmpfs needs root (CI runs as root)");
            mount.remountReadOnly();
            BadInput.assertNaming(run(train("ro")), "Read-only file system", res.toString());
        }
    }

    @Test
    void aSecondRunIntoTheSameFolderAndNameIsRefusedWhileTheFirstRuns() throws Exception {
        InterruptTest.tinyData(dir);
        Process first = ChildCli.start(List.of("-Dvideoseq.test.pauseAt=startup"), train("busy"));
        try (BufferedReader in = new BufferedReader(new InputStreamReader(first.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null && !line.startsWith("VIDEOSEQ-RUN-PAUSED"); ) {
                assertTrue(first.isAlive(), line);
            }
            String lock = dir.resolve("ckpt/.busy.lock").toAbsolutePath().toString();
            for (String[] second : List.of(train("busy"), train("busy", "--resume", "latest"),
                    train("busy", "--force"))) {
                BadInput.assertNaming(run(second), lock, "process " + first.pid());
            }
        } finally {
            first.destroyForcibly();
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
        }
        run(train("busy", 1, "--resume", "latest")).assertOk();
    }

    @Test
    void aMissingNd4jBackendIsOneLine() throws Exception {
        InterruptTest.tinyData(dir);
        Process p = ChildCli.start(List.of(), ChildCli.classpathWithout("nd4j-native"), train("nobackend"));
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(ExitCodes.BAD_INPUT, p.exitValue(), output);
        assertTrue(output.lines().anyMatch(l -> l.startsWith("videoseq train: no usable ND4J backend: ")), output);
        assertFalse(output.contains("\tat "), "no stack trace: " + output);
        assertFalse(Files.exists(dir.resolve("ckpt")), "nothing written");
    }

    @Test
    void aRefusedRunWritesNothingAndStaleTemporariesAreCleaned() throws Exception {
        InterruptTest.tinyData(dir);
        run("train", "--features-dir", dir.resolve("nowhere").toString(), "--output-dir",
                dir.resolve("ckpt").toString(), "--results-dir", dir.resolve("res").toString())
                .assertBadInput("nowhere");
        assertFalse(Files.exists(dir.resolve("ckpt")), "no checkpoint folder for a refused run");
        assertFalse(Files.exists(dir.resolve("res")), "no results folder (and no resource log) for a refused run");

        run(train("m")).assertOk();
        Path log = dir.resolve("res/resource_utilization_log.jsonl");
        long logSize = Files.size(log);
        run(train("m")).assertBadInput("--force");
        assertEquals(logSize, Files.size(log), "a refused run appends no resource samples");

        Path deadPlot = dir.resolve("res/training_progress/.videoseq-tmp.999999999.1.m_current.png");
        Path deadCheckpoint = dir.resolve("ckpt/.videoseq-tmp.999999999.2.m_last.zip");
        Path deadResults = dir.resolve("res/.videoseq-tmp.999999999.3.m_results.json");
        for (Path f : List.of(deadPlot, deadCheckpoint, deadResults)) {
            Files.writeString(f, "left by a killed process");
        }
        run(train("m", 3, "--resume", "latest")).assertOk();
        for (Path f : List.of(deadPlot, deadCheckpoint, deadResults)) {
            assertFalse(Files.exists(f), f + " is cleaned at the next start");
        }
    }
}
