package io.videoseq.model.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zip bytes directly, so tests can make what {@link java.util.zip.ZipOutputStream} refuses: duplicate
 * names, sizes and CRCs that lie, and deflated streams prepared elsewhere (a zip bomb).
 */
final class CraftedZip {
    static final int STORED = 0;
    static final int DEFLATED = 8;

    /** One entry: its bytes as stored in the zip, and what the headers declare. */
    record Entry(String name, int method, byte[] payload, long size, long crc) {
        Entry withSize(long declared) {
            return new Entry(name, method, payload, declared, crc);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    static Entry stored(String name, byte[] data) {
        return new Entry(name, STORED, data, data.length, crc(data));
    }

    static Entry deflated(String name, byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return new Entry(name, DEFLATED, out.toByteArray(), data.length, crc(data));
    }

    static long crc(byte[] data) {
        CRC32 c = new CRC32();
        c.update(data);
        return c.getValue();
    }

    CraftedZip add(Entry e) {
        entries.add(e);
        return this;
    }

    Path write(Path file) throws IOException {
        Files.write(file, bytes());
        return file;
    }

    byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        for (Entry e : entries) {
            offsets.add(out.size());
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = header(30 + name.length);
            h.putInt(0x04034b50).putShort((short) 20).putShort((short) 0x0800).putShort((short) e.method());
            h.putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc()).putInt(e.payload().length);
            h.putInt((int) e.size()).putShort((short) name.length).putShort((short) 0).put(name);
            out.writeBytes(h.array());
            out.writeBytes(e.payload());
        }
        int cenStart = out.size();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            ByteBuffer h = header(46 + name.length);
            h.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0x0800);
            h.putShort((short) e.method()).putShort((short) 0).putShort((short) 0x21).putInt((int) e.crc());
            h.putInt(e.payload().length).putInt((int) e.size()).putShort((short) name.length);
            h.putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0);
            h.putInt(offsets.get(i)).put(name);
            out.writeBytes(h.array());
        }
        int cenSize = out.size() - cenStart;
        ByteBuffer end = header(22);
        end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) entries.size());
        end.putShort((short) entries.size()).putInt(cenSize).putInt(cenStart).putShort((short) 0);
        out.writeBytes(end.array());
        return out.toByteArray();
    }

    private static ByteBuffer header(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
