package io.videoseq.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.videoseq.app.TestFixtures;
import io.videoseq.model.GraphOptions;
import io.videoseq.torch.TorchImporter;
import io.videoseq.inference.FrameSaliency;
import java.io.InputStream;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The saliency `predict --saliency` writes equals PyTorch's attention-pooling weights: the reference model of
 * parity.h5 (masked), its weights recorded by tools/make_saliency_golden.py, imported and run here in double
 * precision. Tolerance 1e-9: both sides compute the same float64 expressions; observed differences are ~1e-15.
 */
class SaliencyParityTest {

    @TempDir
    Path dir;

    @Test
    void poolingWeightsEqualPyTorchs() throws Exception {
        Path parity = TestFixtures.parityStateDict(dir);
        JsonNode golden;
        try (InputStream in = getClass().getResourceAsStream("/saliency_golden.json")) {
            assertNotNull(in, "test resource saliency_golden.json (videoseq-torch test jar)");
            golden = new ObjectMapper().readTree(in);
        }
        ComputationGraph graph = TorchImporter.load(parity, GraphOptions.defaults().withDataType(DataType.DOUBLE));
        JsonNode x = golden.get("x_padded");
        int b = x.size(), t = x.get(0).size(), f = x.get(0).get(0).size();
        INDArray features = Nd4j.zeros(DataType.DOUBLE, b, f, t);
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, b, t);
        for (int i = 0; i < b; i++) {
            int len = golden.get("lengths").get(i).asInt();
            for (int s = 0; s < t; s++) {
                mask.putScalar(i, s, s < len ? 1 : 0);
                for (int k = 0; k < f; k++) {
                    features.putScalar(new long[] {i, k, s}, x.get(i).get(s).get(k).asDouble());
                }
            }
        }
        INDArray w = FrameSaliency.weights(graph, features, mask);
        double worst = 0;
        for (int i = 0; i < b; i++) {
            JsonNode want = golden.get("weights").get(i);
            for (int s = 0; s < t; s++) {
                double expected = s < want.size() ? want.get(s).asDouble() : 0.0;
                worst = Math.max(worst, Math.abs(w.getDouble(i, s) - expected));
            }
        }
        assertEquals(0.0, worst, 1e-9, "max |Δweight| against PyTorch");
    }
}
