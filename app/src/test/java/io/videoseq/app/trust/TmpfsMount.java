package io.videoseq.app.trust;

import java.nio.file.Files;
import java.nio.file.Path;

/** A small tmpfs mounted for a test (a full disk or a read-only folder that even root cannot write), or null. */
final class TmpfsMount implements AutoCloseable {
    private final Path at;

    private TmpfsMount(Path at) {
        this.at = at;
    }

    /** Mounts a tmpfs with {@code options} at {@code at}; null where mounting is not allowed (not root). */
    static TmpfsMount of(Path at, String options) throws Exception {
        Files.createDirectories(at);
        return exec("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString()) ? new TmpfsMount(at) : null;
    }

    void remountReadOnly() throws Exception {
        if (!exec("mount", "-o", "remount,ro", at.toString())) {
            throw new IllegalStateException("cannot remount " + at + " read-only");
        }
    }

    private static boolean exec(String... cmd) throws Exception {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (java.io.IOException noMountCommand) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        exec("umount", "-l", at.toString());
    }
}
