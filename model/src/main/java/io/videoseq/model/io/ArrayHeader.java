package io.videoseq.model.io;

import io.videoseq.model.io.ModelFileException.Reason;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.shape.options.ArrayOptionsHelper;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * The header {@code Nd4j.write} puts before an array's values, parsed here so that {@code Nd4j.read} only ever
 * sees a header whose lengths were compared with what the configuration implies: {@code Nd4j.read} allocates
 * whatever length a header declares before reading a single value.
 *
 * <p>Format (ND4J M2.1, {@code BaseDataBuffer.write}): the shape buffer, then the data buffer, each as a
 * modified-UTF-8 allocation mode, a long length and a modified-UTF-8 data type name, followed by that many
 * big-endian values. The shape buffer holds {@code LONG}s: rank, shape, stride, extras (data type bits), element
 * stride, order. Only what ND4J writes today is accepted: mode {@value #MODE}, rank 1 or 2.
 *
 * @param rank        1 or 2
 * @param info        the shape information values
 * @param dataType    the values' type
 * @param length      the number of values
 * @param headerBytes bytes before the first value
 */
record ArrayHeader(int rank, long[] info, DataType dataType, long length, int headerBytes) {
    static final String MODE = "MIXED_DATA_TYPES";
    private static final int MAX_WORD = 32;
    private static final Map<String, DataType> VALUE_TYPES = Map.of("FLOAT", DataType.FLOAT, "DOUBLE",
            DataType.DOUBLE, "HALF", DataType.HALF, "BFLOAT16", DataType.BFLOAT16);
    private static final String VALUE_TYPE_NAMES = "FLOAT, DOUBLE, HALF or BFLOAT16";

    /** Reads the header from {@code in}; a header ND4J would not write is a {@link ModelFileException}. */
    static ArrayHeader read(DataInputStream in, Path file, String entry) throws IOException {
        try {
            String mode = word(in, file, entry);
            requireMode(mode, file, entry);
            long infoLength = in.readLong();
            if (infoLength != 6 && infoLength != 8) {
                throw invalid(file, entry, "the shape information of a rank 1 or 2 array (6 or 8 values)",
                        infoLength + " values");
            }
            String infoType = word(in, file, entry);
            if (!infoType.equals("LONG")) {
                throw invalid(file, entry, "LONG shape information", ModelFileException.printable(infoType));
            }
            long[] info = new long[(int) infoLength];
            for (int i = 0; i < info.length; i++) {
                info[i] = in.readLong();
            }
            String dataMode = word(in, file, entry);
            requireMode(dataMode, file, entry);
            long length = in.readLong();
            String typeName = word(in, file, entry);
            DataType type = VALUE_TYPES.get(typeName);
            if (type == null) {
                throw invalid(file, entry, "values of a floating-point type (" + VALUE_TYPE_NAMES + ")",
                        ModelFileException.printable(typeName));
            }
            // Each word is a 2-byte length and its bytes; each length a long.
            int bytes = 2 + mode.length() + 8 + 2 + infoType.length() + 8 * info.length
                    + 2 + dataMode.length() + 8 + 2 + typeName.length();
            return new ArrayHeader((int) (infoLength - 4) / 2, info, type, length, bytes);
        } catch (EOFException e) {
            throw new ModelFileException(file, entry, Reason.CORRUPT, "an ND4J array header",
                    "fewer bytes than a header has", e);
        }
    }

    /**
     * Refuses the array unless it is the dense {@code [length]} or {@code [1, length]} c-order vector of
     * {@code type} that {@code Nd4j.write} makes of a graph's parameters or updater state.
     *
     * @param source where {@code length} comes from, for the message
     */
    void require(Path file, String entry, long expectedLength, DataType type, String source) {
        if (dataType != type) {
            throw invalid(file, entry, type + " values (the configuration's data type)", dataType + " values");
        }
        if (length != expectedLength) {
            throw invalid(file, entry, expectedLength + " values (" + source + ")", length + " values declared"
                    + " in its array header");
        }
        long[] expected = rank == 1
                ? new long[] {1, length, 1, ArrayOptionsHelper.setOptionBit(0L, type), 1, 'c'}
                : new long[] {2, 1, length, length, 1, ArrayOptionsHelper.setOptionBit(0L, type), 1, 'c'};
        if (!Arrays.equals(info, expected)) {
            throw invalid(file, entry, "the shape information of a dense c-order vector " + Arrays.toString(expected),
                    Arrays.toString(info));
        }
    }

    /** Bytes of the whole array entry: header plus values. */
    long entryBytes() {
        return headerBytes + length * GraphConfiguration.width(dataType);
    }

    private static void requireMode(String mode, Path file, String entry) {
        if (!mode.equals(MODE)) {
            throw invalid(file, entry, "an ND4J array as Nd4j.write writes it (allocation mode " + MODE + ")",
                    "allocation mode \"" + ModelFileException.printable(mode) + "\"");
        }
    }

    /** A modified-UTF-8 string of at most {@value #MAX_WORD} ASCII bytes (all ND4J writes here). */
    private static String word(DataInputStream in, Path file, String entry) throws IOException {
        int n = in.readUnsignedShort();
        if (n > MAX_WORD) {
            throw invalid(file, entry, "an ND4J array header (names of at most " + MAX_WORD + " bytes)",
                    "a name of " + n + " bytes");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static ModelFileException invalid(Path file, String entry, String expected, String found) {
        return new ModelFileException(file, entry, Reason.INVALID_CONTENT, expected, found);
    }
}
