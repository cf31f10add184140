package io.videoseq.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The crash-safe resource log: UTF-8 JSON Lines, one {@link ResourceSample} per {@code '\n'}-terminated line,
 * appended by {@link ResourceLogWriter} with one write call and an fsync per sample.
 *
 * <p>A line is complete only with its {@code '\n'}. A process killed in the middle of a write can leave a
 * last line without one (a torn line): {@link #read(Path)} skips it with a warning if it does not parse.
 * A malformed line anywhere else is corruption and an error.
 */
public final class ResourceLog {

    public static final String DEFAULT_FILE_NAME = "resource_utilization_log.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(ResourceLog.class);
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ResourceLog() {
    }

    /** All complete samples of the log, in file order. */
    public static List<ResourceSample> read(Path path) throws IOException {
        String text = Files.readString(path, StandardCharsets.UTF_8);
        List<ResourceSample> samples = new ArrayList<>();
        int start = 0;
        int lineNo = 0;
        while (start < text.length()) {
            lineNo++;
            int end = text.indexOf('\n', start);
            if (end < 0) {
                readTornTail(path, lineNo, text.substring(start), samples);
                break;
            }
            String line = text.substring(start, end);
            if (!line.isBlank()) {
                samples.add(parseLine(path, lineNo, line));
            }
            start = end + 1;
        }
        return samples;
    }

    private static void readTornTail(Path path, int lineNo, String tail, List<ResourceSample> samples) {
        if (tail.isBlank()) {
            return;
        }
        try {
            samples.add(parseLine(path, lineNo, tail));
        } catch (ResourceLogException e) {
            LOG.warn("{}: skipping incomplete last line {} ({} chars without a newline, left by an interrupted"
                    + " write)", path, lineNo, tail.length());
        }
    }

    /** Parses one line; the message of the exception names the file and the line number. */
    static ResourceSample parseLine(Path path, int lineNo, String line) throws ResourceLogException {
        try {
            return MAPPER.readValue(line, ResourceSample.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String found = line.length() > 80 ? line.substring(0, 80) + "…" : line;
            throw new ResourceLogException(path + ": line " + lineNo + ": expected one JSON resource sample, found '"
                    + found + "' (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    /** The sample as one JSON object followed by {@code '\n'}. */
    static byte[] toLine(ResourceSample sample) {
        try {
            return (MAPPER.writeValueAsString(sample) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + sample, e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
