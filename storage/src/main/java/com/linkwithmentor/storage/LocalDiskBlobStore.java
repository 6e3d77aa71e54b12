package com.linkwithmentor.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Files under one directory, the default for development and single-node installs. A write goes to a
 * temporary file first and is moved into place, so a reader sees the old file or the new one; the
 * content type is kept in a sidecar file beside it.
 */
public class LocalDiskBlobStore implements BlobStore {

    private static final String TYPE_SUFFIX = ".content-type";

    private final Path root;

    public LocalDiskBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot create the storage directory " + this.root, ex);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public BlobInfo put(String key, InputStream content, long length, String contentType) {
        Path target = path(key);
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            try {
                long copied;
                try (InputStream limited = content) {
                    copied = Files.copy(new BoundedInputStream(limited, length), temp, StandardCopyOption.REPLACE_EXISTING);
                }
                if (copied != length) {
                    throw new IllegalArgumentException("Expected " + length + " bytes for " + key + ", got " + copied);
                }
                Files.writeString(sidecar(temp), contentType);
                move(sidecar(temp), sidecar(target));
                move(temp, target);
            }
            finally {
                Files.deleteIfExists(temp);
                Files.deleteIfExists(sidecar(temp));
            }
            return stat(key).orElseThrow();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not store " + key, ex);
        }
    }

    @Override
    public Optional<BlobInfo> stat(String key) {
        Path file = path(key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new BlobInfo(key, attributes.size(), contentType(file), attributes.lastModifiedTime().toInstant()));
        }
        catch (NoSuchFileException ex) {
            return Optional.empty();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return Files.newInputStream(path(key));
        }
        catch (NoSuchFileException ex) {
            throw new BlobNotFoundException(key);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public InputStream open(String key, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(path(key), StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        }
        catch (NoSuchFileException ex) {
            throw new BlobNotFoundException(key);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Path file = path(key);
            Files.deleteIfExists(file);
            Files.deleteIfExists(sidecar(file));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public List<BlobInfo> list(String prefix) {
        String checked = BlobKeys.requirePrefix(prefix);
        int slash = checked.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(checked.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<BlobInfo> found = new ArrayList<>();
        try {
            Files.walkFileTree(start, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(TYPE_SUFFIX) || name.startsWith(".upload-")) {
                        return FileVisitResult.CONTINUE;
                    }
                    String key = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                    if (key.startsWith(checked)) {
                        stat(key).ifPresent(found::add);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        found.sort(Comparator.comparing(BlobInfo::key));
        return found;
    }

    private Path path(String key) {
        Path resolved = root.resolve(BlobKeys.require(key)).normalize();
        if (!resolved.startsWith(root)) {
            throw new IllegalArgumentException("Not a valid storage key: " + key);
        }
        return resolved;
    }

    private static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + TYPE_SUFFIX);
    }

    private static String contentType(Path file) throws IOException {
        Path type = sidecar(file);
        return Files.exists(type) ? Files.readString(type).trim() : "application/octet-stream";
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (AtomicMoveNotSupportedException ex) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
