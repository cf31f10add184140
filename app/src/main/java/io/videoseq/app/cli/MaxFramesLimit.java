package io.videoseq.app.cli;

import io.videoseq.app.UserInputException;
import io.videoseq.data.FeatureFileLimits;

/** {@code --max-frames-limit N} of inspect, predict and evaluate as the data module's limits. */
final class MaxFramesLimit {
    private MaxFramesLimit() {
    }

    static FeatureFileLimits of(int maxFrames) {
        if (maxFrames < 1) {
            throw new UserInputException("--max-frames-limit: expected >= 1, found " + maxFrames);
        }
        return new FeatureFileLimits(maxFrames);
    }
}
