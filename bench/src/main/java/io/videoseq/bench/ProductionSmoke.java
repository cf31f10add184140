package io.videoseq.bench;

import io.videoseq.model.GraphOptions;
import io.videoseq.model.ModelConfig;
import io.videoseq.model.TemporalModelFactory;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Smoke run of the production configuration ({@link ModelConfig#defaults()}, float32) on the CPU backend:
 * builds the graph, then times one inference pass and one training step ({@code fit}) on a random batch of
 * 48 sequences × 40 steps × 1280 features with random lengths (padding masked). Not a test: it needs ~2 GB of
 * memory and minutes of CPU. Run from the bench module's classpath (it has the ND4J backend), e.g.
 * {@code java -cp bench/target/classes:$(cat bench/target/classpath.txt) io.videoseq.bench.ProductionSmoke}.
 * Arguments (optional): batch, steps.
 */
public final class ProductionSmoke {

    private ProductionSmoke() {
    }

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 48;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        ModelConfig config = ModelConfig.defaults();
        long t0 = System.nanoTime();
        ComputationGraph graph = TemporalModelFactory.build(config, GraphOptions.defaults());
        long t1 = System.nanoTime();
        System.out.printf("built production graph: %,d parameters (expected %,d), %s, %.1f s%n", graph.numParams(),
                TemporalModelFactory.numParams(config), graph.getConfiguration().getDataType(), (t1 - t0) / 1e9);

        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, config.featureDim(), steps);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, batch, steps);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, batch, config.numClasses());
        java.util.Random rnd = new java.util.Random(2);
        for (int i = 0; i < batch; i++) {
            int len = i == 0 ? steps : 1 + rnd.nextInt(steps);
            mask.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, len)).assign(1.0);
            labels.putScalar(i, rnd.nextInt(config.numClasses()), 1.0);
        }
        INDArray[] in = {x};
        INDArray[] masks = {mask};

        long t2 = System.nanoTime();
        INDArray probs = graph.output(false, in, masks)[0];
        long t3 = System.nanoTime();
        System.out.printf("inference  %d x %d x %d: %.1f s (output %s)%n", batch, steps, config.featureDim(),
                (t3 - t2) / 1e9, java.util.Arrays.toString(probs.shape()));

        MultiDataSet data = new MultiDataSet(in, new INDArray[]{labels}, masks, null);
        long t4 = System.nanoTime();
        graph.fit(data);
        long t5 = System.nanoTime();
        System.out.printf("train step %d x %d x %d (forward + backward + Adam update): %.1f s, loss %.4f%n", batch,
                steps, config.featureDim(), (t5 - t4) / 1e9, graph.score());
        long t6 = System.nanoTime();
        graph.fit(data);
        long t7 = System.nanoTime();
        System.out.printf("second train step: %.1f s, loss %.4f%n", (t7 - t6) / 1e9, graph.score());
    }
}
