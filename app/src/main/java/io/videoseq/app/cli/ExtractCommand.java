package io.videoseq.app.cli;

import io.videoseq.app.ExitCodes;
import io.videoseq.app.UserInputException;
import io.videoseq.app.io.OutputFiles;
import io.videoseq.app.progress.ExtractProgress;
import io.videoseq.video.backbone.KerasBackbone;
import io.videoseq.video.extract.Extraction;
import io.videoseq.video.extract.ExtractionResult;
import io.videoseq.video.extract.FrameSampling;
import io.videoseq.video.extract.VideoFeatures;
import io.videoseq.video.extract.VideoList;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import io.videoseq.app.run.InterruptNotice;
import io.videoseq.app.run.ShutdownNotice;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code videoseq extract}: video files to the three feature files (stage 1). */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Decodes the videos of a path,label[,split] CSV, samples --max-frames frames uniformly by"
                + " decoded index, runs the backbone once per needed frame and writes"
                + " {train,val,test}_features[_multiscale].h5 into --out, recording the backbone and preprocessing."
                + " A video that cannot be decoded, is not a plain video file (playlists, concat lists, image"
                + " sequences are refused) or is past a --max-video-* bound is reported in one line and left out;"
                + " the run goes on, lists"
                + " the skipped videos at the end and exits with 2. Killed, it resumes where it stopped when run"
                + " again with the same arguments.")
public final class ExtractCommand implements Callable<Integer> {
    @Option(names = "--videos", required = true, paramLabel = "LIST.csv", description = "Lines path,label[,split]"
            + " (split: train, val or test; without it each class is split 70/15/15 with --seed); paths relative"
            + " to the CSV's folder; an optional header line starting with 'path'.")
    Path videos;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the feature files.")
    Path out;

    @Mixin
    BackboneOptions backbone;

    @Mixin
    VideoLimitOptions limits;

    @Option(names = "--max-frames", required = true, paramLabel = "N", description = "Frames per video (fewer for"
            + " a shorter video: all of its frames); the files' padded length.")
    int maxFrames;

    @Option(names = "--multiscale", description = "Average the features of the frames sampled at speeds 1.0, 0.85"
            + " and 1.15 (around the middle of the video); writes *_features_multiscale.h5.")
    boolean multiscale;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the train/val/test assignment when the CSV"
            + " has no split column (default 42).")
    long seed = 42;

    @Option(names = "--force", description = "Replace existing feature files in --out.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        FrameSampling sampling;
        try {
            sampling = FrameSampling.of(maxFrames, multiscale);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        }
        io.videoseq.video.decode.VideoLimits videoLimits = limits.limits();
        VideoList list = VideoList.read(videos, seed);
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new UserInputException("--out " + out + ": expected a folder, found a file");
        }
        KerasBackbone net = backbone.load(BackboneOptions.defaults(), null);
        Extraction extraction = new Extraction(new VideoFeatures(net, sampling, videoLimits));
        for (Path f : extraction.outputs(out).values()) {
            OutputFiles.requireNew(f, "--out", force);
        }
        Files.createDirectories(out);
        PrintWriter err = spec.commandLine().getErr();
        err.println("backbone " + net.identity().describe());
        if (backbone.layer == null && net.featuresAreClassScores()) {
            err.println("note: layer " + net.identity().layer() + " is the model's softmax output, "
                    + net.identity().featureDim() + " scores of the task it was trained for, not CNN features;"
                    + " name the pooled layer before it with --layer (README, \"extract\")");
        }
        ExtractionResult r;
        // Ctrl-C keeps every finished video (the cache): say so, and how to continue, as train does.
        List<String> again = InterruptNotice.sameCommand(spec.root().commandLine().getParseResult().originalArgs());
        try (ShutdownNotice notice = ShutdownNotice.install(err, () -> spec.qualifiedName() + ": interrupted;"
                + " the videos finished so far are kept in " + out.resolve(".videoseq-extract")
                + " and not recomputed; continue with: " + String.join(" ", again))) {
            r = extraction.run(list, out, new ExtractProgress(err));
        }
        PrintWriter w = spec.commandLine().getOut();
        int written = r.videos().values().stream().mapToInt(Integer::intValue).sum();
        w.printf(Locale.ROOT, "extracted %d of %d videos (train %d, val %d, test %d) into %s%n", written,
                list.entries().size(), r.videos().get(io.videoseq.data.Split.TRAIN),
                r.videos().get(io.videoseq.data.Split.VAL), r.videos().get(io.videoseq.data.Split.TEST), out);
        w.flush();
        if (!r.skipped().isEmpty()) {
            err.printf(Locale.ROOT, "%d video(s) skipped:%n", r.skipped().size());
            for (ExtractionResult.Skipped s : r.skipped()) {
                err.printf(Locale.ROOT, "  %s (line %d of %s)%n", s.reason(), s.line(), videos);
            }
            err.flush();
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.OK;
    }
}
