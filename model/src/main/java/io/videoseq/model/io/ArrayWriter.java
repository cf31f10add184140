package io.videoseq.model.io;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Writes an array in exactly the bytes of {@link Nd4j#write(INDArray, DataOutputStream)} (what DL4J's
 * {@code ModelSerializer} stores as {@code coefficients.bin} and {@code updaterState.bin}), but copies float and
 * double data in 1 MiB blocks. ND4J M2.1's {@code BaseDataBuffer.write} calls {@code writeFloat} once per
 * element, which made a full-model checkpoint (65 M parameters + 130 M AdamW moments) take tens of seconds.
 */
final class ArrayWriter {

    private static final int BLOCK = 1 << 20;

    private ArrayWriter() {
    }

    static void write(INDArray array, DataOutputStream out) throws IOException {
        INDArray a = array.isView() ? array.dup() : array;
        a.shapeInfoDataBuffer().write(out);
        DataBuffer data = a.data();
        DataType type = data.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            data.write(out);
            return;
        }
        out.writeUTF(data.allocationMode().name());
        out.writeLong(data.length());
        out.writeUTF(type.name());
        if (data.length() == 0) {
            return;
        }
        byte[] block = new byte[BLOCK];
        ByteBuffer bytes = ByteBuffer.wrap(block).order(ByteOrder.BIG_ENDIAN);
        if (type == DataType.FLOAT) {
            FloatBuffer src = data.asNioFloat();
            src.limit(Math.toIntExact(data.length()));
            FloatBuffer dst = bytes.asFloatBuffer();
            while (src.hasRemaining()) {
                int n = Math.min(src.remaining(), dst.capacity());
                dst.clear();
                dst.put(src.slice().limit(n));
                src.position(src.position() + n);
                out.write(block, 0, n * Float.BYTES);
            }
        } else {
            DoubleBuffer src = data.asNioDouble();
            src.limit(Math.toIntExact(data.length()));
            DoubleBuffer dst = bytes.asDoubleBuffer();
            while (src.hasRemaining()) {
                int n = Math.min(src.remaining(), dst.capacity());
                dst.clear();
                dst.put(src.slice().limit(n));
                src.position(src.position() + n);
                out.write(block, 0, n * Double.BYTES);
            }
        }
    }
}
