package io.videoseq.model.layers;

import io.videoseq.model.onednn.OneDnnEngine;
import org.bytedeco.dnnl.memory;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN memories over ND4J buffers (on {@link OneDnnEngine}'s engine): every buffer {@link BiLstmOneDnn}
 * hands to a primitive is an ND4J array (in DL4J's workspaces, reused step after step), wrapped without a copy.
 */
final class OneDnnMemory {

    private OneDnnMemory() {
    }

    /** A oneDNN memory over an ND4J array's buffer from float {@code offset} (no copy; lives in the scope). */
    static memory over(memory.desc desc, INDArray a, long offset) {
        return new memory(desc, OneDnnEngine.engine(), address(a, offset));
    }

    /** The same from a byte offset: buffers of bf16 values. */
    static memory overBytes(memory.desc desc, INDArray a, long byteOffset) {
        return new memory(desc, OneDnnEngine.engine(), OneDnnEngine.address(address(a, 0).address() + byteOffset));
    }

    /**
     * Converts {@code rows × cols} values between f32 and bf16 (oneDNN's reorder, round to nearest even), from the
     * start of one ND4J buffer into the start of another (a bf16 buffer is a FLOAT array of half the length).
     */
    static void convert(INDArray src, memory.data_type from, INDArray dst, memory.data_type to, long rows,
            long cols) {
        try (org.bytedeco.javacpp.PointerScope scope = new org.bytedeco.javacpp.PointerScope()) {
            memory s = over(new memory.desc(new long[] {rows, cols}, from, memory.format_tag.ab), src, 0);
            memory d = over(new memory.desc(new long[] {rows, cols}, to, memory.format_tag.ab), dst, 0);
            new org.bytedeco.dnnl.reorder(s, d).execute(OneDnnEngine.stream(), s, d);
            OneDnnEngine.stream()._wait();
        }
    }

    /** A byte buffer of at least {@code size} bytes as a FLOAT array (oneDNN's workspace and scratchpad). */
    static INDArray bytes(LayerWorkspaceMgr ws, ArrayType type, long size) {
        return ws.createUninitialized(type, DataType.FLOAT, new long[] {Math.max(1, (size + 3) / 4)}, 'c');
    }

    static Pointer address(INDArray a, long offset) {
        if (a.offset() != 0 || !a.dataType().equals(DataType.FLOAT)) {
            throw new IllegalStateException("oneDNN buffer must be a FLOAT array at offset 0");
        }
        return OneDnnEngine.address(a.data().addressPointer().address() + 4 * offset);
    }
}
