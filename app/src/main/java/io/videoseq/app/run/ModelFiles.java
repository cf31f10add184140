package io.videoseq.app.run;

import io.videoseq.app.UserInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Loads a model zip for inference: a videoseq checkpoint ({@code best_{name}.zip}) or an imported PyTorch
 * model — both are DL4J {@link ModelSerializer} zips. The updater state is not loaded.
 */
public final class ModelFiles {
    private ModelFiles() {
    }

    public static ComputationGraph load(Path zip) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new NoSuchFileException(zip.toString());
        }
        try {
            return ModelSerializer.restoreComputationGraph(zip.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new UserInputException(zip + ": expected a DL4J ComputationGraph zip (a videoseq checkpoint or"
                    + " an import-torch output), found a file that cannot be read as one: " + firstLine(e), e);
        }
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
