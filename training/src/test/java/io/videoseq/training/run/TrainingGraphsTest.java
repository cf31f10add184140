package io.videoseq.training.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.training.TrainConfig;
import java.io.InputStream;
import java.util.List;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipEntry;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;

class TrainingGraphsTest {

    @Test
    void decoupledWeightDecayReachesEveryParameterOnce() {
        TrainConfig c = TinyRun.config().toBuilder().weightDecay(0.01).build();
        ComputationGraph graph = TrainingGraphs.build(TinyRun.model(), c, new double[] {1, 1, 1}, 3);
        int checked = 0;
        for (Layer layer : graph.getLayers()) {
            for (String key : layer.paramTable().keySet()) {
                List<Regularization> regs = layer.conf().getLayer().getRegularizationByParam(key);
                String where = layer.conf().getLayer().getLayerName() + "/" + key;
                assertTrue(regs != null && regs.size() == 1 && regs.get(0) instanceof WeightDecay, where + " " + regs);
                WeightDecay wd = (WeightDecay) regs.get(0);
                assertTrue(wd.isApplyLR(), where);
                assertEquals(0.01, wd.getCoeff().valueAt(0, 0), 1e-15, where);
                checked++;
            }
        }
        assertTrue(checked > 20, "parameters checked: " + checked);
    }

    /**
     * The graph configuration (layers, regularization, updater, schedule) equals what the previous version wrote
     * for the same settings, when weight decay was set by the model factory per layer builder.
     */
    @Test
    void theConfigurationIsWhatTheEarlierWeightDecayPathWrote() throws Exception {
        JsonNode old;
        try (InputStream in = getClass().getResourceAsStream("/compat_tiny_configuration.json")) {
            // the loss, updater and schedule have moved to the model module since; the loader maps the old names
            String json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("\"io.videoseq.training.loss.FocalLoss\"", "\"io.videoseq.model.loss.FocalLoss\"")
                    .replace("\"io.videoseq.training.optim.", "\"io.videoseq.model.optim.");
            old = new ObjectMapper().readTree(json);
        }
        TrainConfig c = TinyRun.config().toBuilder().epochs(2).build();
        ComputationGraph graph = TrainingGraphs.build(TinyRun.model(), c, classWeights(old), 3);
        JsonNode now = new ObjectMapper().readTree(graph.getConfiguration().toJson());
        ((com.fasterxml.jackson.databind.node.ObjectNode) old).remove(List.of("iterationCount", "epochCount"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) now).remove(List.of("iterationCount", "epochCount"));
        assertEquals(old, now);
    }

    /** The focal loss's alpha (the class weights of that run) as the old configuration recorded it. */
    private static double[] classWeights(JsonNode conf) {
        JsonNode alpha = conf.findValue("alpha");
        double[] w = new double[alpha.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = alpha.get(i).asDouble();
        }
        return w;
    }
}
