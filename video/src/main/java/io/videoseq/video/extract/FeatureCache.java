package io.videoseq.video.extract;

import io.videoseq.data.io.AtomicFiles;
import io.videoseq.data.io.FileWriteException;
import io.videoseq.video.Sha256;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One small file per finished video in {@code OUT/.videoseq-extract/}, each written atomically: what makes an
 * extraction resumable after a kill. The name is a hash of the extraction record (backbone, preprocessing,
 * sampling) and the video's absolute path, size and modification time, so a changed video or setting is never
 * served from the cache. Removed once the split files are written.
 */
final class FeatureCache {
    static final String DIR = ".videoseq-extract";
    private static final int MAGIC = 0x56534631; // "VSF1"

    private final Path dir;
    private final String recordJson;

    FeatureCache(Path outDir, String recordJson) {
        this.dir = outDir.resolve(DIR);
        this.recordJson = recordJson;
    }

    Path dir() {
        return dir;
    }

    private Path entry(Path video) {
        try {
            String key = recordJson + "\n" + video.toAbsolutePath() + "\n" + Files.size(video) + "\n"
                    + Files.getLastModifiedTime(video).toMillis();
            return dir.resolve(Sha256.of(key.getBytes(StandardCharsets.UTF_8)).substring(0, 32) + ".f32");
        } catch (IOException e) {
            return null; // unreadable video: not cached; decoding reports it
        }
    }

    /** The cached features of {@code video}, or null. */
    VideoFeatures.Result get(Path video) {
        Path f = entry(video);
        if (f == null || !Files.isRegularFile(f)) {
            return null;
        }
        try (InputStream raw = Files.newInputStream(f); DataInputStream in = new DataInputStream(raw)) {
            if (in.readInt() != MAGIC) {
                return null;
            }
            int frames = in.readInt();
            int dim = in.readInt();
            int decoded = in.readInt();
            int run = in.readInt();
            byte[] bytes = in.readNBytes(4 * frames * dim);
            if (bytes.length != 4 * frames * dim) {
                return null;
            }
            float[] v = new float[frames * dim];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return new VideoFeatures.Result(v, frames, dim, decoded, run);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the extraction cache file " + f, e);
        }
    }

    void put(Path video, VideoFeatures.Result r) {
        Path f = entry(video);
        if (f == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new FileWriteException(dir, e);
        }
        AtomicFiles.writeStream(f, out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(MAGIC);
            d.writeInt(r.frames());
            d.writeInt(r.featureDim());
            d.writeInt(r.decodedFrames());
            d.writeInt(r.backboneFrames());
            ByteBuffer b = ByteBuffer.allocate(4 * r.values().length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(r.values());
            d.write(b.array());
            d.flush();
        });
    }

    /** Finished videos found (any setting): what a resumed run may reuse. */
    boolean has(Path video) {
        Path f = entry(video);
        return f != null && Files.isRegularFile(f);
    }

    void delete() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the extraction cache " + dir, e);
        }
    }
}
