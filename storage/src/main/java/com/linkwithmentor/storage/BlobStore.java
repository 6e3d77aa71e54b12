package com.linkwithmentor.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the platform keeps files. Keys are relative paths ({@link BlobKeys}); a file is written whole
 * (readers never see half of one) and read whole or by byte range, for HTTP range requests.
 */
public interface BlobStore {

    /** Stores exactly {@code length} bytes from the stream under the key, replacing any earlier file. */
    BlobInfo put(String key, InputStream content, long length, String contentType);

    /** Stores a local file under the key. */
    default BlobInfo putFile(String key, Path file, String contentType) {
        try (InputStream in = Files.newInputStream(file)) {
            return put(key, in, Files.size(file), contentType);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    Optional<BlobInfo> stat(String key);

    /** The whole file; {@link BlobNotFoundException} when there is none. */
    InputStream open(String key);

    /** {@code length} bytes from {@code offset} (fewer at the end of the file). */
    InputStream open(String key, long offset, long length);

    /** Removes the file if there is one. */
    void delete(String key);

    /** Every file whose key starts with the prefix, in key order. */
    List<BlobInfo> list(String prefix);

    /** Removes every file under the prefix. */
    default void deleteAll(String prefix) {
        list(prefix).forEach(info -> delete(info.key()));
    }
}
