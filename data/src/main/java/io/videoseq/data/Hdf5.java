package io.videoseq.data;

import static org.bytedeco.hdf5.global.hdf5.H5E_DEFAULT;
import static org.bytedeco.hdf5.global.hdf5.H5Eset_auto2;
import static org.bytedeco.hdf5.global.hdf5.H5open;

import java.util.function.Supplier;

/**
 * The one lock around every HDF5 call: the bundled HDF5 library is built without thread safety
 * ({@code H5is_library_threadsafe} is false), so two threads inside it at once corrupt its state.
 * Initialising here also turns off the library's automatic error-stack printing to stderr: callers turn
 * failed calls into one-line {@link FeatureFileException}s instead.
 */
final class Hdf5 {
    /**
     * The monitor of the HDF5 binding class itself, so that every module (the model's state_dict
     * importer too) serialises on the same object without depending on each other.
     */
    private static final Object LOCK = org.bytedeco.hdf5.global.hdf5.class;

    static {
        synchronized (LOCK) {
            H5open();
            H5Eset_auto2(H5E_DEFAULT, null, null);
        }
    }

    private Hdf5() {
    }

    /** Runs the static initialiser above (once): for {@link Hdf5Library}. */
    static void initialise() {
        // Referencing the class is enough; the body has nothing left to do.
    }

    static <T> T locked(Supplier<T> action) {
        synchronized (LOCK) {
            return action.get();
        }
    }

    static void locked(Runnable action) {
        synchronized (LOCK) {
            action.run();
        }
    }

    /** Closes an HDF5 identifier with the given close function if it is valid (non-negative). */
    static void closeQuietly(long id, java.util.function.LongToIntFunction close) {
        if (id >= 0) {
            close.applyAsInt(id);
        }
    }
}
