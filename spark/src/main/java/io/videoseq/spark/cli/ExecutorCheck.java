package io.videoseq.spark.cli;

import io.videoseq.app.UserInputException;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * What {@code spark-train} checks of a cluster once its Spark context is up, before the data are read: that
 * executors registered within {@code --executor-wait}, and that the driver and every executor JVM carry the Java 17
 * module openings Spark and DL4J's serialization need. Without the check both surface late and far from their
 * cause: no executor is Spark's "Initial job has not accepted any resources" WARN repeated forever; a missing
 * opening is a "Task not serializable" or an {@code IllegalAccessError} minutes later, in an executor's log.
 */
public final class ExecutorCheck {
    /**
     * The packages of {@code java.base} that must be open to the unnamed module, in the README's order (the
     * {@code ./videoseq} launcher and {@code spark/pom.xml}'s {@code spark.add.opens} give the same list).
     */
    static final List<String> REQUIRED_OPENS = List.of("java.nio", "sun.nio.ch", "java.util", "java.lang.invoke",
            "java.util.concurrent.atomic", "java.io", "sun.security.action", "java.lang");
    /** How long the openings probe (one tiny task per expected executor) may take once executors are there. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(60);

    private ExecutorCheck() {
    }

    /** The packages of {@link #REQUIRED_OPENS} this JVM lacks, comma-joined; empty when none. */
    static String missingOpens() {
        Module javaBase = Object.class.getModule();
        Module unnamed = ExecutorCheck.class.getClassLoader().getUnnamedModule();
        List<String> missing = new ArrayList<>();
        for (String p : REQUIRED_OPENS) {
            if (!javaBase.isOpen(p, unnamed)) {
                missing.add(p);
            }
        }
        return String.join(",", missing);
    }

    /** The JVM option that opens {@code packages} (comma-joined), for a message the user can paste from. */
    static String opensOption(String packages) {
        StringBuilder b = new StringBuilder();
        for (String p : packages.split(",")) {
            b.append(b.length() == 0 ? "" : " ").append("--add-opens=java.base/").append(p).append("=ALL-UNNAMED");
        }
        return b.toString();
    }

    /** The java options that open every package of {@link #REQUIRED_OPENS}, space-separated. */
    public static String requiredOpensOption() {
        return opensOption(String.join(",", REQUIRED_OPENS));
    }

    /** Refuses a driver JVM without the openings: nothing it could start would survive the first task. */
    static void requireDriverOpens() {
        String missing = missingOpens();
        if (!missing.isEmpty()) {
            throw new UserInputException("driver JVM options: expected " + opensOption(missing)
                    + " (docs/SPARK.md, spark.driver.extraJavaOptions or the java command), found them missing");
        }
    }

    /**
     * Waits for executors of a cluster master, then probes their openings. Local masters run every task in the
     * driver's JVM: nothing to wait for or probe.
     *
     * @param wanted executors the run can use at once ({@code --workers} / cores per executor); the run starts
     *               when that many registered, or at {@code wait} with at least one (a note on {@code err})
     */
    static void requireExecutors(JavaSparkContext sc, String master, int wanted, Duration wait, PrintWriter err) {
        if (master == null || master.strip().startsWith("local")) {
            return;
        }
        long deadline = System.nanoTime() + wait.toNanos();
        int registered = executors(sc);
        while (registered < wanted && System.nanoTime() < deadline) {
            if (sc.sc().isStopped()) {
                // a standalone master removes an application whose executors fail to launch 10 times
                throw new UserInputException("--master: expected executors of " + master + " to start, found the"
                        + " application stopped by the cluster before one registered (the Master's and Workers'"
                        + " logs say why, e.g. a Worker without SPARK_HOME/jars)");
            }
            sleep(200);
            registered = executors(sc);
        }
        if (registered == 0) {
            throw new UserInputException("--executor-wait: expected an executor to register with " + master
                    + " within " + wait.toSeconds() + " s, found none (workers up and alive? enough free cores and"
                    + " memory for spark.executor.cores/spark.executor.memory?)");
        }
        if (registered < wanted) {
            err.println("videoseq spark-train: note: " + registered + " of " + wanted + " executors registered within "
                    + wait.toSeconds() + " s; training goes on, their tasks queue on the registered ones");
            err.flush();
        }
        probeOpens(sc, registered);
    }

    private static int executors(JavaSparkContext sc) {
        // the map holds the driver's block manager too
        return Math.max(0, sc.sc().getExecutorMemoryStatus().size() - 1);
    }

    private static void probeOpens(JavaSparkContext sc, int executors) {
        List<String> found;
        try {
            found = sc.parallelize(IntStream.range(0, executors).boxed().toList(), executors).map(new Probe())
                    .collectAsync().get(PROBE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new UserInputException("--master: expected the executors to run a probe task within "
                    + PROBE_TIMEOUT.toSeconds() + " s, found it unfinished (executors lost or without resources)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing the executors", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new UserInputException("spark.executor.extraJavaOptions: expected executors that run a task, found"
                    + " the probe task failing: " + firstLine(e.getCause()));
        }
        requireNoneMissing(found);
    }

    /**
     * Refuses the run when an executor's probe result ({@code host|pkg,pkg}, empty after the bar when complete)
     * names a missing opening. Spark 3.3+ adds its own openings, these among them, to every executor; older Spark
     * (or a cluster that overrides them) does not.
     */
    static void requireNoneMissing(List<String> found) {
        TreeSet<String> missing = new TreeSet<>();
        TreeSet<String> hosts = new TreeSet<>();
        for (String f : found) {
            int bar = f.indexOf('|');
            if (bar < f.length() - 1) {
                hosts.add(f.substring(0, bar));
                missing.addAll(List.of(f.substring(bar + 1).split(",")));
            }
        }
        if (!missing.isEmpty()) {
            throw new UserInputException("spark.executor.extraJavaOptions: expected " + opensOption(
                    String.join(",", missing)) + " (docs/SPARK.md), found them missing on executors at "
                    + String.join(", ", hosts));
        }
    }

    private static String firstLine(Throwable t) {
        String m = t == null ? "" : String.valueOf(t.getMessage());
        return m.lines().findFirst().orElse(t == null ? "" : t.getClass().getName());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for executors", e);
        }
    }

    /** Runs on an executor: its host and the openings it lacks, as {@code host|pkg,pkg}. */
    private static final class Probe implements Function<Integer, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String call(Integer ignored) throws Exception {
            return org.apache.spark.SparkEnv.get().blockManager().blockManagerId().host() + "|" + missingOpens();
        }
    }
}
