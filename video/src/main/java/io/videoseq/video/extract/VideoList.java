package io.videoseq.video.extract;

import io.videoseq.data.Split;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The videos to extract: a CSV of {@code path,label[,split]} lines (an optional header line starting with
 * {@code path}; blank lines and lines starting with {@code #} ignored; paths relative to the CSV's folder). Class
 * indices are the labels in sorted order. When no line has a split, each class's videos (sorted by path, shuffled
 * with the seed) go 70 % to train, 15 % to val and the rest to test, with at least one val and one test video
 * for a class of 3 or more; either every line has a split or none does.
 */
public record VideoList(Path file, List<Entry> entries, Map<String, Integer> categoryMapping) {

    /** One video: where it is, its class, its split, and its line in the CSV. */
    public record Entry(Path path, String label, Split split, int line) {
    }

    public VideoList {
        entries = List.copyOf(entries);
        categoryMapping = Collections.unmodifiableMap(new LinkedHashMap<>(categoryMapping));
    }

    public static VideoList read(Path csv, long seed) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new VideoListException(csv + ": expected a CSV of path,label[,split] lines, found no such file");
        } catch (IOException e) {
            throw new VideoListException(csv + ": cannot read: " + e.getMessage());
        }
        Path base = csv.toAbsolutePath().getParent();
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            requireNoControl(csv, n + 1, lines.get(n));
            String line = lines.get(n).strip();
            if (line.isEmpty() || line.startsWith("#") || (rows.isEmpty() && line.toLowerCase().startsWith("path,"))) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < 2 || f.length > 3 || f[0].isBlank() || f[1].isBlank()) {
                throw new VideoListException(csv + ": line " + (n + 1) + ": expected path,label[,split], found '"
                        + line + "'");
            }
            rows.add(f);
            lineNumbers.add(n + 1);
        }
        if (rows.isEmpty()) {
            throw new VideoListException(csv + ": expected at least one path,label[,split] line, found none");
        }
        boolean withSplit = rows.get(0).length == 3;
        Set<Path> seen = new HashSet<>();
        TreeSet<String> labels = new TreeSet<>();
        List<Entry> entries = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            String[] f = rows.get(r);
            int line = lineNumbers.get(r);
            if ((f.length == 3) != withSplit) {
                throw new VideoListException(csv + ": line " + line + ": expected " + (withSplit ? "3" : "2")
                        + " fields like line " + lineNumbers.get(0) + " (a split on every line or on none), found "
                        + f.length);
            }
            Path p = path(csv, line, base, f[0].strip());
            if (!seen.add(p)) {
                throw new VideoListException(csv + ": line " + line + ": expected each video once, found " + p
                        + " again");
            }
            Split split = withSplit ? split(csv, line, f[2].strip()) : null;
            String label = f[1].strip();
            labels.add(label);
            entries.add(new Entry(p, label, split, line));
        }
        Map<String, Integer> mapping = new LinkedHashMap<>();
        for (String l : labels) {
            mapping.put(l, mapping.size());
        }
        return new VideoList(csv, withSplit ? entries : assignSplits(entries, seed), mapping);
    }

    /**
     * Refuses a control character anywhere in a line: a NUL byte ends a C string (FFmpeg would open another file
     * than the one named, Java refuses the path), and an escape or carriage return would reach the terminal in
     * the report lines that quote paths and labels. Tabs are allowed (whitespace around fields).
     */
    private static void requireNoControl(Path csv, int line, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t') {
                throw new VideoListException(csv + ": line " + line + ": expected no control characters, found U+"
                        + String.format(java.util.Locale.ROOT, "%04X", (int) c) + " at character " + (i + 1));
            }
        }
    }

    private static Path path(Path csv, int line, Path base, String field) {
        try {
            return base.resolve(field).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new VideoListException(csv + ": line " + line + ": path: expected a file path, found '" + field
                    + "' (" + e.getReason() + ")");
        }
    }

    private static Split split(Path csv, int line, String s) {
        for (Split v : Split.values()) {
            if (v.fileStem().equalsIgnoreCase(s) || v.name().equalsIgnoreCase(s)) {
                return v;
            }
        }
        throw new VideoListException(csv + ": line " + line + ": split: expected train, val or test, found '" + s
                + "'");
    }

    private static List<Entry> assignSplits(List<Entry> entries, long seed) {
        Map<String, List<Entry>> byClass = new TreeMap<>();
        for (Entry e : entries) {
            byClass.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e);
        }
        Map<Path, Split> assigned = new LinkedHashMap<>();
        for (List<Entry> group : byClass.values()) {
            List<Entry> order = new ArrayList<>(group);
            order.sort((a, b) -> a.path().compareTo(b.path()));
            Collections.shuffle(order, new Random(seed));
            int n = order.size();
            int test = n >= 3 ? Math.max(1, (int) Math.round(n * 0.15)) : 0;
            int val = n >= 3 ? Math.max(1, (int) Math.round(n * 0.15)) : n == 2 ? 1 : 0;
            for (int i = 0; i < n; i++) {
                Split s = i < n - val - test ? Split.TRAIN : i < n - test ? Split.VAL : Split.TEST;
                assigned.put(order.get(i).path(), s);
            }
        }
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(new Entry(e.path(), e.label(), assigned.get(e.path()), e.line()));
        }
        return out;
    }

    /** Videos per split, in list order. */
    public Map<Split, List<Entry>> bySplit() {
        Map<Split, List<Entry>> out = new EnumMap<>(Split.class);
        for (Split s : Split.values()) {
            out.put(s, new ArrayList<>());
        }
        for (Entry e : entries) {
            out.get(e.split()).add(e);
        }
        return out;
    }
}
