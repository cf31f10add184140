package io.videoseq.video.extract;

import io.videoseq.data.Split;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What an {@link Extraction} did.
 *
 * @param files   the split files written, by split (a split without videos has none)
 * @param videos  videos written per split
 * @param skipped the videos left out, each with its one-line reason
 */
public record ExtractionResult(Map<Split, Path> files, Map<Split, Integer> videos, List<Skipped> skipped) {

    /** A video that could not be decoded. */
    public record Skipped(Path video, int line, String reason) {
    }

    public ExtractionResult {
        files = Map.copyOf(files);
        videos = Map.copyOf(videos);
        skipped = List.copyOf(skipped);
    }
}
