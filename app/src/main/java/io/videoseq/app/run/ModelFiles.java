package io.videoseq.app.run;

import io.videoseq.model.io.ModelZip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Loads a model zip for inference: a videoseq checkpoint ({@code best_{name}.zip}) or an imported PyTorch
 * model, through {@link ModelZip} (never DL4J's {@code ModelSerializer}, which deserializes Java objects from
 * the file). The updater state is not loaded. A file {@link ModelZip} refuses throws its
 * {@link io.videoseq.model.io.ModelFileException}, whose one-line message names the file and the entry.
 */
public final class ModelFiles {
    private ModelFiles() {
    }

    public static ComputationGraph load(Path zip) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new NoSuchFileException(zip.toString());
        }
        return ModelZip.load(zip, false);
    }
}
