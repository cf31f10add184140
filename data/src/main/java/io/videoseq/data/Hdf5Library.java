package io.videoseq.data;

/**
 * The bundled HDF5 library set up as videoseq needs it, for code outside this module that calls HDF5 through
 * someone else's reader (DL4J's Keras import of a backbone {@code .h5}): loaded, and its automatic error-stack
 * printing off. That setting is library-wide and DL4J's {@code Hdf5Archive} never changes it, so without this a
 * truncated backbone printed about 25 lines of {@code HDF5-DIAG} to the process's stderr before videoseq's one line.
 */
public final class Hdf5Library {
    private Hdf5Library() {
    }

    /** Idempotent and cheap after the first call; {@link FeatureFile} needs no call (it initialises the same way). */
    public static void initialise() {
        Hdf5.initialise();
    }
}
