package io.videoseq.spark.cli;

import io.videoseq.app.UserInputException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --master URL} checked before Spark starts. Spark itself reports a malformed URL only after starting its
 * context (dozens of log lines and a stack trace), and an unreachable standalone master only after three 20-second
 * registration attempts; both are a user's typo and deserve one line, exit 2, at once.
 *
 * <p>The forms are those Spark 3.5's {@code SparkContext.createTaskScheduler} and {@code SparkSubmit} accept:
 * {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N|*, F]}, {@code local-cluster[N, C, M]},
 * {@code spark://host:port[,host:port...]}, {@code yarn}, {@code k8s://...}, {@code mesos://...}. The cluster
 * managers of yarn, k8s and mesos are separate Spark artifacts: they must be on the class path (spark-submit puts
 * them there).
 */
final class SparkMaster {
    static final String FORMS = "local, local[N], local[*], local[N|*,F], local-cluster[N,C,M],"
            + " spark://host:port[,host:port], yarn, k8s://..., mesos://...";
    /** Long enough for a master across a data centre; short enough that a typo costs seconds. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private static final Pattern LOCAL = Pattern.compile("local(\\[\\s*([1-9][0-9]{0,4}|\\*)\\s*(,\\s*[1-9][0-9]{0,4}\\s*)?])?");
    private static final Pattern LOCAL_CLUSTER =
            Pattern.compile("local-cluster\\[\\s*[1-9][0-9]{0,3}\\s*,\\s*[1-9][0-9]{0,3}\\s*,\\s*[1-9][0-9]{0,7}\\s*]");
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+])" + ":([0-9]{1,5})");
    private static final Pattern CLUSTER_URL = Pattern.compile("(k8s|mesos)://[^\\s]+");

    private SparkMaster() {
    }

    /**
     * Checks the form of {@code url} and that the cluster manager it needs is on the class path.
     *
     * @return the standalone masters' addresses of a {@code spark://} URL (empty for every other form)
     * @throws UserInputException naming --master, the forms expected and the value found
     */
    static List<InetSocketAddress> parse(String url) {
        String u = url.strip();
        if (LOCAL.matcher(u).matches() || LOCAL_CLUSTER.matcher(u).matches()) {
            return List.of();
        }
        if (u.startsWith("spark://")) {
            return standalone(url, u.substring("spark://".length()));
        }
        if (u.equals("yarn")) {
            requireClass(url, "org.apache.spark.deploy.yarn.YarnClusterManager", "spark-yarn");
            return List.of();
        }
        Matcher m = CLUSTER_URL.matcher(u);
        if (m.matches()) {
            if (m.group(1).equals("k8s")) {
                requireClass(url, "org.apache.spark.scheduler.cluster.k8s.KubernetesClusterManager",
                        "spark-kubernetes");
            } else {
                requireClass(url, "org.apache.spark.scheduler.cluster.mesos.MesosClusterManager", "spark-mesos");
            }
            return List.of();
        }
        throw refused(url, "");
    }

    private static List<InetSocketAddress> standalone(String url, String hosts) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String hp : hosts.split(",", -1)) {
            Matcher m = HOST_PORT.matcher(hp.strip());
            int port = m.matches() ? Integer.parseInt(m.group(2)) : 0;
            if (port < 1 || port > 65535) {
                throw refused(url, " ('" + hp + "' is not host:port with a port in 1..65535)");
            }
            String host = m.group(1).replace("[", "").replace("]", "");
            out.add(InetSocketAddress.createUnresolved(host, port));
        }
        return out;
    }

    private static void requireClass(String url, String className, String artifact) {
        try {
            Class.forName(className, false, SparkMaster.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new UserInputException("--master: expected a master whose cluster manager is on the class path,"
                    + " found '" + url + "' without " + artifact + " (start the command with spark-submit)");
        }
    }

    private static UserInputException refused(String url, String why) {
        return new UserInputException("--master: expected one of " + FORMS + ", found '" + url + "'" + why);
    }

    /**
     * Connects to each standalone master's port in turn, {@code timeout} each: the command goes on when one accepts.
     *
     * @throws UserInputException naming --master and why no master answered
     */
    static void requireReachable(String url, List<InetSocketAddress> masters, Duration timeout) {
        if (masters.isEmpty()) {
            return;
        }
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress a : masters) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(a.getHostString(), a.getPort()), (int) timeout.toMillis());
                return;
            } catch (IOException e) {
                failures.add(a.getHostString() + ":" + a.getPort() + " " + reason(e));
            }
        }
        throw new UserInputException("--master: expected a reachable Spark master, found no answer from '" + url
                + "' within " + timeout.toSeconds() + " s (" + String.join("; ", failures) + ")");
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' '));
    }
}
