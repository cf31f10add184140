package io.videoseq.spark;

import io.videoseq.data.FeatureFile;
import io.videoseq.data.FeatureSplits;
import io.videoseq.data.ReadMode;
import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.data.Sequence;
import io.videoseq.data.Split;
import io.videoseq.training.callback.StopSignal;
import io.videoseq.training.callback.TrainingCallback;
import io.videoseq.training.checkpoint.CheckpointMetadata;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.history.EpochRecord;
import io.videoseq.inference.VideoClassifier;
import io.videoseq.training.run.ResumeFrom;
import io.videoseq.training.run.RunState;
import io.videoseq.training.run.TrainedModel;
import io.videoseq.training.run.Trainer;
import io.videoseq.training.run.TrainingData;
import io.videoseq.training.run.TrainingRequest;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/** Parameter averaging on {@code local[2]}: the recipe runs on the workers and the checkpoints are the usual ones. */
class SparkTrainerTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path learnable;

    @BeforeAll
    static void setUp() {
        data = LocalSpark.data(tmp.resolve("features"));
        learnable = LocalSpark.learnableData(tmp.resolve("learnable"));
    }

    /** Remembers the driver's graph after the last epoch. */
    static final class LastGraph implements TrainingCallback {
        ComputationGraph graph;

        @Override
        public StopSignal onEpochEnd(EpochRecord record, RunState state) {
            graph = state.graph();
            return StopSignal.CONTINUE;
        }
    }

    @Test
    void trainsOnTheWorkersWithMasksAndLayersIntactAndWritesUsualCheckpoints() throws Exception {
        Path out = tmp.resolve("run");
        TrainingRequest r = LocalSpark.request(learnable, out, "spark", LocalSpark.learning(6));
        LastGraph last = new LastGraph();
        SparkTrainingOptions o = SparkTrainingOptions.averaging(2, 1);
        SparkEpochFitter fitter = SparkTrainer.fitter(LocalSpark.context(), r, o);
        TrainedModel m = Trainer.train(r.withCallbacks(List.of(last)), fitter);

        List<EpochRecord> h = m.results().history().epochs();
        assertEquals(6, h.size());
        // (the training loss of 8 augmented, class-weighted batches is too noisy on data this small to compare)
        assertTrue(h.get(5).valLoss() < h.get(0).valLoss() * 0.8, "validation loss falls: " + h);
        assertTrue(h.get(5).valAcc() > h.get(0).valAcc() + 20, "validation accuracy rises: " + h);

        // every worker batch carried its feature mask: the real steps the workers saw are those of the epoch's batches
        assertEquals(realSteps(r, 5), fitter.lastEpochRealSteps());

        // the custom layers arrived as themselves
        String driverLayers = layerClasses(last.graph);
        assertFalse(fitter.workerLayerClasses().isEmpty());
        for (String worker : fitter.workerLayerClasses()) {
            assertEquals(driverLayers, worker);
        }

        // a checkpoint like the single-JVM one: metadata, counters, loadable by predict's classifier
        Path lastZip = new CheckpointStore(out.resolve("checkpoints")).lastPath("spark");
        CheckpointMetadata meta = CheckpointStore.readMetadata(lastZip);
        assertEquals(CheckpointMetadata.FORMAT_VERSION, meta.formatVersion());
        assertEquals(6, meta.epoch());
        int ipe = o.iterationsPerEpoch(8);
        assertEquals(4, ipe);
        assertEquals(ipe, meta.iterationsPerEpoch());
        assertEquals(6 * ipe, meta.iterationCount());
        assertEquals(6 * ipe, CheckpointStore.load(lastZip).graph().getConfiguration().getIterationCount());

        List<float[][]> videos = videos(FeatureSplits.path(learnable, Split.VAL, ""));
        List<VideoClassifier.Prediction> fromZip = VideoClassifier.load(lastZip).predict(videos);
        List<VideoClassifier.Prediction> fromDriver = VideoClassifier.of(List.of(last.graph),
                VideoClassifier.load(lastZip).classNames()).predict(videos);
        for (int i = 0; i < videos.size(); i++) {
            assertArrayEquals(fromDriver.get(i).probabilities(), fromZip.get(i).probabilities(), 0f, "video " + i);
        }
        assertTrue(java.nio.file.Files.isRegularFile(m.bestCheckpoint()));
        VideoClassifier.load(m.bestCheckpoint()).predict(videos.get(0));
    }

    @Test
    void resumeFromASparkCheckpointContinuesAsTheUninterruptedRun() {
        TrainingRequest full = LocalSpark.request(data, tmp.resolve("full"), "m", LocalSpark.config(3));
        SparkTrainingOptions o = SparkTrainingOptions.averaging(2, 2);
        TrainedModel uninterrupted = SparkTrainer.train(LocalSpark.context(), full, o);

        TrainingRequest first = LocalSpark.request(data, tmp.resolve("resumed"), "m", LocalSpark.config(2));
        SparkTrainer.train(LocalSpark.context(), first, o);
        TrainingRequest rest = LocalSpark.request(data, tmp.resolve("resumed"), "m", LocalSpark.config(3))
                .withResume(ResumeFrom.latest());
        TrainedModel resumed = SparkTrainer.train(LocalSpark.context(), rest, o);

        assertEquals(3, resumed.results().epochsCompleted());
        assertEquals(withoutTimes(uninterrupted.results().history().epochs()), withoutTimes(resumed.results().history().epochs()));
        ComputationGraph a = CheckpointStore.load(new CheckpointStore(tmp.resolve("full/checkpoints")).lastPath("m"))
                .graph();
        ComputationGraph b = CheckpointStore.load(new CheckpointStore(tmp.resolve("resumed/checkpoints"))
                .lastPath("m")).graph();
        assertEquals(a.params(), b.params());
        assertEquals(a.getUpdater().getStateViewArray(), b.getUpdater().getStateViewArray());
    }

    @Test
    void oneWorkerWithoutDropoutComputesWhatTheSingleJvmTrainerComputes() {
        io.videoseq.model.ModelConfig noDropout = io.videoseq.model.ModelConfig.builder()
                .featureDim(LocalSpark.FEATURES).hiddenDim(4).numClasses(LocalSpark.CLASSES).numLstmLayers(1)
                .numAttentionHeads(2).dropout(0.0).bidirectional(true).headDims(List.of(8, 8, 4)).build();
        TrainingRequest local = TrainingRequest.of(data, tmp.resolve("jvm/c"), tmp.resolve("jvm/r"), "one", noDropout,
                LocalSpark.config(3));
        TrainingRequest spark = TrainingRequest.of(data, tmp.resolve("one/c"), tmp.resolve("one/r"), "one", noDropout,
                LocalSpark.config(3));
        TrainedModel a = Trainer.train(local);
        TrainedModel b = SparkTrainer.train(LocalSpark.context(), spark, SparkTrainingOptions.averaging(1, 1));
        assertEquals(withoutTimes(a.results().history().epochs()), withoutTimes(b.results().history().epochs()));
        ComputationGraph ga = CheckpointStore.load(new CheckpointStore(tmp.resolve("jvm/c")).lastPath("one")).graph();
        ComputationGraph gb = CheckpointStore.load(new CheckpointStore(tmp.resolve("one/c")).lastPath("one")).graph();
        assertEquals(ga.getConfiguration().getIterationCount(), gb.getConfiguration().getIterationCount());
        assertEquals(ga.params(), gb.params());
    }

    @Test
    void partitionsAreDealtFromTheSeedNotBySpark() {
        TrainingRequest r = LocalSpark.request(data, tmp.resolve("parts"), "p", LocalSpark.config(1));
        SparkEpochFitter f = SparkTrainer.fitter(LocalSpark.context(), r, SparkTrainingOptions.averaging(2, 2));
        List<List<String>> parts = f.paths(5, 4, 3).glom().collect();
        assertEquals(List.of(List.of(BatchPaths.of(5, 4), BatchPaths.of(5, 6)), List.of(BatchPaths.of(5, 5))), parts);
        assertEquals(parts, f.paths(5, 4, 3).glom().collect());
        assertArrayEquals(new int[] {5, 6}, BatchPaths.parse(BatchPaths.of(5, 6)));
        // 6 batches, 2 workers, averaging every 2: rounds of 4 and 2 batches, 2 + 1 steps
        assertEquals(3, SparkTrainingOptions.averaging(2, 2).iterationsPerEpoch(6));
        assertEquals(4, SparkTrainingOptions.averaging(2, 2).iterationsPerEpoch(7));
        assertEquals(6, SparkTrainingOptions.averaging(1, 3).iterationsPerEpoch(6));
    }

    static List<EpochRecord> withoutTimes(List<EpochRecord> h) {
        return h.stream().map(r -> new EpochRecord(r.epoch(), r.trainLoss(), r.trainAcc(), r.valLoss(), r.valAcc(),
                r.valWeightedF1(), r.valPerClassF1(), r.worstClassF1(), r.learningRate(), 0)).toList();
    }

    /** Unmasked time steps of all training batches of 0-based {@code epoch}, as the single-JVM iterator builds them. */
    static long realSteps(TrainingRequest r, int epoch) {
        try (TrainingData d = TrainingData.open(r.featuresDir(), r.trainConfig())) {
            SequenceBatchIterator it = d.trainingBatches();
            it.startEpoch(epoch);
            long steps = 0;
            while (it.hasNext()) {
                DataSet ds = it.next();
                steps += ds.getFeaturesMaskArray().sumNumber().longValue();
            }
            return steps;
        }
    }

    static String layerClasses(ComputationGraph g) {
        TreeSet<String> classes = new TreeSet<>();
        for (String name : g.getConfiguration().getVertices().keySet()) {
            classes.add(g.getConfiguration().getVertices().get(name).getClass().getName());
            if (g.getLayer(name) != null) {
                classes.add(g.getLayer(name).conf().getLayer().getClass().getName());
            }
        }
        return String.join(",", classes);
    }

    static List<float[][]> videos(Path file) {
        List<float[][]> out = new ArrayList<>();
        try (FeatureFile f = FeatureFile.open(file, ReadMode.IN_MEMORY)) {
            for (int i = 0; i < f.size(); i++) {
                Sequence s = f.read(i);
                float[][] frames = new float[s.length()][s.featureDim()];
                for (int t = 0; t < s.length(); t++) {
                    for (int k = 0; k < s.featureDim(); k++) {
                        frames[t][k] = s.value(t, k);
                    }
                }
                out.add(frames);
            }
        }
        return out;
    }
}
