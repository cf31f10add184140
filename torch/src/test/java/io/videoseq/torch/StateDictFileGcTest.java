package io.videoseq.torch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Reads give the same values while the garbage collector runs all the time. The HDF5 C++ objects a read makes
 * used to be left to JavaCPP's deallocator thread, whose destructors then called into the (not thread-safe) HDF5
 * library beside the next read: within ~100 rounds one failed with "H5Dread failed" or
 * "H5Lget_name_by_idx failed" (the CI failure of stop 34).
 */
class StateDictFileGcTest {

    @Test
    void readsStayRightWhileTheCollectorRuns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("parity.h5");
        try (InputStream in = getClass().getResourceAsStream("/parity.h5")) {
            Files.copy(in, file);
        }
        String config;
        List<String> keys;
        StateDictFile.Tensor first;
        try (StateDictFile f = StateDictFile.open(file)) {
            config = f.configJson();
            keys = f.keys();
            first = f.read(keys.get(0));
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread collector = new Thread(() -> {
            while (!stop.get()) {
                System.gc();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "collector");
        collector.setDaemon(true);
        collector.start();
        try {
            for (int round = 0; round < 400; round++) {
                try (StateDictFile f = StateDictFile.open(file)) {
                    assertEquals(config, f.configJson(), "round " + round);
                    assertEquals(keys, f.keys(), "round " + round);
                    for (String key : keys) {
                        StateDictFile.Tensor t = f.read(key);
                        if (key.equals(keys.get(0))) {
                            assertArrayEquals(first.values(), t.values(), "round " + round);
                        }
                    }
                }
            }
        } finally {
            stop.set(true);
            collector.join();
        }
    }
}
