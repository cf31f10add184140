package io.videoseq.training.run;

import java.nio.file.Path;

/**
 * Child process of {@link CrashDuringCheckpointTest}: trains the tiny run (checkpoint every epoch) until the
 * parent kills it while it is paused inside a checkpoint write.
 */
public final class CrashDuringCheckpointMain {

    private CrashDuringCheckpointMain() {
    }

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Trainer.train(TinyRun.request(data, out, "crash", TinyRun.config()));
        System.out.println("FINISHED-WITHOUT-PAUSE");
    }
}
