package io.videoseq.inference.timeline;

import io.videoseq.inference.VideoClassifier;

/**
 * One window of a long video, scored as a clip: its span in the video's own time, the model's prediction for it
 * (the {@link io.videoseq.inference.Scorer}'s, through {@link VideoClassifier}) and where the model looked in it.
 *
 * @param index     0-based, in time order
 * @param start     seconds from the start of the video
 * @param end       {@code start} + the window length (or the video's end, for a video shorter than one window)
 * @param stepTimes the presentation time of the frame each step of the window's feature sequence took (speed 1)
 * @param saliency  the attention-pooling weight of each step ({@link VideoClassifier#saliency}), summing to 1
 */
public record WindowPrediction(int index, double start, double end, VideoClassifier.Prediction prediction,
                               double[] stepTimes, double[] saliency) {
    public WindowPrediction {
        if (!(end > start) || start < 0) {
            throw new IllegalArgumentException("window " + index + ": expected 0 <= start < end, found " + start
                    + ", " + end);
        }
        if (stepTimes.length != saliency.length) {
            throw new IllegalArgumentException("window " + index + ": expected one saliency weight per step ("
                    + stepTimes.length + "), found " + saliency.length);
        }
        stepTimes = stepTimes.clone();
        saliency = saliency.clone();
    }

    @Override
    public double[] stepTimes() {
        return stepTimes.clone();
    }

    @Override
    public double[] saliency() {
        return saliency.clone();
    }

    public double centre() {
        return (start + end) / 2;
    }

    public int predicted() {
        return prediction.predicted();
    }

    /** The probability of the predicted class. */
    public double confidence() {
        return prediction.probability(prediction.predicted());
    }
}
