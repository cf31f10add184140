package io.videoseq.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.training.run.ResumeFrom;
import java.nio.file.Path;

/**
 * Where a training command reads and writes, and what the user set.
 *
 * @param featuresDir   folder with {@code {train,val,test}_features{suffix}.h5}
 * @param configFile    the {@code --config} file, or null
 * @param flagOverrides training keys given as flags, snake_case (an empty object when none)
 * @param outputDir     checkpoints
 * @param resultsDir    results JSON, history CSV, plots, resource log
 * @param resume        where to start
 */
public record TrainingInputs(Path featuresDir, Path configFile, JsonNode flagOverrides, Path outputDir,
                             Path resultsDir, ResumeFrom resume) {
}
