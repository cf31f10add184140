package io.videoseq.training.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.CheckpointMetadata;
import io.videoseq.training.checkpoint.Provenance;
import io.videoseq.training.history.TrainingProgress;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.time.Instant;
import java.util.Map;

/**
 * What callbacks see after an epoch: the graph (counters already advanced past the epoch) and the run's
 * bookkeeping. Immutable apart from the graph itself.
 *
 * @param modelName          the run's model name
 * @param trainConfig        training configuration
 * @param modelConfig        the model configuration JSON
 * @param graph              the graph being trained
 * @param progress           history, best and patience counter including the latest epoch
 * @param iterationsPerEpoch optimizer steps per epoch
 * @param inputChecksums     SHA-256 of the input files
 * @param provenance         versions recorded into checkpoints
 * @param stopReason         set when the run ends after this epoch, else null
 * @param callbackStates     the run's stateful callbacks, whose states every checkpoint stores
 * @param featureExtractor   the features' backbone record, copied into every checkpoint; null if they have none
 */
public record RunState(String modelName, TrainConfig trainConfig, JsonNode modelConfig, ComputationGraph graph,
                       TrainingProgress progress, int iterationsPerEpoch, Map<String, String> inputChecksums,
                       Provenance provenance, String stopReason, CallbackStates callbackStates,
                       JsonNode featureExtractor) {

    public RunState {
        callbackStates = callbackStates == null ? CallbackStates.NONE : callbackStates;
    }

    /** A state of features without a backbone record. */
    public RunState(String modelName, TrainConfig trainConfig, JsonNode modelConfig, ComputationGraph graph,
                    TrainingProgress progress, int iterationsPerEpoch, Map<String, String> inputChecksums,
                    Provenance provenance, String stopReason, CallbackStates callbackStates) {
        this(modelName, trainConfig, modelConfig, graph, progress, iterationsPerEpoch, inputChecksums, provenance,
                stopReason, callbackStates, null);
    }

    public RunState withProgress(TrainingProgress p) {
        return new RunState(modelName, trainConfig, modelConfig, graph, p, iterationsPerEpoch, inputChecksums,
                provenance, stopReason, callbackStates, featureExtractor);
    }

    public RunState withStopReason(String reason) {
        return new RunState(modelName, trainConfig, modelConfig, graph, progress, iterationsPerEpoch,
                inputChecksums, provenance, reason, callbackStates, featureExtractor);
    }

    RunState withCallbackStates(CallbackStates states) {
        return new RunState(modelName, trainConfig, modelConfig, graph, progress, iterationsPerEpoch, inputChecksums,
                provenance, stopReason, states, featureExtractor);
    }

    /** Metadata describing this state, for a checkpoint written now. */
    public CheckpointMetadata checkpointMetadata() {
        return new CheckpointMetadata(CheckpointMetadata.FORMAT_VERSION, modelName, progress.completedEpochs(),
                graph.getConfiguration().getIterationCount(), iterationsPerEpoch, progress, stopReason, modelConfig,
                trainConfig, trainConfig.seed(), provenance, inputChecksums, Instant.now().toString(),
                callbackStates.snapshot(), featureExtractor);
    }
}
