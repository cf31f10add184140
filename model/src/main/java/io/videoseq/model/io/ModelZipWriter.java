package io.videoseq.model.io;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes a model zip: the entries DL4J's {@code ModelSerializer} writes, byte for byte ({@value
 * EntryNames#CONFIGURATION}, {@value EntryNames#COEFFICIENTS}, {@value EntryNames#UPDATER_STATE} when asked and
 * the updater keeps state), plus videoseq's entries under {@value EntryNames#EXTRA_PREFIX}, in one pass. The writing half of the
 * format {@link ModelZip} reads, in the same package so the two cannot drift: an extra entry whose name the reader
 * would refuse is refused here, before anything is written.
 *
 * <p>The arrays go in uncompressed deflate blocks: trained float parameters and AdamW moments barely compress, and
 * deflating them (even at level 1) took ~11 s per 65 M floats. The zip stays an ordinary DL4J model file, which
 * {@code restoreComputationGraph} reads as well. Atomicity (temporary file, fsync, rename) is the caller's: this
 * class writes to a stream.
 */
public final class ModelZipWriter {

    private ModelZipWriter() {
    }

    /**
     * @param out    receives the whole zip; not closed
     * @param graph       its configuration (with its iteration and epoch counters), parameters and updater state
     * @param withUpdater whether to store the updater state (checkpoints, to resume; not a model for inference)
     * @param extras entries under {@value EntryNames#EXTRA_PREFIX} (e.g. {@link ModelZip#METADATA_ENTRY}) and their
     *               bytes, written last in iteration order
     * @throws IllegalArgumentException naming an extra entry {@link ModelZip} would refuse
     */
    public static void write(OutputStream out, ComputationGraph graph, boolean withUpdater, Map<String, byte[]> extras)
            throws IOException {
        for (String name : extras.keySet()) {
            if (!EntryNames.isExtra(name) || EntryNames.unsafe(name).isPresent()) {
                throw new IllegalArgumentException("extra entry " + name + ": expected a name " + EntryNames.EXTRA_PREFIX
                        + "<plain segments>, which " + ModelZip.class.getSimpleName() + " reads");
            }
        }
        ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(unclosable(out), 1 << 20));
        zip.putNextEntry(new ZipEntry(EntryNames.CONFIGURATION));
        zip.write(graph.getConfiguration().toJson().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.setLevel(Deflater.NO_COMPRESSION);
        writeArray(zip, EntryNames.COEFFICIENTS, graph.params());
        INDArray updaterState = !withUpdater || graph.getUpdater() == null ? null
                : graph.getUpdater().getStateViewArray();
        if (updaterState != null && updaterState.length() > 0) {
            writeArray(zip, EntryNames.UPDATER_STATE, updaterState);
        }
        zip.setLevel(Deflater.DEFAULT_COMPRESSION);
        for (Map.Entry<String, byte[]> e : extras.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey()));
            zip.write(e.getValue());
            zip.closeEntry();
        }
        zip.finish();
        zip.close();
    }

    private static void writeArray(ZipOutputStream zip, String entry, INDArray array) throws IOException {
        zip.putNextEntry(new ZipEntry(entry));
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(unclosable(zip), 1 << 20));
        ArrayWriter.write(array, data);
        data.flush();
        zip.closeEntry();
    }

    /** {@code out} behind a stream whose close only flushes: the zip's entries, and the caller's file, stay open. */
    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
