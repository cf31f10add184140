package io.videoseq.monitor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceLogTest {

    @TempDir
    Path dir;

    private final ResourceSample a = Samples.cpuOnly("2024-05-01T10:00:00.125+02:00", 12.5, 3.25);
    private final ResourceSample b = Samples.withGpu("2024-05-01T10:30:00Z", 99.75, 7.5, 1.0 / 3.0);

    @Test
    void linesParseBackIntoEqualSamples() throws IOException {
        Path log = dir.resolve("log.jsonl");
        try (ResourceLogWriter w = ResourceLogWriter.open(log)) {
            w.append(a);
            w.append(b);
            w.append(a.withEvent(SampleEvent.RELEASE_AFTER));
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertEquals(3, lines.size());
        assertEquals(List.of(a, b, a.withEvent(SampleEvent.RELEASE_AFTER)), ResourceLog.read(log));
        assertTrue(Files.readString(log).endsWith("}\n"));
    }

    @Test
    void jsonUsesSnakeCaseAndLeavesGpuAbsentRatherThanZero() {
        String cpuLine = new String(ResourceLog.toLine(a), StandardCharsets.UTF_8);
        assertTrue(cpuLine.startsWith("{\"timestamp\":\"2024-05-01T10:00:00.125+02:00\",\"event\":\"interval\""),
                cpuLine);
        for (String key : List.of("system_cpu_percent", "process_cpu_percent", "ram_used_gb", "ram_total_gb",
                "ram_percent", "jvm_heap_used_bytes", "jvm_heap_max_bytes", "nd4j_buffer_bytes",
                "nd4j_workspace_bytes", "javacpp_bytes", "physical_bytes", "sample_ms", "pid")) {
            assertTrue(cpuLine.contains("\"" + key + "\":"), key + " missing in " + cpuLine);
        }
        assertFalse(cpuLine.contains("gpu"), cpuLine);
        assertEquals(1, cpuLine.split("\n", -1).length - 1, "exactly one newline, at the end");
        String gpuLine = new String(ResourceLog.toLine(b), StandardCharsets.UTF_8);
        assertTrue(gpuLine.contains("\"gpu\":{\"allocated_gb\":0.3333333333333333,\"reserved_gb\":"), gpuLine);
        assertTrue(gpuLine.contains("\"max_allocated_gb\":"), gpuLine);
    }

    @Test
    void tornLastLineIsSkipped() throws IOException {
        Path log = dir.resolve("torn.jsonl");
        byte[] full = ResourceLog.toLine(b);
        Files.write(log, concat(ResourceLog.toLine(a), ResourceLog.toLine(b), slice(full, full.length / 2)));
        assertEquals(List.of(a, b), ResourceLog.read(log));
    }

    @Test
    void completeLastLineWithoutNewlineIsKept() throws IOException {
        Path log = dir.resolve("nonl.jsonl");
        byte[] full = ResourceLog.toLine(b);
        Files.write(log, concat(ResourceLog.toLine(a), slice(full, full.length - 1)));
        assertEquals(List.of(a, b), ResourceLog.read(log));
    }

    @Test
    void malformedMiddleLineIsAnErrorNamingFileAndLine() throws IOException {
        Path log = dir.resolve("bad.jsonl");
        Files.write(log, concat(ResourceLog.toLine(a), "{\"timestamp\": 1\n".getBytes(StandardCharsets.UTF_8),
                ResourceLog.toLine(b)));
        ResourceLogException e = assertThrows(ResourceLogException.class, () -> ResourceLog.read(log));
        assertTrue(e.getMessage().startsWith(log + ": line 2: expected one JSON resource sample, found"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one-line message");
    }

    @Test
    void unknownKeysAndMissingFieldsAreErrors() throws IOException {
        String line = new String(ResourceLog.toLine(a), StandardCharsets.UTF_8).trim();
        Path unknown = dir.resolve("unknown.jsonl");
        Files.writeString(unknown, line.replace("\"pid\":", "\"cpu_temp\":1,\"pid\":") + "\n");
        assertThrows(ResourceLogException.class, () -> ResourceLog.read(unknown));
        Path missing = dir.resolve("missing.jsonl");
        Files.writeString(missing, line.replaceAll("\"ram_used_gb\":[^,]*,", "") + "\n");
        assertThrows(ResourceLogException.class, () -> ResourceLog.read(missing));
        Path outOfRange = dir.resolve("range.jsonl");
        Files.writeString(outOfRange, line.replace("\"system_cpu_percent\":12.5", "\"system_cpu_percent\":120")
                + "\n");
        ResourceLogException e = assertThrows(ResourceLogException.class, () -> ResourceLog.read(outOfRange));
        assertTrue(e.getMessage().contains("system_cpu_percent = 120.0"), e.getMessage());
    }

    @Test
    void writerCutsTornTailBeforeAppending() throws IOException {
        Path log = dir.resolve("repair.jsonl");
        byte[] full = ResourceLog.toLine(b);
        Files.write(log, concat(ResourceLog.toLine(a), slice(full, 17)));
        try (ResourceLogWriter w = ResourceLogWriter.open(log)) {
            w.append(b);
        }
        assertEquals(List.of(a, b), ResourceLog.read(log));
        assertEquals(2, Files.readAllLines(log).size());
    }

    @Test
    void writerTerminatesParsableTailBeforeAppending() throws IOException {
        Path log = dir.resolve("repair2.jsonl");
        byte[] full = ResourceLog.toLine(a);
        Files.write(log, slice(full, full.length - 1));
        try (ResourceLogWriter w = ResourceLogWriter.open(log)) {
            w.append(b);
        }
        assertEquals(List.of(a, b), ResourceLog.read(log));
    }

    @Test
    void writerCreatesParentDirectories() throws IOException {
        Path log = dir.resolve("results/sub/log.jsonl");
        try (ResourceLogWriter w = ResourceLogWriter.open(log)) {
            w.append(a);
        }
        Files.write(log, new byte[0], StandardOpenOption.APPEND);
        assertEquals(List.of(a), ResourceLog.read(log));
    }

    private static byte[] slice(byte[] b, int n) {
        byte[] r = new byte[n];
        System.arraycopy(b, 0, r, 0, n);
        return r;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] r = new byte[n];
        int o = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, r, o, p.length);
            o += p.length;
        }
        return r;
    }
}
