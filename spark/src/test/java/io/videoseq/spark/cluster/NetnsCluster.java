package io.videoseq.spark.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hosts on this machine: one Linux network namespace per role (master, worker-1, worker-2, driver), each with its
 * own address on a private /24, joined by veth pairs to a bridge in the root namespace that has no address itself
 * (so no traffic leaves those namespaces). Processes started {@link #start in a host} are killed with their
 * descendants, then the namespaces and the bridge are deleted by {@link #close()} — also from a shutdown hook when the
 * JVM dies before it. Names carry a random id; a crashed earlier run's resources (their owner's pid no longer alive,
 * per the marker file under {@link #MARKERS}) are removed at start.
 */
final class NetnsCluster implements AutoCloseable {
    /** Every resource name starts so: namespaces {@code vq<id>-<role>}, bridge {@code vq<id>br}. */
    static final String PREFIX = "vq";
    /** Owner pid of each id, to tell a crashed run's leftovers from a live run's resources. */
    static final Path MARKERS = Path.of("/run/videoseq-netns");
    static final String SUBNET = "10.231.0.";
    private static final Pattern NS = Pattern.compile(PREFIX + "([0-9a-f]{4})-[a-z0-9]+");
    private static final Pattern BRIDGE = Pattern.compile("\\d+: (" + PREFIX + "([0-9a-f]{4})br)[:@]");

    /** Role -> last octet of its address. */
    static final Map<String, Integer> HOSTS = new LinkedHashMap<>();

    static {
        HOSTS.put("m", 1);
        HOSTS.put("w1", 11);
        HOSTS.put("w2", 12);
        HOSTS.put("d", 100);
    }

    private final String id;
    private final java.util.Set<Path> aeronBefore = aeronDirs();
    private final List<ProcessHandle> processes = new ArrayList<>();
    private final Thread hook;
    private boolean closed;

    private NetnsCluster(String id) {
        this.id = id;
        this.hook = new Thread(this::teardown, "netns-cluster-teardown");
    }

    /** Why namespaces cannot be made here, or empty when they can (root, {@code ip}, and a probe namespace works). */
    static Optional<String> unavailable() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return Optional.of("not Linux");
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("not root (user " + System.getProperty("user.name") + "): ip netns needs it");
        }
        Result which = run(List.of("sh", "-c", "command -v ip"), 10);
        if (which.code != 0) {
            return Optional.of("no ip command (Debian: apt-get install iproute2)");
        }
        String probe = PREFIX + hex() + "-probe";
        Result add = run(List.of("ip", "netns", "add", probe), 10);
        run(List.of("ip", "netns", "del", probe), 10);
        if (add.code != 0) {
            return Optional.of("ip netns add failed: " + add.out.strip());
        }
        return Optional.empty();
    }

    /** Creates the bridge and the four hosts; on any failure removes what it made and rethrows. */
    static NetnsCluster create() {
        removeStale();
        NetnsCluster c = new NetnsCluster(hex());
        Runtime.getRuntime().addShutdownHook(c.hook);
        try {
            Files.createDirectories(MARKERS);
            Files.writeString(MARKERS.resolve(c.id), Long.toString(ProcessHandle.current().pid()));
            String br = c.bridge();
            must("ip", "link", "add", br, "type", "bridge");
            must("ip", "link", "set", br, "up");
            for (Map.Entry<String, Integer> h : HOSTS.entrySet()) {
                String ns = c.namespace(h.getKey());
                String outside = PREFIX + c.id + h.getKey() + "h";
                String inside = PREFIX + c.id + h.getKey() + "n";
                must("ip", "netns", "add", ns);
                must("ip", "link", "add", outside, "type", "veth", "peer", "name", inside);
                must("ip", "link", "set", inside, "netns", ns);
                must("ip", "link", "set", outside, "master", br);
                must("ip", "link", "set", outside, "up");
                must("ip", "-n", ns, "link", "set", "lo", "up");
                must("ip", "-n", ns, "addr", "add", SUBNET + h.getValue() + "/24", "dev", inside);
                must("ip", "-n", ns, "link", "set", inside, "up");
            }
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    String namespace(String role) {
        return PREFIX + id + "-" + role;
    }

    String bridge() {
        return PREFIX + id + "br";
    }

    static String address(String role) {
        return SUBNET + HOSTS.get(role);
    }

    /**
     * Starts {@code command} inside {@code role}'s namespace with {@code env} added, stdout and stderr to
     * {@code log}. {@code ip netns exec} execs the command, so the process is the command itself.
     */
    Process start(String role, Map<String, String> env, List<String> command, Path log) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace(role)));
        cmd.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            synchronized (processes) {
                processes.add(p.toHandle());
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL to {@code p} and everything it started (a Worker's executor JVMs), as a host that dies. */
    static void killTree(ProcessHandle p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        try {
            p.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // teardown goes on: the namespace's pids are killed below
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        teardown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs teardown, which is idempotent
        }
    }

    private synchronized void teardown() {
        if (closed) {
            return;
        }
        closed = true;
        List<ProcessHandle> ps;
        synchronized (processes) {
            ps = new ArrayList<>(processes);
        }
        ps.forEach(NetnsCluster::killTree);
        for (String role : HOSTS.keySet()) {
            deleteNamespace(namespace(role));
        }
        run(List.of("ip", "link", "del", bridge()), 10);
        removeAeronDirsLeftSince(aeronBefore);
        try {
            Files.deleteIfExists(MARKERS.resolve(id));
        } catch (IOException e) {
            // a marker without namespaces is harmless: the next run's removeStale deletes it
        }
    }

    /** Kills what still runs in {@code ns} (a process that escaped its parent), then deletes it. */
    private static void deleteNamespace(String ns) {
        Result pids = run(List.of("ip", "netns", "pids", ns), 10);
        if (pids.code == 0) {
            pids.out.lines().map(String::strip).filter(s -> s.matches("\\d+"))
                    .forEach(s -> ProcessHandle.of(Long.parseLong(s)).ifPresent(NetnsCluster::killTree));
        }
        run(List.of("ip", "netns", "del", ns), 10);
    }

    /** Gradient sharing's Aeron media drivers, one {@code /dev/shm/aeron-<user>-<uuid>} folder per JVM. */
    static java.util.Set<Path> aeronDirs() {
        try (java.util.stream.Stream<Path> s = Files.list(Path.of("/dev/shm"))) {
            return s.filter(p -> p.getFileName().toString().startsWith("aeron-"))
                    .collect(java.util.stream.Collectors.toSet());
        } catch (IOException e) {
            return java.util.Set.of();
        }
    }

    /**
     * A JVM killed with SIGKILL (or an executor its Worker stops) leaves its Aeron folder, ~100 MB of shared memory:
     * the ones that appeared since {@code before} and that no live process maps (another program's media driver on
     * this machine keeps its files mapped) are deleted.
     */
    static void removeAeronDirsLeftSince(java.util.Set<Path> before) {
        java.util.Set<Path> fresh = new java.util.HashSet<>(aeronDirs());
        fresh.removeAll(before);
        if (fresh.isEmpty()) {
            return;
        }
        java.util.Set<String> mapped = new java.util.HashSet<>();
        try (java.util.stream.Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    for (String line : Files.readAllLines(proc.resolve("maps"))) {
                        int at = line.indexOf("/dev/shm/aeron-");
                        if (at >= 0) {
                            mapped.add(line.substring(at));
                        }
                    }
                } catch (IOException | UncheckedIOException e) {
                    // a process that ended meanwhile
                }
            }
        } catch (IOException e) {
            return; // without /proc, keep everything: deleting a live driver's files would break it
        }
        for (Path dir : fresh) {
            if (mapped.stream().noneMatch(m -> m.startsWith(dir + "/"))) {
                deleteTree(dir);
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort: tmpfs is freed at the next boot at the latest
        }
    }

    /** Removes the namespaces and bridges of ids whose owner process is gone (a crashed or killed earlier run). */
    static void removeStale() {
        Result ns = run(List.of("ip", "netns", "list"), 10);
        for (String line : ns.out.lines().toList()) {
            String name = line.split("\\s+")[0];
            Matcher m = NS.matcher(name);
            if (m.matches() && !ownerAlive(m.group(1))) {
                deleteNamespace(name);
            }
        }
        Result links = run(List.of("ip", "-o", "link", "show", "type", "bridge"), 10);
        for (String line : links.out.lines().toList()) {
            Matcher m = BRIDGE.matcher(line);
            if (m.find() && !ownerAlive(m.group(2))) {
                run(List.of("ip", "link", "del", m.group(1)), 10);
                try {
                    Files.deleteIfExists(MARKERS.resolve(m.group(2)));
                } catch (IOException e) {
                    // see teardown
                }
            }
        }
    }

    private static boolean ownerAlive(String id) {
        try {
            long pid = Long.parseLong(Files.readString(MARKERS.resolve(id)).strip());
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                    .orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static String hex() {
        byte[] b = new byte[2];
        ThreadLocalRandom.current().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    record Result(int code, String out) {
    }

    static Result run(List<String> cmd, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static void must(String... cmd) {
        Result r = run(List.of(cmd), 20);
        if (r.code != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " -> exit " + r.code + ": " + r.out.strip());
        }
    }
}
