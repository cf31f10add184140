package io.videoseq.spark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.videoseq.app.UserInputException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --master}: the forms Spark accepts pass, anything else is one line naming the option; masters are probed. */
class SparkMasterTest {
    @ParameterizedTest
    @ValueSource(strings = {"local", "local[1]", "local[2]", "local[*]", "local[4,3]", "local[*, 2]",
        "local-cluster[2, 1, 1024]", "spark://m:7077", "spark://m1:7077,m2:7077", "spark://10.0.0.1:7077",
        "spark://[::1]:7077"})
    void formsSparkAcceptsPass(String url) {
        SparkMaster.parse(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bogus://x", "", "local[0]", "local[]", "local[x]", "local[2", "localhost",
        "spark://", "spark://m", "spark://m:0", "spark://m:70000", "spark://m:7077,", "spark://m:x", "k8s://",
        "LOCAL[2]", "yarn-client"})
    void anythingElseIsOneLineNamingTheOption(String url) {
        UserInputException e = assertThrows(UserInputException.class, () -> SparkMaster.parse(url));
        assertTrue(e.getMessage().startsWith("--master: expected one of local, local[N]"), e.getMessage());
        assertTrue(e.getMessage().contains("found '" + url + "'"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aClusterManagerNotOnTheClassPathIsNamed() {
        // The test class path has Spark core only, as ./videoseq spark-train has: YARN needs spark-submit.
        UserInputException e = assertThrows(UserInputException.class, () -> SparkMaster.parse("yarn"));
        assertTrue(e.getMessage().contains("found 'yarn' without spark-yarn"), e.getMessage());
    }

    @Test
    void standaloneMastersAreListed() {
        assertEquals(List.of(InetSocketAddress.createUnresolved("m1", 7077),
                InetSocketAddress.createUnresolved("m2", 7078)), SparkMaster.parse("spark://m1:7077,m2:7078"));
    }

    @Test
    void aClosedPortIsRefusedAtOnceAndAnOpenOnePasses() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String url = "spark://127.0.0.1:" + closed;
        long start = System.nanoTime();
        UserInputException e = assertThrows(UserInputException.class,
                () -> SparkMaster.requireReachable(url, SparkMaster.parse(url), Duration.ofSeconds(3)));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "took " + (System.nanoTime() - start) / 1e9 + " s");
        assertTrue(e.getMessage().startsWith("--master: expected a reachable Spark master, found no answer from '"
                + url + "' within 3 s (127.0.0.1:" + closed + " ConnectException"), e.getMessage());
        try (ServerSocket open = new ServerSocket(0)) {
            String up = "spark://127.0.0.1:" + closed + ",127.0.0.1:" + open.getLocalPort();
            SparkMaster.requireReachable(up, SparkMaster.parse(up), Duration.ofSeconds(3));
        }
    }
}
