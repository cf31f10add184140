package io.videoseq.model.onednn;

import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.stream;
import org.bytedeco.javacpp.Pointer;

/**
 * One oneDNN CPU engine for the JVM and an in-order stream per thread (primitives may be shared by threads, streams
 * not), kept out of any JavaCPP PointerScope open at first use, which would free them. Use only where
 * {@link OneDnnLibrary#loaded()}.
 */
public final class OneDnnEngine {
    private static final engine ENGINE = unscoped(new engine(engine.kind.cpu, 0));
    private static final ThreadLocal<stream> STREAMS = ThreadLocal.withInitial(() -> unscoped(new stream(ENGINE)));

    private OneDnnEngine() {
    }

    public static engine engine() {
        return ENGINE;
    }

    /** This thread's stream. */
    public static stream stream() {
        return STREAMS.get();
    }

    /** Outlives the PointerScope it is made in (JavaCPP's detach would free it): the caller closes it. */
    public static <P extends Pointer> P unscoped(P p) {
        p.retainReference();
        return p;
    }

    /** A raw native address (an ND4J buffer's) as a Pointer, for a oneDNN memory over it without a copy. */
    public static Pointer address(long address) {
        return new Address(address);
    }

    /** JavaCPP's Pointer has no public constructor taking an address. */
    private static final class Address extends Pointer {
        Address(long address) {
            this.address = address;
        }
    }
}
