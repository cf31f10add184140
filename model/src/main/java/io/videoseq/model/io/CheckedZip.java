package io.videoseq.model.io;

import io.videoseq.model.io.ModelFileException.Reason;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A model zip whose central directory has been checked, before any entry is read: only the entries of
 * {@link EntryNames}, each name once and none that could escape a directory, every size declared and within the
 * static {@link Limits}. Entries are then read only through {@link VerifiedEntryStream}s.
 *
 * <p>Reads the central directory with {@link ZipFile}, which refuses empty, truncated and non-zip files (it needs
 * the end record); DL4J's own loader reads local headers with {@code ZipInputStream} instead and trusts them.
 */
final class CheckedZip implements AutoCloseable {
    static final String WHAT = "a model zip (a videoseq checkpoint or an import-torch output)";

    private final Path file;
    private final ZipFile zip;
    private final Map<String, ZipEntry> entries;

    private CheckedZip(Path file, ZipFile zip, Map<String, ZipEntry> entries) {
        this.file = file;
        this.zip = zip;
        this.entries = entries;
    }

    static CheckedZip open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, null, Reason.NOT_A_ZIP, WHAT,
                    Files.isDirectory(file) ? "a directory" : "no such file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            throw new ModelFileException(file, null, Reason.NOT_A_ZIP, WHAT, notAZip(file, e), e);
        } catch (IOException e) {
            throw new ModelFileException(file, null, Reason.UNREADABLE, "a readable file",
                    "a read failure: " + ModelFileException.firstLine(e), e);
        }
        try {
            return new CheckedZip(file, zip, checkCentralDirectory(file, zip));
        } catch (RuntimeException e) {
            closeQuietly(zip);
            throw e;
        }
    }

    private static String notAZip(Path file, ZipException e) {
        try {
            if (Files.size(file) == 0) {
                return "an empty file";
            }
        } catch (IOException ignored) {
            // The zip failure is the one to report.
        }
        return "a file that is not a complete zip (" + ModelFileException.firstLine(e) + ")";
    }

    private static Map<String, ZipEntry> checkCentralDirectory(Path file, ZipFile zip) {
        if (zip.size() > Limits.MAX_ENTRIES) {
            throw new ModelFileException(file, null, Reason.TOO_LARGE, "at most " + Limits.MAX_ENTRIES
                    + " entries", zip.size() + " entries");
        }
        Map<String, ZipEntry> out = new LinkedHashMap<>();
        long total = 0;
        for (ZipEntry e : Collections.list(zip.entries())) {
            String name = e.getName();
            Optional<String> unsafe = EntryNames.unsafe(name);
            if (unsafe.isPresent()) {
                throw new ModelFileException(file, name, Reason.UNSAFE_NAME,
                        "a relative name without '..', a leading '/', '\\' or control characters",
                        unsafe.get() + " (a path-escaping name)");
            }
            if (out.containsKey(name)) {
                throw new ModelFileException(file, name, Reason.DUPLICATE_ENTRY, "each entry name once",
                        "it twice in the central directory");
            }
            if (!EntryNames.allowed(name)) {
                throw new ModelFileException(file, name, Reason.UNEXPECTED_ENTRY, EntryNames.EXPECTED,
                        EntryNames.describeUnexpected(name));
            }
            long size = e.getSize();
            if (size < 0 || e.getCompressedSize() < 0) {
                throw new ModelFileException(file, name, Reason.CORRUPT, "sizes in the central directory",
                        "none");
            }
            requireAtMost(file, e, staticLimit(name), "for this entry");
            total += size;
            if (total > Limits.MAX_TOTAL_BYTES) {
                throw new ModelFileException(file, null, Reason.TOO_LARGE, "at most "
                        + Limits.bytes(Limits.MAX_TOTAL_BYTES) + " in all entries", "more (declared in the"
                        + " central directory)");
            }
            out.put(name, e);
        }
        return Collections.unmodifiableMap(out);
    }

    private static long staticLimit(String name) {
        return switch (name) {
            case EntryNames.CONFIGURATION -> Limits.MAX_CONFIGURATION_BYTES;
            case EntryNames.NO_PARAMS -> 0;
            case EntryNames.COEFFICIENTS, EntryNames.UPDATER_STATE -> Limits.MAX_TOTAL_BYTES;
            default -> Limits.MAX_EXTRA_ENTRY_BYTES;
        };
    }

    private static void requireAtMost(Path file, ZipEntry e, long max, String why) {
        if (e.getSize() > max) {
            throw new ModelFileException(file, e.getName(), Reason.TOO_LARGE, "at most " + Limits.bytes(max) + " "
                    + why, Limits.bytes(e.getSize()) + " declared in the central directory");
        }
    }

    Path file() {
        return file;
    }

    Optional<ZipEntry> find(String name) {
        return Optional.ofNullable(entries.get(name));
    }

    /** The entry {@code name}, or a {@link Reason#MISSING_ENTRY} failure saying what it should hold. */
    ZipEntry require(String name, String holding) {
        return find(name).orElseThrow(() -> new ModelFileException(file, name, Reason.MISSING_ENTRY,
                holding, "a zip without it"));
    }

    /** Refuses {@code e} if its declared size exceeds {@code max}; {@code why} says where the bound comes from. */
    void requireAtMost(ZipEntry e, long max, String why) {
        requireAtMost(file, e, max, why);
    }

    VerifiedEntryStream open(ZipEntry e) {
        InputStream in;
        try {
            in = zip.getInputStream(e);
        } catch (IOException x) {
            throw new ModelFileException(file, e.getName(), Reason.CORRUPT, "a readable entry",
                    ModelFileException.firstLine(x), x);
        }
        return new VerifiedEntryStream(in, file, e);
    }

    /** The whole entry (its declared size is already bounded by {@link Limits}), size and CRC verified. */
    byte[] readFully(ZipEntry e) {
        try (VerifiedEntryStream in = open(e)) {
            byte[] bytes = in.readNBytes((int) e.getSize());
            in.requireEnd(bytes.length + " bytes");
            return bytes;
        } catch (IOException x) {
            throw new ModelFileException(file, e.getName(), Reason.UNREADABLE, "a readable entry",
                    ModelFileException.firstLine(x), x);
        }
    }

    @Override
    public void close() {
        closeQuietly(zip);
    }

    private static void closeQuietly(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // Nothing was written; a failure to release the file handle changes no result.
        }
    }
}
