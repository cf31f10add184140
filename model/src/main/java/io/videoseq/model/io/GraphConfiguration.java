package io.videoseq.model.io;

import io.videoseq.model.io.ModelFileException.Reason;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.nd4j.linalg.api.buffer.DataType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;

/**
 * The checked {@code configuration.json} of a model zip and the sizes it implies: read within
 * {@link Limits#MAX_CONFIGURATION_BYTES}, strict UTF-8, type ids checked by {@link TypeIds}, then parsed with
 * {@link ComputationGraphConfiguration#fromJson} (as DL4J's loader does) and required to be a graph with
 * inputs, vertices and outputs, layer widths within {@link Limits#MAX_LAYER_WIDTH} and a parameter count the
 * size limits allow. The parameter count is what {@code ComputationGraph.init} will require of the
 * coefficients: the sum of every vertex's {@code numParams(true)}.
 *
 * @param conf      the parsed configuration (not yet used by a graph)
 * @param numParams the number of parameters the graph will have
 * @param dataType  the configuration's data type, which the arrays must have
 */
record GraphConfiguration(ComputationGraphConfiguration conf, long numParams, DataType dataType) {
    private static final List<DataType> FLOATING = List.of(DataType.FLOAT, DataType.DOUBLE, DataType.HALF,
            DataType.BFLOAT16);

    static GraphConfiguration read(CheckedZip zip) {
        Path file = zip.file();
        String entry = EntryNames.CONFIGURATION;
        ZipEntry e = zip.require(entry, "the DL4J network configuration");
        String json = LegacyTypes.toCurrent(utf8(file, zip.readFully(e)));
        TypeIds.check(file, entry, json);
        ComputationGraphConfiguration conf;
        try {
            conf = ComputationGraphConfiguration.fromJson(json);
        } catch (RuntimeException x) {
            throw new ModelFileException(file, entry, Reason.INVALID_CONTENT, "a DL4J ComputationGraph configuration",
                    "JSON that DL4J cannot read as one: " + ModelFileException.firstLine(x), x);
        }
        if (isEmpty(conf.getNetworkInputs()) || isEmpty(conf.getNetworkOutputs()) || conf.getVertices() == null
                || conf.getVertices().isEmpty()) {
            throw new ModelFileException(file, entry, Reason.INVALID_CONTENT,
                    "a ComputationGraph configuration with inputs, vertices and outputs",
                    "none (a MultiLayerNetwork's configuration, or other JSON)");
        }
        DataType dataType = conf.getDataType();
        if (!FLOATING.contains(dataType)) {
            throw new ModelFileException(file, entry, Reason.INVALID_CONTENT, "data type one of " + FLOATING,
                    String.valueOf(dataType));
        }
        long numParams = countParams(file, conf);
        long maxParams = (Limits.MAX_TOTAL_BYTES - Limits.ARRAY_HEADER_MARGIN) / width(dataType);
        if (numParams > maxParams) {
            throw new ModelFileException(file, entry, Reason.TOO_LARGE, "at most " + maxParams + " " + dataType
                    + " parameters (" + Limits.bytes(Limits.MAX_TOTAL_BYTES) + ")", numParams + " parameters");
        }
        return new GraphConfiguration(conf, numParams, dataType);
    }

    /** Bytes per value of the data types a model may have. */
    static int width(DataType t) {
        return switch (t) {
            case DOUBLE -> 8;
            case FLOAT -> 4;
            case HALF, BFLOAT16 -> 2;
            default -> throw new IllegalArgumentException("not a parameter data type: " + t);
        };
    }

    /** The most bytes {@code values} values of this configuration's type take in an ND4J array entry. */
    long maxArrayBytes(long values) {
        return values * width(dataType) + Limits.ARRAY_HEADER_MARGIN;
    }

    private static String utf8(Path file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ModelFileException(file, EntryNames.CONFIGURATION, Reason.INVALID_CONTENT, "UTF-8 JSON",
                    "bytes that are not UTF-8", e);
        }
    }

    private static long countParams(Path file, ComputationGraphConfiguration conf) {
        long total = 0;
        for (Map.Entry<String, GraphVertex> v : conf.getVertices().entrySet()) {
            String where = "vertex \"" + ModelFileException.printable(v.getKey()) + "\"";
            if (v.getValue() instanceof LayerVertex lv && lv.getLayerConf() != null) {
                checkWidths(file, where, lv.getLayerConf().getLayer());
            }
            long n;
            try {
                n = v.getValue().numParams(true);
            } catch (RuntimeException x) {
                throw new ModelFileException(file, EntryNames.CONFIGURATION, Reason.INVALID_CONTENT,
                        where + " with a computable parameter count", ModelFileException.firstLine(x), x);
            }
            if (n < 0) {
                throw new ModelFileException(file, EntryNames.CONFIGURATION, Reason.INVALID_CONTENT,
                        where + " with a parameter count >= 0", String.valueOf(n));
            }
            try {
                total = Math.addExact(total, n);
            } catch (ArithmeticException x) {
                throw new ModelFileException(file, EntryNames.CONFIGURATION, Reason.TOO_LARGE,
                        "a parameter count that fits in a long", "more parameters", x);
            }
        }
        return total;
    }

    private static void checkWidths(Path file, String where, Layer layer) {
        if (layer instanceof BaseWrapperLayer w) {
            checkWidths(file, where, w.getUnderlying());
        }
        if (layer instanceof Bidirectional b) {
            checkWidths(file, where, b.getFwd());
            checkWidths(file, where, b.getBwd());
        }
        if (layer instanceof FeedForwardLayer f && (outside(f.getNIn()) || outside(f.getNOut()))) {
            throw new ModelFileException(file, EntryNames.CONFIGURATION, Reason.INVALID_CONTENT, where
                    + " with nIn and nOut in [0, " + Limits.MAX_LAYER_WIDTH + "]", "nIn " + f.getNIn() + ", nOut "
                    + f.getNOut());
        }
    }

    private static boolean outside(long width) {
        return width < 0 || width > Limits.MAX_LAYER_WIDTH;
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
