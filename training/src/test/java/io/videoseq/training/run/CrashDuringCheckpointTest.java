package io.videoseq.training.run;

import io.videoseq.training.checkpoint.Checkpoint;
import io.videoseq.training.checkpoint.CheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILLs a training process while it writes a checkpoint (its temporary file complete, the rename not yet
 * done), then checks the previous checkpoint is intact and that a resume from it completes the run.
 */
class CrashDuringCheckpointTest {

    private static final String MARKER = "VIDEOSEQ-CHECKPOINT-PAUSED";

    @Test
    void killDuringCheckpointWriteLosesNothingAndResumeCompletes(@TempDir Path tmp) throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"));
        Path out = tmp.resolve("out");
        String marker = ChildProcess.killAtMarker(
                List.of("-Dvideoseq.test.pauseBeforeMove=crash_checkpoint_epoch_2.zip"), MARKER, CrashDuringCheckpointMain.class, data.toString(), out.toString());
        String tempFile = marker.substring(MARKER.length()).trim();

        CheckpointStore store = new CheckpointStore(out.resolve("checkpoints"));
        assertTrue(Files.exists(Path.of(tempFile)), "the kill happened mid-write: the temporary file is there");
        assertFalse(Files.exists(store.periodicPath("crash", 2)), "the interrupted checkpoint never appeared");
        Path previous = store.latest("crash").orElseThrow();
        assertEquals(store.lastPath("crash"), previous);
        assertTrue(Files.exists(store.periodicPath("crash", 1)));
        Checkpoint intact = CheckpointStore.load(previous);
        assertEquals(1, intact.metadata().epoch());
        assertEquals(3, intact.graph().getConfiguration().getIterationCount());

        TrainedModel resumed = Trainer.train(TinyRun.request(data, out, "crash", TinyRun.config())
                .withResume(ResumeFrom.latest()));
        assertEquals(3, resumed.results().epochsCompleted());
        assertEquals(3, resumed.results().history().size());
        assertTrue(Files.exists(out.resolve("results").resolve("crash_results.json")));
        assertFalse(Files.exists(Path.of(tempFile)), "the stale temporary file is cleaned up on resume");
        assertTrue(new File(store.periodicPath("crash", 3).toString()).isFile());
    }
}
