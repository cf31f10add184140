package io.videoseq.spark.cluster;

import io.videoseq.data.Split;
import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import io.videoseq.spark.cli.ExecutorCheck;
import io.videoseq.spark.cli.SparkMain;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code spark-train} on a real standalone cluster: a Master and two Workers (one core, bounded memory each) and
 * the driver, each in its own network namespace with its own address ({@link NetnsCluster}), started from the
 * {@code SPARK_HOME} that {@code spark/spark-home/pom.xml} assembles; the application jar of {@code -Papp-jar}
 * submitted through {@code spark-submit}'s Java entry point ({@code SparkSubmit}) in client mode with the README's
 * options. What it proves, in this order (docs/SPARK.md, "Verified on a standalone cluster"):
 * <ol>
 * <li>gradient sharing across hosts (Aeron between namespaces) finishes and its best checkpoint loads in
 *     {@code predict};</li>
 * <li>parameter averaging with two faults in one run: worker-2 SIGKILLed (Worker and executor JVMs) in the middle
 *     of epoch 2 — Spark runs the lost tasks again on worker-1 and the epoch completes; then the driver SIGKILLed in
 *     the middle of epoch 3 — the last checkpoint is epoch 2's and intact, and {@code --resume latest} on the cluster
 *     finishes with parameters, updater state and history bit-equal to a {@code local[2]} run of the same
 *     command;</li>
 * <li>bad cluster input, each one line naming the option, exit 2, in bounded time: an unreachable master, no
 *     executor within {@code --executor-wait}, a driver JVM without the Java 17 openings (Spark 3.5 gives every
 *     executor its own, so an executor without them cannot be made here: {@code ExecutorCheckTest}).</li>
 * </ol>
 * About 3 minutes on an idle 2-core machine. Runs only where namespaces can be made (root, iproute2); otherwise
 * skipped with the reason, unless {@code VIDEOSEQ_REQUIRE_NETNS=1} (set by {@code .ci/run} after its probe worked),
 * which makes a missing prerequisite a failure.
 */
class StandaloneClusterTest {
    private static final String MAIN = "io.videoseq.spark.cli.SparkMain";
    private static final String OPENS = ExecutorCheck.requiredOpensOption();
    private static final String AERON = "-Daeron.publication.unblock.timeout=60000000000";
    private static final String MASTER = "spark://" + NetnsCluster.address("m") + ":7077";
    private static final int EPOCHS = 3;

    @TempDir
    Path tmp;

    private final long t0 = System.nanoTime();
    private Path sparkHome;
    private Path appJar;
    private NetnsCluster cluster;
    private final List<Path> logs = new ArrayList<>();

    /**
     * {@code -Dvideoseq.cluster.steps=gs,avg,bad} (default: these) runs only some steps, to look into one of
     * them without the minutes of the others; {@code measure} (not by default) times clean epochs, cluster against
     * local[2] (docs/SPARK.md's cost per epoch).
     */
    private static boolean runs(String name) {
        String steps = System.getProperty("videoseq.cluster.steps", "");
        return steps.isBlank() ? !name.equals("measure") : List.of(steps.split(",")).contains(name);
    }

    private void step(String what) {
        System.out.printf("[cluster %6.1fs] %s%n", (System.nanoTime() - t0) / 1e9, what);
        System.out.flush();
    }

    @Test
    void trainsOnAStandaloneClusterAcrossNamespacesAndSurvivesKills() throws Exception {
        prerequisites();
        Path features = tmp.resolve("features");
        // 96 training videos in batches of 4: 24 batches, 12 averaging rounds (Spark jobs) per epoch, so an epoch
        // lasts long enough on the cluster to be killed in its middle.
        Map<Split, Path> files = SyntheticDataWriter.write(features,
                new SyntheticDataSpec(96, 9, 9, 6, 3, 4, 9, "", 5));
        Path config = tmp.resolve("run.json");
        Files.writeString(config, """
                {"model": {"hidden_dim": 4, "num_lstm_layers": 1, "num_attention_heads": 2, "dropout": 0.3,
                           "bidirectional": true, "head_dims": [8, 8, 4]},
                 "training": {"epochs": %d, "batch_size": 4, "checkpoint_every": 1, "keep_checkpoints": 3,
                              "schedule_t0": 2, "learning_rate": 0.003, "patience": 10}}
                """.formatted(EPOCHS));
        try (NetnsCluster c = NetnsCluster.create()) {
            cluster = c;
            step("namespaces up: " + c.namespace("m") + " " + c.namespace("w1") + " " + c.namespace("w2") + " "
                    + c.namespace("d") + " on bridge " + c.bridge() + ", " + NetnsCluster.SUBNET + "0/24");
            Path masterLog = log("master");
            c.start("m", daemonEnv("m"), daemon("org.apache.spark.deploy.master.Master", "--host",
                    NetnsCluster.address("m"), "--port", "7077", "--webui-port", "8080"), masterLog);
            // The reference run shares the 2 cores with the daemons' start-up: it needs no cluster.
            Process reference = runs("avg") || runs("measure")
                    ? submit("ref", "local[2]", List.of(), trainArgs(features, config, "ref", "m")) : null;
            await("master up", 60, () -> contains(masterLog, "I have been elected leader"));
            step("master up at " + MASTER);
            Process w1 = startWorker("w1");
            Process w2 = startWorker("w2");
            await("worker-1 registered", 60, () -> contains(log("worker-w1"), "Successfully registered with master"));
            await("worker-2 registered", 60, () -> contains(log("worker-w2"), "Successfully registered with master"));
            step("workers registered: " + NetnsCluster.address("w1") + ", " + NetnsCluster.address("w2"));
            if (reference != null) {
                finish(reference, "ref", 300);
                step("local[2] reference finished; " + epochSeconds("ref"));
            }
            if (runs("gs")) {
                gradientSharing(features, config, files.get(Split.TEST));
            }
            if (runs("avg")) {
                w2 = averagingWithFaults(features, config, w2);
            }
            if (runs("measure")) {
                measure(features, config);
            }
            if (runs("bad")) {
                badInput(features, config);
            }
            step("all steps passed; tearing down");
            assertTrue(w1.isAlive() && w2.isAlive(), "workers alive to the end");
        } catch (AssertionError | RuntimeException e) {
            dumpLogs();
            throw e;
        }
        step("torn down: namespaces, bridge and processes gone");
        assertFalse(NetnsCluster.run(List.of("ip", "netns", "list"), 10).out().contains(cluster.namespace("m")));
    }

    private void gradientSharing(Path features, Path config, Path testFile) throws Exception {
        List<String> args = new ArrayList<>(trainArgs(features, config, "gs", "m"));
        // batches of 8: 12 a epoch, dealt in one fitPaths call each epoch
        args.addAll(List.of("--epochs", "2", "--batch-size", "8", "--gradient-sharing", "--controller-address", NetnsCluster.address("d"),
                "--network-mask", NetnsCluster.SUBNET + "0/24", "--port", "40123"));
        step("submit: gradient sharing, 2 epochs");
        Process p = submit("gs", MASTER, List.of(), args);
        finish(p, "gs", 300);
        step("gradient sharing finished; " + epochSeconds("gs"));
        List<String> aeron = executorLines("Aeron|UDP|ParameterServer|SharedTraining", 6);
        aeron.forEach(l -> step("  executor: " + l));
        // each executor's transport on its own host's address, rooted at the driver's: Aeron between namespaces
        for (String w : List.of("w1", "w2")) {
            String expected = w + " .*Initializing transport \\[" + NetnsCluster.address(w).replace(".", "\\.")
                    + ":40123] with root as \\[" + NetnsCluster.address("d").replace(".", "\\.") + ":40123]";
            assertTrue(aeron.stream().anyMatch(l -> l.matches(expected + ".*")), expected + " in " + aeron);
        }
        Path best = tmp.resolve("gs/checkpoints/best_m.zip");
        Path out = tmp.resolve("gs/preds.csv");
        int code = SparkMain.commandLine().execute("predict", "--model", best.toString(), "--features",
                testFile.toString(), "--out", out.toString());
        assertEquals(0, code, "predict on the gradient-sharing checkpoint");
        assertEquals(1 + 9, Files.readAllLines(out).size(), "header + one row per test video");
        step("predict loaded the gradient-sharing checkpoint: 9 predictions");
    }

    /**
     * One parameter-averaging run, two faults: worker-2 (its Worker and executor JVMs) SIGKILLed in the middle of
     * epoch 2, which Spark absorbs by running the lost tasks again on worker-1 (epoch 2 completes; worker-2 comes
     * back and serves the rest); then the driver SIGKILLed in the middle of epoch 3, after which the checkpoint is
     * epoch 2's, intact, and {@code --resume latest} finishes the run. The result equals the local[2] run's bit for
     * bit: neither fault changed what was computed.
     */
    private Process averagingWithFaults(Path features, Path config, Process w2) throws Exception {
        step("submit: parameter averaging, " + EPOCHS + " epochs; worker-2 to be killed in epoch 2, the driver in"
                + " epoch 3");
        Process p = submit("avg", MASTER, List.of(), trainArgs(features, config, "avg", "m"));
        Path ckpt = tmp.resolve("avg/checkpoints");
        await("epoch 1 of avg", 240, () -> Files.exists(ckpt.resolve("m_checkpoint_epoch_1.zip")) || !p.isAlive());
        assertTrue(p.isAlive(), "avg ended before epoch 2");
        int before = tasksStarted("w2");
        step("epoch 1 checkpoint seen; worker-2's executor has started " + before + " tasks");
        await("worker-2 in epoch 2", 60, () -> tasksStarted("w2") >= before + 3 || !p.isAlive());
        assertFalse(Files.exists(ckpt.resolve("m_checkpoint_epoch_2.zip")), "the kill must fall inside epoch 2");
        NetnsCluster.killTree(w2.toHandle());
        step("SIGKILL worker-2 (Worker and its executor) after " + tasksStarted("w2") + " tasks, epoch 2 unfinished");
        Process again = startWorker("w2");
        await("epoch 2 of avg", 240, () -> Files.exists(ckpt.resolve("m_checkpoint_epoch_2.zip")) || !p.isAlive());
        assertTrue(p.isAlive(), "avg ended in epoch 2\n" + tail(log("driver-avg"), 40));
        assertTrue(contains(log("driver-avg"), "Lost executor"), "the driver saw the executor lost");
        step("epoch 2 finished without worker-2's executor: Spark ran its lost tasks again");

        int tasks = tasksStarted("w1") + tasksStarted("w2");
        await("avg in epoch 3", 60, () -> tasksStarted("w1") + tasksStarted("w2") >= tasks + 4 || !p.isAlive());
        assertFalse(Files.exists(ckpt.resolve("m_checkpoint_epoch_3.zip")), "the kill must fall inside epoch 3");
        NetnsCluster.killTree(p.toHandle());
        step("SIGKILL the driver in epoch 3");
        // what a resume continues from: epoch 2, a complete zip (no half-written file under the final name)
        assertEquals(2, epochOf(ckpt.resolve("m_last.zip")), "m_last.zip after the kill");
        try (Stream<Path> s = Files.list(ckpt)) {
            List<String> names = s.map(f -> f.getFileName().toString()).sorted().toList();
            assertFalse(names.contains("m_checkpoint_epoch_3.zip"), names.toString());
        }
        List<String> resume = new ArrayList<>(trainArgs(features, config, "avg", "m"));
        resume.addAll(List.of("--resume", "latest"));
        step("submit: --resume latest");
        Process r = submit("avg-resumed", MASTER, List.of(), resume);
        finish(r, "avg-resumed", 300);
        step("resumed run finished; " + epochSeconds("avg"));
        assertSameTraining("avg");
        step("avg (worker killed, driver killed, resumed) is bit-equal to local[2]: parameters, updater state,"
                + " history");
        return again;
    }

    /** Clean runs, no fault: 5 epochs on the cluster, then 5 on local[2] in the driver's host, one after the other. */
    private void measure(Path features, Path config) throws Exception {
        for (String master : List.of(MASTER, "local[2]")) {
            String run = master.startsWith("local") ? "measure-local" : "measure-cluster";
            List<String> args = new ArrayList<>(trainArgs(features, config, run, "m"));
            args.addAll(List.of("--epochs", "5"));
            finish(submit(run, master, List.of(), args), run, 600);
            step(run + " " + epochSeconds(run));
        }
    }

    private void badInput(Path features, Path config) throws Exception {
        long start = System.nanoTime();
        Process p = submit("bad-master", "spark://" + NetnsCluster.address("m") + ":7079", List.of(),
                trainArgs(features, config, "bad", "m"));
        refused(p, "bad-master", 60, "--master: expected a reachable Spark master");
        step(String.format("unreachable master: exit 2, one line, %.1f s", (System.nanoTime() - start) / 1e9));

        start = System.nanoTime();
        List<String> args = new ArrayList<>(trainArgs(features, config, "bad", "m"));
        args.set(args.indexOf("--executor-wait") + 1, "5");
        // no worker offers 8 GB: no executor can register
        p = submit("bad-wait", MASTER, List.of("--executor-memory", "8g"), args);
        refused(p, "bad-wait", 90, "--executor-wait: expected an executor to register with " + MASTER
                + " within 5 s, found none");
        step(String.format("no executor within --executor-wait 5: exit 2, one line, %.1f s",
                (System.nanoTime() - start) / 1e9));

        // Spark 3.5 adds its own module openings (all 8 videoseq needs among them) to every executor's java options,
        // so an executor without them cannot be made with this Spark; a driver started with plain java can.
        start = System.nanoTime();
        p = submit("bad-opens", MASTER, List.of(), trainArgs(features, config, "bad", "m"), false);
        refused(p, "bad-opens", 60, "driver JVM options: expected --add-opens=java.base/java.nio=ALL-UNNAMED");
        step(String.format("a driver without the openings: exit 2, one line, %.1f s",
                (System.nanoTime() - start) / 1e9));
        assertFalse(Files.exists(tmp.resolve("bad/checkpoints/m_last.zip")), "a refused run trains nothing");
    }

    // ---------------------------------------------------------------------------------------------------------

    private void prerequisites() {
        boolean required = "1".equals(System.getenv("VIDEOSEQ_REQUIRE_NETNS"));
        Optional<String> why = NetnsCluster.unavailable();
        Path module = Path.of("").toAbsolutePath();
        sparkHome = module.resolve("spark-home/target/spark-home");
        if (why.isEmpty() && !Files.isDirectory(sparkHome.resolve("jars"))) {
            why = Optional.of("no " + sparkHome + "/jars (mvn -B -ntp -f spark/spark-home/pom.xml package)");
        }
        if (why.isEmpty()) {
            appJar = appJar(module.resolve("target"));
            if (appJar == null) {
                why = Optional.of("no application jar in " + module.resolve("target")
                        + " (mvn -pl spark -am package -Papp-jar -DskipTests)");
            }
        }
        if (why.isPresent()) {
            if (required) {
                fail("VIDEOSEQ_REQUIRE_NETNS=1 but " + why.get());
            }
            Assumptions.abort("standalone cluster test skipped: " + why.get());
        }
        String testCore = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).getFileName().toString()).filter(n -> n.startsWith("spark-core_"))
                .findFirst().orElseThrow();
        assertTrue(Files.exists(sparkHome.resolve("jars").resolve(testCore)), "SPARK_HOME/jars must hold " + testCore
                + ", the spark module's Spark (spark/spark-home/pom.xml's version is behind)");
        assertAppJarCurrent(module.resolve("target/classes"));
        step("prerequisites: namespaces can be made; SPARK_HOME " + sparkHome + "; " + appJar.getFileName());
    }

    private static Path appJar(Path target) {
        try (Stream<Path> s = Files.list(target)) {
            return s.filter(f -> f.getFileName().toString().matches("videoseq-spark-.*-app\\.jar")).findFirst()
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** The application jar must carry this build's spark classes: a stale jar would test old code. */
    private void assertAppJarCurrent(Path classes) {
        try (ZipFile jar = new ZipFile(appJar.toFile()); Stream<Path> s = Files.walk(classes)) {
            for (Path f : s.filter(f -> f.toString().endsWith(".class")).toList()) {
                String entry = classes.relativize(f).toString().replace(File.separatorChar, '/');
                var e = jar.getEntry(entry);
                assertTrue(e != null && Arrays.equals(Files.readAllBytes(f), jar.getInputStream(e).readAllBytes()),
                        appJar.getFileName() + " is older than target/classes (" + entry
                                + "): rebuild it with mvn -pl spark -am package -Papp-jar -DskipTests");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SPARK_HOME: where a Worker finds the jars it launches executors with; SPARK_SCALA_VERSION: Spark's launcher
     * asks for it before it looks at SPARK_HOME/jars and, without it, searches a source tree ("Cannot find any build
     * directories").
     */
    private Map<String, String> daemonEnv(String role) {
        return Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.12", "SPARK_LOCAL_IP", NetnsCluster.address(role),
                "JAVA_HOME", System.getProperty("java.home"), "SPARK_LOCAL_DIRS", dir("local-" + role).toString());
    }

    private List<String> daemon(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx256m"));
        cmd.addAll(List.of("-cp", sparkHome.resolve("jars") + File.separator + "*", mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private Process startWorker(String role) {
        return cluster.start(role, daemonEnv(role), daemon("org.apache.spark.deploy.worker.Worker", "--host",
                NetnsCluster.address(role), "--port", "7078", "--webui-port", "8081", "--cores", "1", "--memory",
                "2g", "--work-dir", dir("work-" + role).toString(), MASTER), log("worker-" + role));
    }

    /**
     * {@code spark-submit} as the README gives it, through its Java entry point in the driver's namespace. In
     * client mode the driver is this JVM, so its openings and heap are java options here (spark-submit's script
     * would turn {@code --driver-memory} and {@code spark.driver.extraJavaOptions} into the same).
     */
    private Process submit(String name, String master, List<String> submitOptions, List<String> appArgs) {
        return submit(name, master, submitOptions, appArgs, true);
    }

    private Process submit(String name, String master, List<String> submitOptions, List<String> appArgs,
                           boolean driverOpens) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx1g"));
        if (driverOpens) {
            cmd.addAll(List.of(OPENS.split(" ")));
        }
        cmd.addAll(List.of(AERON, "-Dorg.bytedeco.javacpp.maxbytes=2g", "-cp",
                sparkHome.resolve("jars") + File.separator + "*", "org.apache.spark.deploy.SparkSubmit",
                "--master", master, "--deploy-mode", "client", "--total-executor-cores", "2", "--executor-cores", "1",
                "--executor-memory", "1g",
                "--conf", "spark.driver.maxResultSize=1g",
                "--conf", "spark.driver.host=" + NetnsCluster.address("d"),
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.executor.extraJavaOptions=" + OPENS + " " + AERON
                        + " -Dorg.bytedeco.javacpp.maxbytes=2g",
                "--conf", "spark.executorEnv.OMP_NUM_THREADS=1"));
        cmd.addAll(submitOptions);
        cmd.addAll(List.of("--class", MAIN, appJar.toString()));
        cmd.addAll(appArgs);
        Map<String, String> env = Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_LOCAL_IP",
                NetnsCluster.address("d"), "JAVA_HOME", System.getProperty("java.home"));
        return cluster.start("d", env, cmd, log("driver-" + name));
    }

    private List<String> trainArgs(Path features, Path config, String run, String model) {
        Path out = tmp.resolve(run);
        return List.of("spark-train", "--features-dir", features.toString(), "--config", config.toString(),
                "--output-dir", out.resolve("checkpoints").toString(), "--results-dir",
                out.resolve("results").toString(), "--model-name", model, "--workers", "2",
                "--averaging-frequency", "1", "--executor-wait", "60");
    }

    private void finish(Process p, String name, int seconds) throws Exception {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            NetnsCluster.killTree(p.toHandle());
            fail(name + ": still running after " + seconds + " s\n" + tail(log("driver-" + name), 40));
        }
        assertEquals(0, p.exitValue(), name + " exit code\n" + tail(log("driver-" + name), 60));
    }

    /**
     * Exit 2 within {@code seconds}, and one line of videoseq's: the refusal. Spark's own start-up log (its WARNs,
     * through SPARK_HOME's log4j2 defaults) may stand beside it; no stack trace may.
     */
    private void refused(Process p, String name, int seconds, String expected) throws Exception {
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            NetnsCluster.killTree(p.toHandle());
            fail(name + ": not refused within " + seconds + " s\n" + tail(log("driver-" + name), 40));
        }
        String out = Files.readString(log("driver-" + name));
        assertEquals(2, p.exitValue(), name + " exit code\n" + tail(log("driver-" + name), 40));
        List<String> ours = out.lines().filter(l -> l.startsWith("videoseq spark-train: ")).toList();
        assertEquals(1, ours.size(), name + ": " + ours);
        assertTrue(ours.get(0).contains(expected), name + ": " + ours.get(0) + "\nexpected: " + expected);
        assertFalse(out.lines().anyMatch(l -> l.startsWith("\tat ") || l.startsWith("Exception in thread")),
                name + ": a stack trace\n" + out);
    }

    /** Tasks the executors of {@code role}'s Worker have started, from their logs (Spark INFO "Running task"). */
    private int tasksStarted(String role) {
        Path work = tmp.resolve("work-" + role);
        if (!Files.isDirectory(work)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(work)) {
            return s.filter(f -> f.getFileName().toString().equals("stderr"))
                    .mapToInt(f -> count(f, "Running task")).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // an executor's folder removed while walking
        }
    }

    /** Parameters and updater state of {@code run}'s last checkpoint equal the local[2] reference's, bit for bit. */
    private void assertSameTraining(String run) throws IOException {
        assertEquals(EPOCHS, epochOf(tmp.resolve(run + "/checkpoints/m_last.zip")), run + " epochs");
        for (String entry : List.of("coefficients.bin", "updaterState.bin")) {
            assertArrayEquals(entry(tmp.resolve("ref/checkpoints/m_last.zip"), entry),
                    entry(tmp.resolve(run + "/checkpoints/m_last.zip"), entry), run + " " + entry);
        }
        List<String> ref = historyWithoutTimes("ref");
        assertEquals(ref, historyWithoutTimes(run), run + " history");
    }

    /** The seconds of each epoch of {@code run}, from its history: the cost per epoch docs/SPARK.md reports. */
    private String epochSeconds(String run) throws IOException {
        List<String> lines = Files.readAllLines(tmp.resolve(run + "/results/m_history.csv"));
        int col = List.of(lines.get(0).split(",")).indexOf("seconds");
        StringBuilder b = new StringBuilder("epoch seconds:");
        for (String l : lines.subList(1, lines.size())) {
            b.append(String.format(" %.1f", Double.parseDouble(l.split(",")[col])));
        }
        return b.toString();
    }

    /** The first {@code max} lines of the executors' logs (both workers) matching {@code regex}. */
    private List<String> executorLines(String regex, int max) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        List<String> out = new ArrayList<>();
        for (String role : List.of("w1", "w2")) {
            try (Stream<Path> s = Files.walk(tmp.resolve("work-" + role))) {
                for (Path f : s.filter(f -> f.getFileName().toString().equals("stderr")).toList()) {
                    Files.readAllLines(f).stream().filter(l -> p.matcher(l).find()).limit(max)
                            .forEach(l -> out.add(role + " " + l));
                }
            } catch (IOException | UncheckedIOException e) {
                out.add(role + " (no executor log: " + e + ")");
            }
        }
        return out.subList(0, Math.min(out.size(), 2 * max));
    }

    private List<String> historyWithoutTimes(String run) throws IOException {
        List<String> lines = Files.readAllLines(tmp.resolve(run + "/results/m_history.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            String[] f = l.split(",");
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < f.length; i++) {
                if (!header.get(i).equals("seconds")) {
                    b.append(f[i]).append(',');
                }
            }
            out.add(b.toString());
        }
        return out;
    }

    private static int epochOf(Path checkpoint) {
        return io.videoseq.training.checkpoint.CheckpointStore.readMetadata(checkpoint).epoch();
    }

    private static byte[] entry(Path zip, String name) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            var e = z.getEntry(name);
            assertTrue(e != null, zip + " has no " + name);
            return z.getInputStream(e).readAllBytes();
        }
    }

    private void await(String what, int seconds, BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail(what + ": not within " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }

    private Path log(String name) {
        Path f = tmp.resolve("logs/" + name + ".log");
        if (!logs.contains(f)) {
            logs.add(f);
        }
        try {
            Files.createDirectories(f.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    private Path dir(String name) {
        try {
            return Files.createDirectories(tmp.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static boolean contains(Path f, String s) {
        return count(f, s) > 0;
    }

    private static int count(Path f, String s) {
        try {
            if (!Files.exists(f)) {
                return 0;
            }
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
            int n = 0;
            for (int i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) {
                n++;
            }
            return n;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String tail(Path f, int lines) {
        try {
            List<String> all = Files.readAllLines(f);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log " + f + ")";
        }
    }

    /** The last lines of every log, so a CI failure shows what each host said. */
    private void dumpLogs() {
        for (Path f : logs) {
            System.out.println("----- " + f.getFileName() + " (last 30 lines)");
            System.out.println(tail(f, 30));
        }
    }
}
