package io.videoseq.video.extract;

import io.videoseq.data.FeatureFileWriter;
import io.videoseq.data.FeatureSplits;
import io.videoseq.data.Split;
import io.videoseq.video.decode.VideoDecodeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Stage 1: a {@link VideoList} to {@code {train,val,test}_features[_multiscale].h5} in the original layout, with
 * the {@link ExtractionRecord} as each file's {@code feature_extractor} attribute. Videos are extracted in list
 * order, each finished one kept in a {@link FeatureCache} so a killed run resumes where it stopped; a video that
 * cannot be decoded is reported and left out, and the run goes on. The split files are written (atomically) only
 * after every video was tried; the cache is then removed. Labels index {@link VideoList#categoryMapping()}.
 */
public final class Extraction {
    private final VideoFeatures features;

    public Extraction(VideoFeatures features) {
        this.features = features;
    }

    /** The record written into the files of {@code list}. */
    public ExtractionRecord record(VideoList list) {
        List<String> names = new ArrayList<>(list.categoryMapping().keySet());
        names.sort(java.util.Comparator.comparing(list.categoryMapping()::get));
        return new ExtractionRecord(features.backbone().identity(), features.sampling(), names);
    }

    /** The file suffix: {@code _multiscale} for multi-scale sampling, else empty. */
    public String suffix() {
        return features.sampling().multiscale() ? "_multiscale" : "";
    }

    /** The three files this extraction writes into {@code outDir}. */
    public Map<Split, Path> outputs(Path outDir) {
        Map<Split, Path> out = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            out.put(s, FeatureSplits.path(outDir, s, suffix()));
        }
        return out;
    }

    /**
     * Extracts every video of {@code list} (those in the cache of an earlier run of the same extraction are not
     * recomputed) and writes the split files into {@code outDir}, replacing any there: callers that must not replace
     * a user's files check {@link #outputs} first.
     */
    public ExtractionResult run(VideoList list, Path outDir, ExtractionListener listener) {
        if (java.nio.file.Files.isDirectory(outDir)) {
            // Temporaries of split files that a killed run was writing (their writer is dead) are not kept.
            io.videoseq.data.io.AtomicFiles.removeStale(outDir);
        }
        String recordJson = record(list).toJson();
        // Keyed on how features are computed, not on the labels: relabelling a list reuses finished videos.
        FeatureCache cache = new FeatureCache(outDir,
                new ExtractionRecord(features.backbone().identity(), features.sampling(), null).toJson());
        if (java.nio.file.Files.isDirectory(cache.dir())) {
            // A killed run's half-written cache entries (their writer is dead) are not kept.
            io.videoseq.data.io.AtomicFiles.removeStale(cache.dir());
        }
        List<VideoList.Entry> entries = list.entries();
        int n = entries.size();
        int already = 0;
        for (VideoList.Entry e : entries) {
            already += cache.has(e.path()) ? 1 : 0;
        }
        listener.started(n, already);
        List<ExtractionResult.Skipped> skipped = new ArrayList<>();
        boolean[] ok = new boolean[n];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            Path video = entries.get(i).path();
            long t0 = System.nanoTime();
            VideoFeatures.Result r = cache.get(video);
            boolean cached = r != null;
            if (r == null) {
                try {
                    r = features.of(video);
                } catch (VideoDecodeException e) {
                    skipped.add(new ExtractionResult.Skipped(video, entries.get(i).line(), e.getMessage()));
                    listener.videoSkipped(i, n, video, e.getMessage());
                    continue;
                }
                cache.put(video, r);
            }
            ok[i] = true;
            lengths[i] = r.frames();
            listener.videoDone(i, n, video, r.frames(), r.backboneFrames(), cached, (System.nanoTime() - t0) / 1e9);
        }
        Map<Split, Path> files = new EnumMap<>(Split.class);
        Map<Split, Integer> counts = new EnumMap<>(Split.class);
        FeatureFileWriter writer = new FeatureFileWriter(features.backbone().featureDim(),
                features.sampling().maxFrames(), list.categoryMapping(), features.sampling().multiscale(), recordJson);
        for (Map.Entry<Split, Path> out : outputs(outDir).entrySet()) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (ok[i] && entries.get(i).split() == out.getKey()) {
                    members.add(i);
                }
            }
            counts.put(out.getKey(), members.size());
            if (members.isEmpty()) {
                listener.splitEmpty(out.getKey(), out.getValue());
                continue;
            }
            int[] len = members.stream().mapToInt(i -> lengths[i]).toArray();
            int[] labels = members.stream().mapToInt(i -> list.categoryMapping().get(entries.get(i).label()))
                    .toArray();
            writer.write(out.getValue(), len, labels, k -> cache.get(entries.get(members.get(k)).path()).values());
            files.put(out.getKey(), out.getValue());
            listener.fileWritten(out.getKey(), out.getValue(), members.size());
        }
        cache.delete();
        return new ExtractionResult(files, counts, skipped);
    }
}
