package io.videoseq.training.checkpoint;

import java.nio.file.Path;

/** Child process of {@link RunLockTest}: holds the run lock of {@code args[1]} in {@code args[0]} until killed. */
public final class LockHolderMain {

    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        try (RunLock lock = RunLock.acquire(Path.of(args[0]), args[1])) {
            System.out.println("LOCKED " + ProcessHandle.current().pid());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
