package io.videoseq.app.cli;

import static io.videoseq.app.CliRunner.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.app.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo, shortened to one member and one epoch: every file it announces exists. */
class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void shortDemoWritesDataCheckpointsResultsAndPlots() throws IOException {
        CliRunner.Run demo = run("demo", "--work-dir", dir.toString(), "--epochs", "1", "--num-models", "1");
        demo.assertOk();
        for (String file : List.of("data/train_features.h5", "data/val_features.h5", "data/test_features.h5",
                "checkpoints/best_demo_model_1.zip", "results/ensemble_final_results.json",
                "results/demo_model_1_results.json", "results/demo_model_1_history.csv",
                "results/resource_utilization_log.jsonl", "results/evaluation/report.json",
                "results/evaluation/report_reliability.png")) {
            assertTrue(Files.isRegularFile(dir.resolve(file)), "missing " + file + "\n" + demo.out());
        }
        for (String png : List.of("results/training_progress/demo_model_1_current.png",
                "results/ensemble_tta_confusion.png")) {
            assertNotNull(ImageIO.read(dir.resolve(png).toFile()), png);
            assertTrue(demo.out().contains(dir.resolve(png).toString()), "announces " + png + ":\n" + demo.out());
        }
        assertTrue(demo.out().contains("ensemble of 1"), demo.out());
        assertTrue(demo.out().contains("evaluation page  " + dir.resolve("results/evaluation/report.html")),
                demo.out());
        assertEquals(DemoCommand.DATA.featureDim(), DemoCommand.MODEL.featureDim());
        // the README's first command must keep working when it is run again in the same folder
        run("demo", "--work-dir", dir.toString(), "--epochs", "1", "--num-models", "1").assertOk();
    }
}
