package io.videoseq.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ArrayWriterTest {

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE", "INT", "LONG"})
    void writesTheBytesOfNd4jWrite(DataType type) throws Exception {
        // Larger than one block, and a view (a column slice) that must be copied first.
        INDArray big = Nd4j.rand(DataType.DOUBLE, 1, 300_001).muli(1000).castTo(type);
        INDArray view = Nd4j.rand(DataType.DOUBLE, 50, 40).castTo(type).getColumn(3);
        for (INDArray a : new INDArray[] {big, view, Nd4j.zeros(type, 0)}) {
            assertArrayEquals(nd4j(a), ours(a), type + " " + a.shapeInfoToString());
        }
    }

    private static byte[] nd4j(INDArray a) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Nd4j.write(a, out);
        }
        return bytes.toByteArray();
    }

    private static byte[] ours(INDArray a) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            ArrayWriter.write(a, out);
        }
        return bytes.toByteArray();
    }
}
