package io.videoseq.training.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.videoseq.inference.manifest.EnsembleManifest;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.run.RunRefusedException;
import io.videoseq.training.run.TrainingRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An ensemble no manifest could name is refused before anything is opened, trained or written. */
class EnsembleMemberCountTest {

    @TempDir
    Path tmp;

    @Test
    void oneToMaxMembers() {
        TrainingRequest base = TrainingRequest.of(tmp.resolve("no-data"), tmp.resolve("ckpt"), tmp.resolve("res"),
                "e", ModelConfig.builder().featureDim(6).numClasses(3).build(), TrainConfig.builder().build());
        int tooMany = EnsembleManifest.MAX_MEMBERS + 1;
        String expected = "num_models = " + tooMany + ", expected 1 to 64 (the most members an ensemble manifest names)";
        assertEquals(expected, assertThrows(RunRefusedException.class,
                () -> EnsembleTrainer.train(base, tooMany, () -> { })).getMessage());
        assertEquals(expected, assertThrows(RunRefusedException.class,
                () -> EnsembleCollector.collect(base, tooMany)).getMessage());
        assertEquals("num_models = 0, expected 1 to 64 (the most members an ensemble manifest names)",
                assertThrows(RunRefusedException.class, () -> EnsembleTrainer.train(base, 0, () -> { })).getMessage());
        assertFalse(Files.exists(tmp.resolve("ckpt")), "nothing written");
    }
}
