package io.videoseq.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.model.io.ModelZip;
import io.videoseq.model.loss.FocalLoss;
import io.videoseq.model.optim.AdamW;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an outside Maven project with only {@code videoseq-model} and an ND4J backend can do: load a checkpoint a
 * videoseq training run wrote (here one written before the loss, updater and schedule moved into the model
 * module, so under their old {@code io.videoseq.training} names) and classify videos with it, getting the
 * probabilities the training side recorded.
 */
class ModelOnlyConsumerTest {

    @TempDir
    Path dir;

    @Test
    void theTrainingModuleIsNotHere() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.videoseq.training.run.Trainer"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.videoseq.data.FeatureFile"));
    }

    @Test
    void aTrainedCheckpointLoadsWithItsUpdaterAndPredictsWhatTrainingRecorded() throws Exception {
        Path zip = copy("best_tiny.zip");
        ComputationGraph g = ModelZip.load(zip, true);
        assertInstanceOf(AdamW.class, ((BaseLayer) g.getLayer(0).conf().getLayer()).getIUpdater());
        assertNotNull(g.getUpdater().getStateViewArray(), "the AdamW moments were loaded");
        boolean focal = false;
        for (var layer : g.getLayers()) {
            if (layer.conf().getLayer() instanceof LossLayer loss) {
                focal |= loss.getLossFn() instanceof FocalLoss;
            } else if (layer.conf().getLayer() instanceof BaseOutputLayer out) {
                focal |= out.getLossFn() instanceof FocalLoss;
            }
        }
        assertTrue(focal, "the output layer's loss is videoseq's FocalLoss");

        ObjectMapper json = new ObjectMapper();
        JsonNode videos = json.readTree(getClass().getResourceAsStream("/compat/test_features.json"));
        JsonNode want = json.readTree(getClass().getResourceAsStream("/compat/expected.json")).get("best_tiny.zip");
        int n = videos.get("num_frames").size();
        assertEquals(want.size(), n);
        for (int v = 0; v < n; v++) {
            INDArray probs = g.output(false, new INDArray[] {frames(videos.get("features").get(v))},
                    new INDArray[] {Nd4j.ones(DataType.FLOAT, 1, videos.get("num_frames").get(v).asInt())})[0];
            for (int c = 0; c < want.get(v).size(); c++) {
                // float rounding only: recorded on another libnd4j build, in batches of 4 (padding is masked)
                assertEquals(want.get(v).get(c).asDouble(), probs.getDouble(0, c), 1e-6, "video " + v + " class " + c);
            }
        }
    }

    /** {@code [1, features, frames]} from JSON rows of one frame each. */
    private static INDArray frames(JsonNode rows) {
        int t = rows.size(), d = rows.get(0).size();
        INDArray x = Nd4j.create(DataType.FLOAT, 1, d, t);
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < d; j++) {
                x.putScalar(new long[] {0, j, i}, rows.get(i).get(j).asDouble());
            }
        }
        return x;
    }

    private Path copy(String name) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/compat/" + name)) {
            assertNotNull(in, name);
            Path p = dir.resolve(name);
            Files.copy(in, p);
            return p;
        }
    }
}
