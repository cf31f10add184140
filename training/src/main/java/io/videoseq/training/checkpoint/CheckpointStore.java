package io.videoseq.training.checkpoint;

import io.videoseq.model.io.ModelFileException;
import io.videoseq.model.io.ModelZip;
import io.videoseq.training.io.AtomicFiles;
import io.videoseq.training.io.Json;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Single-file checkpoints in one directory: {@code best_{name}.zip} and {@code {name}_checkpoint_epoch_{e}.zip}
 * ({@code e} = epochs completed). Each file is a DL4J {@link ModelSerializer} zip (configuration with counters,
 * parameters, updater state) plus the entry {@value #METADATA_ENTRY} ({@link CheckpointMetadata}), so DL4J's own
 * {@code restoreComputationGraph} still reads it.
 *
 * <p>Writes never lose data: the complete file is built in a hidden temporary sibling, forced to disk and renamed
 * over the target; a crash at any instant leaves the previous file intact, and a failure throws
 * {@link UncheckedIOException} naming the path (the run then stops).
 */
public final class CheckpointStore {

    /** Zip entry holding the metadata JSON. */
    public static final String METADATA_ENTRY = "videoseq/metadata.json";

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

    /** The finished checkpoints of {@code name}: its best checkpoint (if any) and its periodic ones. */
    public List<Path> all(String name) {
        List<Path> out = new ArrayList<>();
        Path best = bestPath(name);
        if (Files.isRegularFile(best)) {
            out.add(best);
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

    /** The newest periodic checkpoint of {@code name}, if any. */
    public Optional<Path> latest(String name) {
        List<Path> all = periodic(name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Deletes temporary files a killed writer left for {@code name}'s checkpoints (never a finished checkpoint).
     * Call only while no other process writes checkpoints of that name.
     */
    public void removeStaleTemporaries(String name) {
        requireValidName(name);
        if (!Files.isDirectory(directory)) {
            return;
        }
        String best = AtomicFiles.TEMP_PREFIX + "best_" + name + ".zip";
        String periodic = AtomicFiles.TEMP_PREFIX + name + "_checkpoint_epoch_";
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith(best) || n.startsWith(periodic)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean temporary files in " + directory.toAbsolutePath(), e);
        }
    }

    /** Writes a checkpoint file atomically (see the class comment). */
    public static void write(Path target, ComputationGraph graph, CheckpointMetadata metadata) {
        Path modelTmp = AtomicFiles.temporarySibling(target.resolveSibling(target.getFileName() + ".model"));
        Path tmp = AtomicFiles.temporarySibling(target);
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            ModelSerializer.writeModel(graph, modelTmp.toFile(), true);
            byte[] json = Json.mapper().writeValueAsBytes(metadata);
            try (ZipFile model = new ZipFile(modelTmp.toFile());
                 OutputStream out = Files.newOutputStream(tmp);
                 ZipOutputStream zip = new ZipOutputStream(out)) {
                copyEntries(model, zip);
                zip.putNextEntry(new ZipEntry(METADATA_ENTRY));
                zip.write(json);
                zip.closeEntry();
            }
            Files.delete(modelTmp);
            AtomicFiles.force(tmp);
            WritePause.maybePause(target, tmp);
            AtomicFiles.moveIntoPlace(tmp, target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(modelTmp);
            deleteQuietly(tmp);
            throw new UncheckedIOException(new IOException("cannot write checkpoint " + target.toAbsolutePath()
                    + ": " + e, e));
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

    private static void copyEntries(ZipFile from, ZipOutputStream to) throws IOException {
        Enumeration<? extends ZipEntry> entries = from.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            to.putNextEntry(new ZipEntry(e.getName()));
            try (InputStream in = from.getInputStream(e)) {
                in.transferTo(to);
            }
            to.closeEntry();
        }
    }

    private static long epochOf(Pattern p, Path f) {
        Matcher m = p.matcher(f.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException("not a periodic checkpoint: " + f);
        }
        return Long.parseLong(m.group(1));
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // The write failure being reported matters more than a leftover temporary file.
        }
    }
}
