package io.videoseq.app.cli;

import io.videoseq.data.io.AtomicFiles;
import io.videoseq.app.io.OutputFiles;
import io.videoseq.inference.ModelShape;
import io.videoseq.app.config.RunConfigLoader;
import io.videoseq.model.GraphOptions;
import io.videoseq.model.ModelConfig;
import io.videoseq.torch.TorchImporter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import io.videoseq.model.io.ModelZipWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code videoseq import-torch}: a PyTorch {@code state_dict} exported to HDF5 becomes a DL4J model zip. */
@Command(name = "import-torch", mixinStandardHelpOptions = true,
        description = "Converts a PyTorch state_dict saved as HDF5 (with its model config attribute, or --config for"
                + " one without) into a DL4J model zip usable by evaluate and predict.")
public final class ImportTorchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STATE_DICT.h5", description = "The exported state_dict.")
    Path stateDict;

    @Option(names = "--out", required = true, paramLabel = "MODEL.zip", description = "The model zip to write.")
    Path out;

    @Option(names = "--config", paramLabel = "model.json", description = "The model's dimensions for a state dict"
            + " exported from a checkpoint without model_config: a JSON object with the keys of a run config's"
            + " \"model\" block (feature_dim, hidden_dim, num_classes, ...). When the state dict has model_config"
            + " too, every key given here must agree with it.")
    Path config;

    @Option(names = "--force", description = "Replace --out if it exists.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(stateDict)) {
            throw new NoSuchFileException(stateDict.toString());
        }
        OutputFiles.requireNew(out, "--out", force);
        ModelConfig given = null;
        if (config != null) {
            // Laid over the state dict's own config, so only the keys the file names can disagree with it.
            ModelConfig base = TorchImporter.storedConfig(stateDict).orElse(ModelConfig.defaults());
            given = RunConfigLoader.readModelSection(config).model(base);
        }
        ComputationGraph graph = TorchImporter.load(stateDict, GraphOptions.defaults(), given,
                config == null ? null : config.toString());
        AtomicFiles.writeStream(out, o -> ModelZipWriter.write(o, graph, false, Map.of()));
        ModelShape shape = ModelShape.of(graph);
        PrintWriter w = spec.commandLine().getOut();
        w.printf("imported %s (%d parameters, %d features per frame, %d classes) to %s%n", stateDict,
                graph.numParams(), shape.featureDim(), shape.numClasses(), out);
        w.flush();
        return 0;
    }
}
