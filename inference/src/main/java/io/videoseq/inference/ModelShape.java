package io.videoseq.inference;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * The input width (features per frame) and class count a graph expects, read from the layers next to its
 * input and output; -1 where the layer type does not say. Checked before inference so that a model and a
 * feature file that do not fit give one clear line instead of an ND4J shape error.
 */
public record ModelShape(long featureDim, long numClasses) {

    public static ModelShape of(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        String input = conf.getNetworkInputs().get(0);
        long in = -1;
        for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
            if (e.getValue().contains(input)) {
                in = Math.max(in, nIn(conf.getVertices().get(e.getKey())));
            }
        }
        String output = conf.getNetworkOutputs().get(0);
        return new ModelShape(in, nOut(conf.getVertices().get(output)));
    }

    /**
     * @throws ShapeMismatchException naming both files when the model cannot read the feature file or predicts
     *                                other classes
     */
    public void requireFits(Path model, Path features, int fileFeatureDim, int fileClasses) {
        if (featureDim > 0 && featureDim != fileFeatureDim) {
            throw new ShapeMismatchException(model + ": the model reads " + featureDim + " features per frame, but "
                    + features + " has feature_dim " + fileFeatureDim);
        }
        if (numClasses > 0 && numClasses != fileClasses) {
            throw new ShapeMismatchException(model + ": the model predicts " + numClasses + " classes, but "
                    + features + " has " + fileClasses + " (category_mapping)");
        }
    }

    private static long nIn(GraphVertex v) {
        Layer l = v instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : null;
        return l instanceof FeedForwardLayer f ? f.getNIn() : -1;
    }

    private static long nOut(GraphVertex v) {
        Layer l = v instanceof LayerVertex lv ? lv.getLayerConf().getLayer() : null;
        return l instanceof FeedForwardLayer f ? f.getNOut() : -1;
    }
}
