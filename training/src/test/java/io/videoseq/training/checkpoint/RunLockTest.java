package io.videoseq.training.checkpoint;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunLockTest {

    @Test
    void aSecondHolderInTheSameProcessIsRefusedUntilTheFirstCloses(@TempDir Path dir) {
        try (RunLock first = RunLock.acquire(dir, "m")) {
            RunLockedException e = assertThrows(RunLockedException.class, () -> RunLock.acquire(dir, "m"));
            assertTrue(e.getMessage().contains(first.file().toAbsolutePath().toString()), e.getMessage());
            assertTrue(e.getMessage().contains("process " + ProcessHandle.current().pid()), e.getMessage());
            RunLock.acquire(dir, "other").close();
        }
        RunLock.acquire(dir, "m").close();
    }

    @Test
    void anotherProcessesLockRefusesAndDiesWithItsProcess(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), dir.toString(), "m")).redirectErrorStream(true).start();
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = in.readLine();
            assertTrue(line != null && line.startsWith("LOCKED"), "child output: " + line);
            RunLockedException e = assertThrows(RunLockedException.class, () -> RunLock.acquire(dir, "m"));
            assertTrue(e.getMessage().contains("process " + child.pid()), e.getMessage());
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        // kill -9 leaves the file, but the OS released the lock with the process.
        RunLock.acquire(dir, "m").close();
    }
}
