/**
 * Loads ND4J's OpenBLAS and nothing else, so that OPENBLAS_VERBOSE=2 makes the library print the core it detects
 * ("Core: Haswell"). Run by native-env.sh as a single-file program ({@code java -cp JARS BlasCoreProbe.java}),
 * before any module is built: it needs only the javacpp and openblas jars.
 */
public class BlasCoreProbe {
    public static void main(String[] args) throws ClassNotFoundException {
        org.bytedeco.javacpp.Loader.load(Class.forName("org.bytedeco.openblas.global.openblas_nolapack"));
    }
}
