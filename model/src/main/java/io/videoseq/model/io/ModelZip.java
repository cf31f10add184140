package io.videoseq.model.io;

import io.videoseq.model.io.ModelFileException.Reason;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;

/**
 * Loads a model zip (a videoseq checkpoint or an {@code import-torch} output) safely, whoever wrote it: the one
 * loader every videoseq command and library caller uses. Load untrusted files only through this class. Its writing
 * half is {@link ModelZipWriter}, in this package.
 *
 * <p>Why not DL4J's {@code ModelSerializer.restoreComputationGraph}: in 1.0.0-M2.1 it reads every entry whole
 * into memory, unbounded, and deserializes a {@code preprocessor.bin} entry with
 * {@code ObjectInputStream.readObject()} - Java deserialization of the file's bytes (a nested-HashSet payload
 * keeps it busy forever; gadget chains do worse).
 *
 * <p>This class instead
 * <ol>
 *   <li>checks the central directory ({@link CheckedZip}): only {@code configuration.json},
 *       {@code coefficients.bin}, {@code updaterState.bin}, {@code noParams.marker} and {@code videoseq/*}
 *       entries, each name once, no path-escaping names, every declared size within bounds;</li>
 *   <li>reads {@code configuration.json} within 16 MiB, refuses type ids outside DL4J, ND4J and videoseq
 *       ({@link TypeIds}), and parses it with {@code ComputationGraphConfiguration.fromJson}
 *       ({@link GraphConfiguration});</li>
 *   <li>bounds {@code coefficients.bin} and {@code updaterState.bin} by the parameter count the configuration
 *       implies, then reads each with {@code Nd4j.read} only after checking its header declares exactly the
 *       values the graph needs ({@link ArrayEntry}); every entry is streamed with a byte limit and its CRC32
 *       checked ({@link VerifiedEntryStream});</li>
 *   <li>builds the graph as {@code restoreComputationGraph(file, loadUpdater)} does in M2.1:
 *       {@code conf.setDataType(params.dataType())}, {@code new ComputationGraph(conf)},
 *       {@code init(params, false)} (the graph uses the read array as its parameters), and
 *       {@code getUpdater().setStateViewArray(state)} - so parameters, updater state and outputs are
 *       bit-identical to DL4J's.</li>
 * </ol>
 * Every refusal is a {@link ModelFileException} with a one-line message naming the file and the entry.
 * Thread-safe: no shared state.
 */
public final class ModelZip {
    /** Prefix of the entries videoseq adds to DL4J's, e.g. {@code videoseq/metadata.json}. */
    public static final String EXTRA_PREFIX = EntryNames.EXTRA_PREFIX;
    /**
     * The entry a videoseq checkpoint records its metadata in (JSON: run, provenance, input checksums, the features'
     * {@code feature_extractor}); written by training's {@code CheckpointStore}, read there and by inference.
     */
    public static final String METADATA_ENTRY = EXTRA_PREFIX + "metadata.json";

    private ModelZip() {
    }

    /**
     * The graph in {@code file}, with its iteration and epoch counters and, if {@code withUpdater}, its updater
     * state (required then when the configured updaters keep state: resuming without it would not be exact).
     *
     * @throws ModelFileException if the file is refused; nothing else for a bad file
     */
    public static ComputationGraph load(Path file, boolean withUpdater) {
        try (CheckedZip zip = CheckedZip.open(file)) {
            GraphConfiguration g = checkedConfiguration(zip);
            INDArray params = readParams(zip, g);
            ComputationGraphConfiguration conf = g.conf();
            ComputationGraph graph;
            try {
                if (params != null) {
                    conf.setDataType(params.dataType()); // as DL4J does; the types were required equal
                }
                graph = new ComputationGraph(conf);
                graph.init(params, false);
            } catch (RuntimeException x) {
                throw new ModelFileException(file, EntryNames.CONFIGURATION, Reason.INVALID_CONTENT,
                        "a configuration DL4J can build a graph from", ModelFileException.firstLine(x), x);
            }
            if (withUpdater) {
                restoreUpdaterState(zip, g, graph);
            }
            return graph;
        }
    }

    /**
     * The bytes of the videoseq entry {@code name} (e.g. {@code videoseq/metadata.json}), after the same checks
     * of the whole file as {@link #load} makes before reading arrays; the arrays themselves are not read.
     *
     * @throws IllegalArgumentException if {@code name} is not a {@value #EXTRA_PREFIX} entry name
     * @throws ModelFileException       if the file is refused or has no such entry
     */
    public static byte[] readEntry(Path file, String name) {
        if (!EntryNames.isExtra(name)) {
            throw new IllegalArgumentException("not a " + EXTRA_PREFIX + " entry name: " + name);
        }
        try (CheckedZip zip = CheckedZip.open(file)) {
            checkedConfiguration(zip);
            return zip.readFully(zip.require(name, "this entry of a videoseq checkpoint"));
        }
    }

    /** The configuration, with the array entries' declared sizes checked against what it implies. */
    private static GraphConfiguration checkedConfiguration(CheckedZip zip) {
        GraphConfiguration g = GraphConfiguration.read(zip);
        String params = g.numParams() + " " + g.dataType() + " parameters of " + EntryNames.CONFIGURATION;
        zip.find(EntryNames.COEFFICIENTS).ifPresent(e ->
                zip.requireAtMost(e, g.maxArrayBytes(g.numParams()), "for the " + params));
        zip.find(EntryNames.UPDATER_STATE).ifPresent(e -> zip.requireAtMost(e,
                g.maxArrayBytes(g.numParams() * Limits.MAX_UPDATER_STATE_PER_PARAM), "for the updater state of "
                        + Limits.MAX_UPDATER_STATE_PER_PARAM + " values for each of the " + params));
        return g;
    }

    /** The parameters; {@code null} for a graph without any (DL4J then writes {@code noParams.marker}). */
    private static INDArray readParams(CheckedZip zip, GraphConfiguration g) {
        Optional<ZipEntry> coefficients = zip.find(EntryNames.COEFFICIENTS);
        boolean marker = zip.find(EntryNames.NO_PARAMS).isPresent();
        if (g.numParams() == 0) {
            if (!marker || coefficients.map(e -> e.getSize() > 0).orElse(false)) {
                throw new ModelFileException(zip.file(), EntryNames.COEFFICIENTS, Reason.INVALID_CONTENT,
                        "no parameters and " + EntryNames.NO_PARAMS + " (" + EntryNames.CONFIGURATION
                                + " has none)", "parameters or no marker");
            }
            return null;
        }
        if (marker) {
            throw new ModelFileException(zip.file(), EntryNames.NO_PARAMS, Reason.INVALID_CONTENT,
                    "no such marker (" + EntryNames.CONFIGURATION + " has " + g.numParams() + " parameters)",
                    "the marker of a graph without parameters");
        }
        ZipEntry e = zip.require(EntryNames.COEFFICIENTS, "the " + g.numParams() + " parameters");
        return ArrayEntry.read(zip, e, g.numParams(), g.dataType(), "the parameter count of "
                + EntryNames.CONFIGURATION);
    }

    /** Sets the updater state as DL4J does, after checking it has the length the graph's updater needs. */
    private static void restoreUpdaterState(CheckedZip zip, GraphConfiguration g, ComputationGraph graph) {
        INDArray view = graph.getUpdater().getStateViewArray();
        long expected = view == null ? 0 : view.length();
        Optional<ZipEntry> e = zip.find(EntryNames.UPDATER_STATE);
        if (e.isEmpty()) {
            if (expected > 0) {
                throw new ModelFileException(zip.file(), EntryNames.UPDATER_STATE, Reason.MISSING_ENTRY,
                        "the updater state (" + expected + " values) to resume training from", "a zip without it");
            }
            return;
        }
        if (expected == 0) {
            throw new ModelFileException(zip.file(), EntryNames.UPDATER_STATE, Reason.INVALID_CONTENT,
                    "no updater state (the configured updaters keep none)", "an updater state");
        }
        INDArray state = ArrayEntry.read(zip, e.get(), expected, g.dataType(), "the state size of the"
                + " configured updaters");
        graph.getUpdater().setStateViewArray(state);
    }
}
