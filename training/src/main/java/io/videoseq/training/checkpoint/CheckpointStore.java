package io.videoseq.training.checkpoint;

import io.videoseq.data.io.AtomicFiles;
import io.videoseq.data.io.FileWriteException;
import io.videoseq.model.io.ModelFileException;
import io.videoseq.model.io.ModelZip;
import io.videoseq.model.io.ModelZipWriter;
import io.videoseq.training.io.Json;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Single-file checkpoints in one directory: {@code best_{name}.zip}, {@code {name}_last.zip} (the newest epoch,
 * replaced after every epoch, so a kill loses at most the epoch in progress) and the archive
 * {@code {name}_checkpoint_epoch_{e}.zip} ({@code e} = epochs completed). Each file is a DL4J {@link ModelSerializer} zip (configuration with counters,
 * parameters, updater state) plus the entry {@value #METADATA_ENTRY} ({@link CheckpointMetadata}), so DL4J's own
 * {@code restoreComputationGraph} still reads it.
 *
 * <p>Writes never lose data: the complete file is built in a hidden temporary sibling, forced to disk and renamed
 * over the target; a crash at any instant leaves the previous file intact, and a failure throws
 * {@link UncheckedIOException} naming the path (the run then stops).
 */
public final class CheckpointStore {

    /** Zip entry holding the metadata JSON. */
    public static final String METADATA_ENTRY = ModelZip.METADATA_ENTRY;

    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final Path directory;

    public CheckpointStore(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** {@code best_{name}.zip}. */
    public Path bestPath(String name) {
        return directory.resolve("best_" + requireValidName(name) + ".zip");
    }

    /** {@code {name}_checkpoint_epoch_{epoch}.zip}. */
    public Path periodicPath(String name, int epoch) {
        return directory.resolve(requireValidName(name) + "_checkpoint_epoch_" + epoch + ".zip");
    }

    /** {@code {name}_last.zip}: the full run state after the newest finished epoch (epoch 0 = just started). */
    public Path lastPath(String name) {
        return directory.resolve(requireValidName(name) + "_last.zip");
    }

    /** Replaces {@code {name}_last.zip} atomically. */
    public Path saveLast(ComputationGraph graph, CheckpointMetadata metadata) {
        Path target = lastPath(metadata.modelName());
        write(target, graph, metadata);
        return target;
    }

    /** Replaces {@code best_{name}.zip} atomically. */
    public Path saveBest(ComputationGraph graph, CheckpointMetadata metadata) {
        Path target = bestPath(metadata.modelName());
        write(target, graph, metadata);
        return target;
    }

    /**
     * Writes {@code {name}_checkpoint_epoch_{epoch}.zip}, then deletes all but the newest {@code keep} periodic
     * checkpoints of that name (only after the new one is safely in place).
     */
    public Path savePeriodic(ComputationGraph graph, CheckpointMetadata metadata, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep_checkpoints = " + keep + ", expected >= 1");
        }
        Path target = periodicPath(metadata.modelName(), metadata.epoch());
        write(target, graph, metadata);
        List<Path> all = periodic(metadata.modelName());
        for (Path old : all.subList(0, Math.max(0, all.size() - keep))) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete old checkpoint " + old.toAbsolutePath(), e);
            }
        }
        return target;
    }

    /** Periodic checkpoints of {@code name}, oldest epoch first; temporary files are never listed. */
    public List<Path> periodic(String name) {
        Pattern p = Pattern.compile(Pattern.quote(requireValidName(name)) + "_checkpoint_epoch_(\\d+)\\.zip");
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            files.forEach(f -> {
                if (p.matcher(f.getFileName().toString()).matches()) {
                    out.add(f);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list checkpoint directory " + directory.toAbsolutePath(), e);
        }
        out.sort(Comparator.comparingLong(f -> epochOf(p, f)));
        return out;
    }

    /** The finished checkpoints of {@code name}: best and last (if any) and the periodic ones. */
    public List<Path> all(String name) {
        List<Path> out = new ArrayList<>();
        for (Path p : List.of(bestPath(name), lastPath(name))) {
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        out.addAll(periodic(name));
        return out;
    }

    /** Deletes every finished checkpoint of {@code name} (a deliberate fresh start). */
    public void deleteAll(String name) {
        for (Path f : all(name)) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete old checkpoint " + f.toAbsolutePath(), e);
            }
        }
    }

    /**
     * The resume point of {@code name}: whichever of {@code {name}_last.zip} and the newest periodic checkpoint
     * records more finished epochs (a kill between writing the two leaves the periodic one ahead), if any.
     */
    public Optional<Path> latest(String name) {
        List<Path> periodic = periodic(name);
        Optional<Path> newestPeriodic = periodic.isEmpty() ? Optional.empty()
                : Optional.of(periodic.get(periodic.size() - 1));
        Path last = lastPath(name);
        if (!Files.isRegularFile(last)) {
            return newestPeriodic;
        }
        if (newestPeriodic.isPresent() && readMetadata(newestPeriodic.get()).epoch() > readMetadata(last).epoch()) {
            return newestPeriodic;
        }
        return Optional.of(last);
    }

    /** Deletes temporary files that killed writers left in the checkpoint folder (never a live writer's). */
    public void removeStaleTemporaries() {
        AtomicFiles.removeStale(directory);
    }

    /**
     * Writes a checkpoint file atomically (see the class comment): the model zip {@link ModelZipWriter} writes (DL4J's
     * entries byte for byte) with the metadata as {@value #METADATA_ENTRY}.
     */
    public static void write(Path target, ComputationGraph graph, CheckpointMetadata metadata) {
        Path tmp = AtomicFiles.begin(target);
        try {
            byte[] json = Json.mapper().writeValueAsBytes(metadata);
            try (OutputStream file = Files.newOutputStream(tmp)) {
                ModelZipWriter.write(file, graph, true, Map.of(METADATA_ENTRY, json));
            }
            AtomicFiles.force(tmp);
            CrashPoints.beforeMove(target, tmp);
            AtomicFiles.moveIntoPlace(tmp, target);
        } catch (IOException | RuntimeException e) {
            throw new FileWriteException(target, e);
        } finally {
            AtomicFiles.release(tmp);
        }
    }

    /**
     * Reads only the metadata entry, without loading the model, after {@link ModelZip}'s checks of the whole file
     * (a file it refuses, or one without the entry, throws {@link ModelFileException}).
     */
    public static CheckpointMetadata readMetadata(Path checkpoint) {
        byte[] json = ModelZip.readEntry(checkpoint, METADATA_ENTRY);
        try {
            return Json.mapper().readValue(json, CheckpointMetadata.class);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            throw new ModelFileException(checkpoint, METADATA_ENTRY, ModelFileException.Reason.INVALID_CONTENT,
                    "videoseq checkpoint metadata JSON", ModelFileException.printable(m), e);
        }
    }

    /**
     * Loads the graph with its updater state and counters, and the metadata, through {@link ModelZip} (never
     * DL4J's {@code ModelSerializer}, which deserializes Java objects from the file).
     */
    public static Checkpoint load(Path checkpoint) {
        CheckpointMetadata metadata = readMetadata(checkpoint);
        ComputationGraph graph = ModelZip.load(checkpoint, true);
        return new Checkpoint(checkpoint, graph, metadata);
    }

    /** Returns {@code name} if it is a safe file-name fragment, else throws naming it. */
    public static String requireValidName(String name) {
        if (name == null || !VALID_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("model name \"" + name
                    + "\": expected letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    private static long epochOf(Pattern p, Path f) {
        Matcher m = p.matcher(f.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException("not a periodic checkpoint: " + f);
        }
        return Long.parseLong(m.group(1));
    }
}
