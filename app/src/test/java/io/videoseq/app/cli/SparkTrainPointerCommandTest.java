package io.videoseq.app.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.app.CliRunner;
import org.junit.jupiter.api.Test;

/** The app alone has no Spark: {@code spark-train} says, in one line, where to run it. */
class SparkTrainPointerCommandTest {

    @Test
    void sparkTrainWithTheRealOptionsPointsToTheSparkModule() {
        CliRunner.Run r = CliRunner.run("spark-train", "--master", "local[2]", "--features-dir", "f", "--workers", "2");
        r.assertBadInput("./videoseq spark-train");
        assertTrue(r.err().contains("io.videoseq.spark.cli.SparkMain"), r.err());
    }
}
