package com.linkwithmentor.lecture.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Local files under a root, with the storage module's BlobStore method names. */
@Component
public class BlobStore {

    public record BlobInfo(String key, long length, String contentType, Instant lastModified) {
    }

    private final Path root;

    BlobStore(@Value("${lwm.storage.local.root:${LWM_STORAGE_DIR:.fleet/storage}}") Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    private Path file(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || key.isBlank()) {
            throw new IllegalArgumentException("key escapes the storage root: " + key);
        }
        return file;
    }

    public void put(String key, InputStream content, long length, String contentType) {
        Path file = file(key);
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".put", ".tmp");
            Files.copy(content, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public Optional<BlobInfo> stat(String key) {
        Path file = file(key);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            return Optional.of(new BlobInfo(key, Files.size(file), "application/octet-stream",
                    Files.getLastModifiedTime(file).toInstant()));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public InputStream open(String key) {
        try {
            return Files.newInputStream(file(key));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public InputStream open(String key, long offset, long length) {
        try {
            InputStream in = Files.newInputStream(file(key));
            in.skipNBytes(offset);
            return new java.io.FilterInputStream(in) {
                private long left = length;

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
                public int read(byte[] buffer, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(buffer, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }
            };
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public void delete(String key) {
        try {
            Files.deleteIfExists(file(key));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    public List<BlobInfo> list(String prefix) {
        Path dir = file(prefix);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                .map(f -> new BlobInfo(root.relativize(f).toString(), f.toFile().length(), "application/octet-stream",
                        Instant.ofEpochMilli(f.toFile().lastModified())))
                .toList();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
