package com.linkwithmentor.deploy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Just enough of the tar format to read image tarballs and their layers: ustar headers, GNU long
 * names and PAX path records (which Jib's layers use), regular files, directories and links. The
 * test reads a few JSON files and the names in each layer; nothing here writes a tar.
 */
final class Tar {

    /** One member: its normalized name ("opt/java/bin/java", no leading "./"), type, size and owner. */
    record Entry(String name, char type, long size, int uid, int mode) {

        boolean isFile() {
            return type == '0' || type == '\0';
        }
    }

    /** Where a member's bytes lie in an uncompressed tar file. */
    record Member(long offset, long size) {
    }

    private Tar() {
    }

    /** The members of an uncompressed tar file by name, found by reading headers only. */
    static Map<String, Member> index(Path file) {
        Map<String, Member> members = new LinkedHashMap<>();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = 0;
            ByteBuffer header = ByteBuffer.allocate(512);
            String longName = null;
            while (position + 512 <= channel.size()) {
                header.clear();
                channel.read(header, position);
                byte[] bytes = header.array();
                if (isZero(bytes)) {
                    break;
                }
                char type = (char) bytes[156];
                long size = octal(bytes, 124, 12);
                long data = position + 512;
                position = data + (size + 511) / 512 * 512;
                if (type == 'L' || type == 'x') {
                    ByteBuffer extra = ByteBuffer.allocate((int) size);
                    channel.read(extra, data);
                    longName = type == 'L' ? new String(extra.array(), StandardCharsets.UTF_8).replace("\0", "") : paxPath(extra.array());
                    continue;
                }
                String name = normalize(longName != null ? longName : name(bytes));
                longName = null;
                if (type == '0' || type == '\0') {
                    members.put(name, new Member(data, size));
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return members;
    }

    /** A member's bytes as a stream. */
    static InputStream open(Path file, Member member) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ).position(member.offset());
            return new BoundedInputStream(Channels.newInputStream(channel), member.size());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static final class BoundedInputStream extends java.io.FilterInputStream {

        private long left;

        BoundedInputStream(InputStream in, long size) {
            super(in);
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = super.read(buffer, offset, (int) Math.min(length, left));
            if (read > 0) {
                left -= read;
            }
            return read;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(Math.min(n, left));
            left -= skipped;
            return skipped;
        }
    }

    /**
     * Reads the archive, calling {@code visitor} for each member; the bytes of members
     * {@code keep} accepts are returned by name (the others are skipped, never held in memory).
     */
    static Map<String, byte[]> read(InputStream in, Predicate<Entry> keep, java.util.function.Consumer<Entry> visitor) {
        Map<String, byte[]> kept = new LinkedHashMap<>();
        try {
            byte[] header = new byte[512];
            String longName = null;
            while (readFully(in, header)) {
                if (isZero(header)) {
                    break;
                }
                String name = longName != null ? longName : name(header);
                longName = null;
                char type = (char) header[156];
                long size = octal(header, 124, 12);
                int uid = (int) octal(header, 108, 8);
                int mode = (int) octal(header, 100, 8);
                long padded = (size + 511) / 512 * 512;
                if (type == 'L' || type == 'x') {
                    byte[] data = readBytes(in, size);
                    skip(in, padded - size);
                    longName = type == 'L' ? new String(data, StandardCharsets.UTF_8).replace("\0", "") : paxPath(data);
                    continue;
                }
                if (type == 'g') {
                    skip(in, padded);
                    continue;
                }
                Entry entry = new Entry(normalize(name), type, size, uid, mode);
                visitor.accept(entry);
                if (entry.isFile() && keep.test(entry)) {
                    kept.put(entry.name(), readBytes(in, size));
                    skip(in, padded - size);
                }
                else {
                    skip(in, padded);
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return kept;
    }

    private static String name(byte[] header) {
        String name = string(header, 0, 100);
        String magic = string(header, 257, 6);
        String prefix = magic.startsWith("ustar") ? string(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static @Nullable String paxPath(byte[] data) {
        // records: "<length> <key>=<value>\n"
        String text = new String(data, StandardCharsets.UTF_8);
        for (String record : text.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith("path=", space + 1)) {
                return record.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static String normalize(String name) {
        String normalized = name.startsWith("./") ? name.substring(2) : name;
        normalized = normalized.startsWith("/") ? normalized.substring(1) : normalized;
        return normalized.endsWith("/") ? normalized.substring(0, normalized.length() - 1) : normalized;
    }

    private static String string(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) {
        if ((header[offset] & 0x80) != 0) { // base-256, for large values
            long value = 0;
            for (int i = offset + 1; i < offset + length; i++) {
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        String digits = string(header, offset, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int read = in.readNBytes(buffer, 0, buffer.length);
        if (read == 0) {
            return false;
        }
        if (read < buffer.length) {
            throw new IOException("truncated tar header");
        }
        return true;
    }

    private static byte[] readBytes(InputStream in, long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(size, 1 << 20));
        byte[] buffer = new byte[8192];
        long left = size;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("truncated tar member");
            }
            out.write(buffer, 0, read);
            left -= read;
        }
        return out.toByteArray();
    }

    /** Reads past the bytes rather than skipping them, so a digest over the stream sees them all. */
    private static void skip(InputStream in, long bytes) throws IOException {
        byte[] buffer = new byte[8192];
        long left = bytes;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new IOException("truncated tar member");
            }
            left -= read;
        }
    }
}
