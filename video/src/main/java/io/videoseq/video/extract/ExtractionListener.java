package io.videoseq.video.extract;

import io.videoseq.data.Split;
import java.nio.file.Path;

/** What an {@link Extraction} reports as it goes; every hook is optional. Called on the extracting thread. */
public interface ExtractionListener {
    /** Before the first video: how many there are and how many a previous, interrupted run already did. */
    default void started(int videos, int alreadyDone) {
    }

    /** Video {@code i} (0-based, of {@code n}) has its features; {@code cached}: from the interrupted run. */
    default void videoDone(int i, int n, Path video, int frames, int backboneFrames, boolean cached,
                           double seconds) {
    }

    /** Video {@code i} cannot be decoded and is left out; {@code reason} is one line naming it. */
    default void videoSkipped(int i, int n, Path video, String reason) {
    }

    /** A split file was written. */
    default void fileWritten(Split split, Path file, int videos) {
    }

    /** A split got no video (all skipped, or none listed), so its file is not written. */
    default void splitEmpty(Split split, Path file) {
    }
}
