package com.linkwithmentor.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.robothy.s3.rest.LocalS3;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same behaviour from both stores: on local disk, and in a real S3-compatible server (LocalS3, in-process). */
class BlobStoreTests {

    @TempDir
    static Path directory;

    static LocalS3 s3Server;

    static BlobStore disk;

    static BlobStore bucket;

    @BeforeAll
    static void start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        s3Server = LocalS3.builder().port(port).build();
        s3Server.start();
        disk = new LocalDiskBlobStore(directory.resolve("blobs"));
        StorageProperties.S3 settings = new StorageProperties.S3(URI.create("http://127.0.0.1:" + port), "us-east-1",
                "test-bucket", "key", "secret", true, true);
        bucket = new StorageAutoConfiguration().blobStore(new StorageProperties(StorageProperties.Type.S3,
                new StorageProperties.Local(directory), settings));
    }

    @AfterAll
    static void stop() {
        s3Server.shutdown();
    }

    static Stream<BlobStore> stores() {
        return Stream.of(disk, bucket);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aStoredFileReadsBackWholeAndByRange(BlobStore store) throws IOException {
        byte[] content = "0123456789abcdefghij".getBytes(StandardCharsets.UTF_8);
        BlobInfo stored = store.put("lectures/l1/hls/360p/seg_00001.ts", new ByteArrayInputStream(content), content.length,
                "video/mp2t");

        assertThat(stored.length()).isEqualTo(20);
        assertThat(stored.contentType()).isEqualTo("video/mp2t");
        try (InputStream in = store.open(stored.key())) {
            assertThat(in.readAllBytes()).isEqualTo(content);
        }
        try (InputStream in = store.open(stored.key(), 5, 4)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("5678");
        }
        try (InputStream in = store.open(stored.key(), 18, 10)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).as("a range past the end is cut").isEqualTo("ij");
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aFileIsReplacedListedAndDeleted(BlobStore store) {
        store.put("materials/s1/a.pdf", stream("first"), 5, "application/pdf");
        store.put("materials/s1/a.pdf", stream("second"), 6, "application/pdf");
        store.put("materials/s1/b.png", stream("png"), 3, "image/png");
        store.put("materials/s2/c.txt", stream("other"), 5, "text/plain");

        assertThat(store.stat("materials/s1/a.pdf")).get().extracting(BlobInfo::length).isEqualTo(6L);
        assertThat(store.list("materials/s1/").stream().map(BlobInfo::key))
            .containsExactly("materials/s1/a.pdf", "materials/s1/b.png");

        store.deleteAll("materials/s1/");
        assertThat(store.list("materials/s1/")).isEmpty();
        assertThat(store.stat("materials/s1/a.pdf")).isEmpty();
        assertThat(store.stat("materials/s2/c.txt")).isPresent();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aMissingFileIsNotFound(BlobStore store) {
        assertThat(store.stat("nothing/here.bin")).isEmpty();
        assertThatThrownBy(() -> readAll(store.open("nothing/here.bin"))).isInstanceOf(BlobNotFoundException.class);
    }

    @ParameterizedTest
    @MethodSource("stores")
    void keysThatCouldEscapeOrMislead(BlobStore store) {
        for (String key : new String[] { "../etc/passwd", "a/../../b", "/absolute", "a//b", "a/./b", "", "a\\b", "a/b/",
                "name\u0000.txt", ".hidden" }) {
            assertThatThrownBy(() -> store.put(key, stream("x"), 1, "text/plain")).as(key)
                .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aShortStreamStoresNothing(BlobStore store) {
        assertThatThrownBy(() -> store.put("short/file.bin", stream("abc"), 10, "application/octet-stream"))
            .isInstanceOf(RuntimeException.class);
        assertThat(store.stat("short/file.bin")).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aLocalFileIsStoredAsIs(BlobStore store) throws IOException {
        Path file = Files.writeString(directory.resolve("thumb.jpg"), "jpeg bytes");
        store.putFile("lectures/l2/thumbnail.jpg", file, "image/jpeg");
        assertThat(new String(readAll(store.open("lectures/l2/thumbnail.jpg")), StandardCharsets.UTF_8)).isEqualTo("jpeg bytes");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
