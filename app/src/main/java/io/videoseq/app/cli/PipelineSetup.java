package io.videoseq.app.cli;

import io.videoseq.app.UserInputException;
import io.videoseq.inference.VideoClassifier;
import io.videoseq.video.Preprocessing;
import io.videoseq.video.backbone.KerasBackbone;
import io.videoseq.video.classify.BackboneMismatchException;
import io.videoseq.video.classify.VideoPipeline;
import io.videoseq.video.decode.VideoLimits;
import io.videoseq.video.extract.ExtractionRecord;
import io.videoseq.video.extract.FrameSampling;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The model and backbone of the commands that read video files ({@code classify}, {@code evaluate-timeline}): the
 * model's record gives the layer, preprocessing, sampling and class names; the given backbone is checked against it.
 */
final class PipelineSetup {
    private PipelineSetup() {
    }

    /**
     * @param sampling frames per video (null: the record's), multi-scale for a model without a record, TTA
     * @param err      where the warning about a model without a record goes
     */
    static VideoPipeline pipeline(Path model, BackboneOptions backbone, SamplingOptions sampling, VideoLimits limits,
                                  PrintWriter err) throws IOException {
        Integer maxFrames = sampling.maxFrames;
        ExtractionRecord record;
        try {
            record = VideoPipeline.recordOf(model);
        } catch (BackboneMismatchException e) {
            throw new UserInputException("--model " + e.getMessage());
        }
        Preprocessing defaults = record != null ? record.backbone().preprocessing() : BackboneOptions.defaults();
        KerasBackbone net = backbone.load(defaults, record != null ? record.backbone().layer() : null);
        FrameSampling frames;
        if (record != null) {
            frames = maxFrames == null ? record.sampling()
                    : new FrameSampling(maxFrames, record.sampling().speeds());
        } else {
            if (maxFrames == null) {
                throw new UserInputException("--max-frames: the model " + model + " records no backbone (its"
                        + " features did not come from videoseq extract); give the frames per video it was"
                        + " trained with");
            }
            err.println("warning: " + model + " records no backbone: cannot check that " + backbone.backbone
                    + " is the one its features came from");
            frames = FrameSampling.of(maxFrames, sampling.multiscale);
        }
        VideoClassifier classifier = VideoClassifier.load(model).withTta(sampling.tta);
        if (record != null && record.classNames() != null && !model.toString().endsWith(".json")
                && record.classNames().size() == classifier.classNames().size()) {
            classifier = classifier.withClassNames(record.classNames());
        }
        VideoPipeline pipeline;
        try {
            pipeline = VideoPipeline.of(classifier, model, record, net, frames, limits);
        } catch (BackboneMismatchException e) {
            throw new UserInputException("--backbone " + backbone.backbone + ": " + e.getMessage());
        }
        return pipeline;
    }
}
