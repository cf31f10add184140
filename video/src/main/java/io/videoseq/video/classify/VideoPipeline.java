package io.videoseq.video.classify;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.inference.FeatureRecords;
import io.videoseq.inference.VideoClassifier;
import io.videoseq.inference.timeline.SegmentRule;
import io.videoseq.inference.timeline.Timeline;
import io.videoseq.inference.timeline.WindowListener;
import io.videoseq.inference.timeline.WindowSpec;
import io.videoseq.video.Backbone;
import io.videoseq.video.decode.VideoLimits;
import io.videoseq.video.extract.ExtractionRecord;
import io.videoseq.video.extract.FrameSampling;
import io.videoseq.video.extract.VideoFeatures;
import io.videoseq.video.window.WindowLimits;
import io.videoseq.video.window.WindowedVideo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Video files to predictions: a backbone and a trained model (a checkpoint or an ensemble manifest) checked to belong
 * together, the frames sampled as the model's features were, each video decoded within its {@link VideoLimits}.
 * What {@code videoseq classify} runs, for a service that classifies uploaded videos.
 *
 * <pre>{@code
 * ExtractionRecord record = VideoPipeline.recordOf(model);            // null for the original pipeline's features
 * Backbone backbone = KerasBackbone.load(file, record.backbone().layer(), record.backbone().preprocessing());
 * VideoPipeline p = VideoPipeline.of(VideoClassifier.load(model), model, record, backbone, record.sampling(),
 *         VideoLimits.DEFAULT);
 * VideoClassifier.Prediction answer = p.classify(Path.of("upload.mp4"));
 * }</pre>
 */
public final class VideoPipeline {
    private final VideoClassifier classifier;
    private final VideoFeatures features;

    private VideoPipeline(VideoClassifier classifier, VideoFeatures features) {
        this.classifier = classifier;
        this.features = features;
    }

    /**
     * The record of the features the model's members were trained on ({@code feature_extractor}, written by
     * {@code extract}); null when no member has one (features of the original pipeline).
     *
     * @throws BackboneMismatchException when members recorded different backbones, or a record cannot be read
     */
    public static ExtractionRecord recordOf(Path modelOrManifest) throws IOException {
        JsonNode first = null;
        Path firstFile = null;
        for (FeatureRecords.Member m : FeatureRecords.of(modelOrManifest)) {
            if (m.featureExtractor() == null) {
                continue;
            }
            if (first == null) {
                first = m.featureExtractor();
                firstFile = m.file();
            } else if (!read(modelOrManifest, first).backbone()
                    .sameFeatures(read(modelOrManifest, m.featureExtractor()).backbone())) {
                throw new BackboneMismatchException(modelOrManifest + ": members " + firstFile + " and " + m.file()
                        + " were trained on features of different backbones");
            }
        }
        return first == null ? null : read(modelOrManifest, first);
    }

    private static ExtractionRecord read(Path model, JsonNode record) {
        try {
            return ExtractionRecord.fromJson(record);
        } catch (IllegalArgumentException e) {
            throw new BackboneMismatchException(model + ": " + e.getMessage());
        }
    }

    /**
     * The pipeline of {@code backbone} into {@code classifier}. With a {@code record}, the backbone must give exactly
     * the recorded features (weights, layer, preprocessing); without one it cannot be checked beyond the width, which
     * must equal the model's.
     *
     * @param model    the classifier's file, named in refusals
     * @param sampling the frames per video and speeds: the record's for a model that has one
     * @throws BackboneMismatchException naming both sides
     */
    public static VideoPipeline of(VideoClassifier classifier, Path model, ExtractionRecord record, Backbone backbone,
                                   FrameSampling sampling, VideoLimits limits) {
        if (record != null) {
            List<String> d = record.backbone().differences(backbone.identity());
            if (!d.isEmpty()) {
                throw new BackboneMismatchException("the model " + model + " was trained on features of "
                        + record.backbone().describe() + "; the backbone gives " + backbone.identity().describe()
                        + " (" + String.join("; ", d) + ")");
            }
        }
        if (classifier.featureDim() != backbone.featureDim()) {
            throw new BackboneMismatchException("the backbone gives " + backbone.featureDim()
                    + " features per frame; the model " + model + " expects " + classifier.featureDim());
        }
        return new VideoPipeline(classifier, new VideoFeatures(backbone, sampling, limits));
    }

    /**
     * One video's prediction. Interrupting the calling thread stops the decode at the next frame.
     *
     * @throws io.videoseq.video.decode.VideoDecodeException naming the file when it cannot be decoded or is past a
     *                                                       bound
     */
    public VideoClassifier.Prediction classify(Path video) {
        return classifier.predict(features.of(video).rows());
    }

    /**
     * A long video as windows and segments ({@link WindowedVideo}): each window sampled as the model's features
     * were ({@link #features()}'s sampling, laid over time), scored by the same classifier, told to {@code listener}
     * as soon as it is decided; bounded by {@link WindowLimits#DEFAULT} (progress, not length: a 2-hour file
     * passes) and this pipeline's pixels per frame.
     *
     * @throws io.videoseq.video.decode.VideoDecodeException naming the file when it cannot be decoded or is past a
     *                                                       bound
     */
    public Timeline timeline(Path video, WindowSpec spec, SegmentRule rule, WindowListener listener) {
        return timeline(video, spec, WindowLimits.DEFAULT, rule, listener);
    }

    /**
     * {@link #timeline(Path, WindowSpec, SegmentRule, WindowListener)} within {@code limits}, which replace this
     * pipeline's whole-file frame and wall-time bounds (its pixels per frame still apply); a total wall time is
     * {@link WindowLimits#withMaxSeconds}.
     */
    public Timeline timeline(Path video, WindowSpec spec, WindowLimits limits, SegmentRule rule,
                             WindowListener listener) {
        return new WindowedVideo(classifier, features.backbone(), features.sampling(), spec, features.limits(),
                limits).timeline(video, rule, listener);
    }

    /**
     * {@link #timeline(Path, WindowSpec, WindowLimits, SegmentRule, WindowListener)} of a video read from a stream
     * as it arrives, such as an upload still being received: each window is told to {@code listener} as soon as its
     * frames have been read. The container must stream (Matroska/WebM, MPEG-TS, fragmented MP4, FLV, AVI; an MP4
     * with its index at the end is refused); the stream is not closed. Bound a slow sender with the stream's own
     * read timeout and {@link WindowLimits#withMaxSeconds}: the bounds are checked between frames.
     *
     * @param name what messages call the video (the upload's name)
     */
    public Timeline timeline(InputStream in, Path name, WindowSpec spec, WindowLimits limits, SegmentRule rule,
                             WindowListener listener) {
        return new WindowedVideo(classifier, features.backbone(), features.sampling(), spec, features.limits(),
                limits).timeline(in, name, rule, listener);
    }

    public VideoClassifier classifier() {
        return classifier;
    }

    public VideoFeatures features() {
        return features;
    }
}
