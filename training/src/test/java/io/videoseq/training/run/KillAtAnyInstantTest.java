package io.videoseq.training.run;

import io.videoseq.training.checkpoint.CheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The "done when": a 6-epoch run SIGKILLed during start-up, in the middle of the run (inside the write
 * of {@code m_last.zip} for epoch 3) and during the final evaluation, each time continued with
 * {@code --resume latest}, ends with the history and test metrics of an uninterrupted run; a further
 * {@code --resume latest} finds it finished and changes nothing.
 */
class KillAtAnyInstantTest {

    private static final int EPOCHS = 6;

    @Test
    void threeKillsAndResumesEndLikeTheUninterruptedRun(@TempDir Path tmp) throws Exception {
        Path data = TinyRun.data(tmp.resolve("data"));
        TrainedModel straight = Trainer.train(ResumeLatestMain.request(data, tmp.resolve("straight"), "m", EPOCHS));

        Path out = tmp.resolve("killed");
        CheckpointStore store = new CheckpointStore(out.resolve("checkpoints"));
        String[] args = {data.toString(), out.toString(), "m", String.valueOf(EPOCHS)};

        ChildProcess.killAtMarker(List.of("-Dvideoseq.test.pauseAt=startup"), "VIDEOSEQ-RUN-PAUSED",
                ResumeLatestMain.class, args);
        assertTrue(store.latest("m").isEmpty(), "killed during start-up: nothing to resume yet");

        // Writes of m_last.zip: epoch 0 (start), 1, 2, then the kill inside the 4th (epoch 3).
        ChildProcess.killAtMarker(List.of("-Dvideoseq.test.pauseBeforeMove=m_last.zip:4"),
                "VIDEOSEQ-CHECKPOINT-PAUSED", ResumeLatestMain.class, args);
        assertEquals(2, CheckpointStore.readMetadata(store.latest("m").orElseThrow()).epoch());
        assertTrue(temporaries(store.directory()) > 0, "the kill left a half-written checkpoint");

        ChildProcess.killAtMarker(List.of("-Dvideoseq.test.pauseAt=final-evaluation"), "VIDEOSEQ-RUN-PAUSED",
                ResumeLatestMain.class, args);
        Path results = out.resolve("results").resolve("m_results.json");
        assertFalse(Files.exists(results), "killed before the results were written");
        assertEquals(EPOCHS, CheckpointStore.readMetadata(store.latest("m").orElseThrow()).epoch());

        TrainedModel resumed = Trainer.train(ResumeLatestMain.request(data, out, "m", EPOCHS));
        assertFalse(resumed.alreadyFinished());
        assertEquals(TinyRun.withoutTimes(straight.results().history().epochs()),
                TinyRun.withoutTimes(resumed.results().history().epochs()));
        assertEquals(straight.results().stopReason(), resumed.results().stopReason());
        assertEquals(straight.results().test(), resumed.results().test());
        assertEquals(straight.results().testTta(), resumed.results().testTta());
        assertEquals(0, temporaries(store.directory()), "stale temporary files are removed at the next start");

        byte[] before = Files.readAllBytes(results);
        long lastModified = Files.getLastModifiedTime(store.lastPath("m")).toMillis();
        TrainedModel again = Trainer.train(ResumeLatestMain.request(data, out, "m", EPOCHS));
        assertTrue(again.alreadyFinished());
        assertEquals("completed all " + EPOCHS + " epochs", again.results().stopReason());
        assertArrayEquals(before, Files.readAllBytes(results), "a finished run is left as it is");
        assertEquals(lastModified, Files.getLastModifiedTime(store.lastPath("m")).toMillis());
    }

    private static long temporaries(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(".videoseq-tmp.")).count();
        }
    }

}
