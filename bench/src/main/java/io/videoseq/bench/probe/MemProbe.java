package io.videoseq.bench.probe;

// Where the JVM's memory goes on the bench model: RSS, heap, ND4J workspaces and big memory regions after
// building the graph, after each training step and after inference. Diagnostic for bench/RESULTS.md.
// Usage (after `mvn -pl bench -am package -DskipTests`): CP=bench/target/classes:$(cat bench/target/classpath.txt)
//   OMP_NUM_THREADS=1 java -Xmx8g -Xmn64m -cp $CP io.videoseq.bench.probe.MemProbe full|small
import io.videoseq.bench.BenchBatch;
import io.videoseq.bench.BenchShape;
import io.videoseq.bench.VideoseqBench;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import java.nio.file.*;

public class MemProbe {
    static long rss() throws Exception {
        for (String l : Files.readAllLines(Paths.get("/proc/self/status"))) if (l.startsWith("VmRSS")) return Long.parseLong(l.replaceAll("\\D", "")) / 1024;
        return -1;
    }
    static void report(String what) throws Exception {
        long ws = 0;
        StringBuilder sb = new StringBuilder();
        for (MemoryWorkspace w : Nd4j.getWorkspaceManager().getAllWorkspacesForCurrentThread()) {
            ws += w.getCurrentSize();
            sb.append(String.format(" %s=%dM", w.getId(), w.getCurrentSize() >> 20));
        }
        Runtime r = Runtime.getRuntime();
        System.out.printf("%-14s rss %5d MiB, heap used %4d MiB committed %4d MiB, javacpp physical %5d MiB total %5d MiB, workspaces %5d MiB:%s%n",
            what, rss(), (r.totalMemory() - r.freeMemory()) >> 20, r.totalMemory() >> 20,
            org.bytedeco.javacpp.Pointer.physicalBytes() >> 20, org.bytedeco.javacpp.Pointer.totalBytes() >> 20, ws >> 20, sb);
    }
    static void maps(String what) throws Exception {
        java.util.List<String> lines = Files.readAllLines(Paths.get("/proc/self/smaps"));
        String head = null; java.util.List<Long> big = new java.util.ArrayList<>(); long small = 0;
        for (String l : lines) {
            if (Character.isDigit(l.charAt(0)) || (l.charAt(0) >= 'a' && l.charAt(0) <= 'f' && l.contains("-") && !l.contains(":"))) head = l;
            if (l.startsWith("Rss:")) { long kb = Long.parseLong(l.replaceAll("\\D", "")); if (kb > 20 * 1024) big.add(kb / 1024); else small += kb; }
        }
        big.sort(java.util.Comparator.reverseOrder());
        System.out.println(what + " big regions MiB " + big + " small total " + (small / 1024));
        for (String l : Files.readAllLines(Paths.get("/proc/self/status"))) if (l.startsWith("VmHWM")) System.out.println(l);
    }
    public static void main(String[] a) throws Exception {
        BenchShape shape = BenchShape.preset(a[0], 48, 24, 40);
        report("start");
        VideoseqBench b = VideoseqBench.create(shape, WorkspaceMode.ENABLED);
        report("built"); maps("built");
        BenchBatch batch = BenchBatch.create(shape, 0L, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        report("batch");
        for (int i = 0; i < 3; i++) { b.trainStep(batch); report("train " + i); maps("train " + i); }
        for (int i = 0; i < 2; i++) { b.inferStep(batch); report("infer " + i); }
        System.gc(); Thread.sleep(500); report("gc");
    }
}
