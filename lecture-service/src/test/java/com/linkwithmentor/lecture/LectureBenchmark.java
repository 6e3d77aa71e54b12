package com.linkwithmentor.lecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.linkwithmentor.lecture.LectureFixture.TestUser;

/**
 * What lecture-service sustains, measured against a real instance: tus upload throughput for a
 * large file (2 GB by default, {@code -Dlwm.bench.upload-mb}) sent in 64 MB PATCHes, with the
 * connection dropped halfway through one of them and the upload resumed from HEAD's offset; then
 * concurrent signed segment requests per second ({@code wrk} when installed, else the JDK client).
 * Run with {@code ./mvnw -pl lecture-service -am verify -Dgroups=benchmark -DexcludedGroups=none
 * -Dtest=LectureBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class LectureBenchmark {

    private static final int CHUNK = 64 * 1024 * 1024;

    @Test
    void uploadThroughputWithAResumeAndSegmentRequestsPerSecond() throws Exception {
        LectureFixture fixture = LectureFixture.start("lectures_bench", 7, Map.of("lwm.lectures.uploads.max-size", "8GB"));
        try {
            LectureApi api = fixture.api();
            TestUser mentor = fixture.mentor();
            UUID course = api.course(mentor, "Benchmark", null, "draft");

            // A video's bytes at the front (so the sniffer sees a video), then filler up to the size asked.
            long megabytes = Long.getLong("lwm.bench.upload-mb", 2048);
            byte[] head = LectureApi.read(Clips.clip());
            long length = megabytes * 1024 * 1024;
            UUID lecture = api.lecture(mentor, course, "Large upload", false);
            String upload = api.created(lecture, length, mentor);
            long dropAt = length / 2 + CHUNK / 3;
            long started = System.nanoTime();
            long offset = 0;
            boolean dropped = false;
            while (offset < length) {
                long size = Math.min(CHUNK, length - offset);
                if (!dropped && offset + size > dropAt) {
                    // The connection dies mid-chunk: send part of it raw, then close the socket.
                    sendAndDrop(fixture.port(), upload, mentor.token(), offset, size, dropAt - offset, head);
                    dropped = true;
                    long sent = dropAt;
                    await().atMost(Duration.ofSeconds(30)).until(() -> api.offset(upload, mentor.token()) == sent);
                    offset = api.offset(upload, mentor.token());
                    continue;
                }
                long from = offset;
                HttpResponse<String> reply = api.send(api.request(upload, mentor.token()).header("Tus-Resumable", "1.0.0")
                    .header("Upload-Offset", Long.toString(offset)).header("Content-Type", "application/offset+octet-stream")
                    .method("PATCH", HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> new Filler(head, from, size)), size)));
                assertThat(reply.statusCode()).as(reply.body()).isEqualTo(204);
                offset = Long.parseLong(reply.headers().firstValue("Upload-Offset").orElseThrow());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "%nUpload: %d MB in %.1f s = %.0f MB/s over HTTP/1.1 loopback, 64 MB PATCHes, "
                    + "dropped at %d MB and resumed from HEAD's offset%n", megabytes, seconds, megabytes / seconds,
                    dropAt / 1024 / 1024);
            long staged = Files.size(fixture.root().resolve("staging").resolve(upload.substring(upload.lastIndexOf('/') + 1)
                    + ".upload"));
            assertThat(staged).isEqualTo(length);

            // Segment serving: a transcoded clip, its first segment hammered through its signed URL.
            UUID small = api.lecture(mentor, course, "Segments", false);
            api.uploadAndAwaitReady(small, Clips.clip(), mentor);
            String master = api.get("/api/v1/lectures/" + small + "/playback", mentor.token()).expect(200).text("url");
            String variant = firstMediaLine(api.raw(master, Map.of()).body());
            String segment = firstMediaLine(api.raw(variant, Map.of()).body());
            int bytes = api.raw(segment, Map.of()).body().length;
            String url = api.base() + segment;
            for (int connections : new int[] { 16, 64 }) {
                System.out.println(segments(url, connections, bytes));
            }
            System.out.println();
        }
        finally {
            fixture.close();
        }
    }

    private static String segments(String url, int connections, int bytes) throws Exception {
        if (Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            Process wrk = new ProcessBuilder("/usr/bin/wrk", "-t2", "-c" + connections, "-d10s", "--latency", url)
                .redirectErrorStream(true).start();
            String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            wrk.waitFor();
            String rate = out.lines().filter(l -> l.startsWith("Requests/sec")).findFirst().orElse("?").trim();
            String p50 = out.lines().filter(l -> l.trim().startsWith("50%")).findFirst().orElse("?").trim();
            String p99 = out.lines().filter(l -> l.trim().startsWith("99%")).findFirst().orElse("?").trim();
            String errors = out.lines().filter(l -> l.contains("Non-2xx") || l.contains("Socket errors")).findFirst()
                .orElse("no errors").trim();
            return String.format(Locale.ROOT, "Segments (%d KB, wrk, %d connections): %s; latency %s, %s; %s", bytes / 1024,
                    connections, rate, p50, p99, errors);
        }
        AtomicLong done = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < connections; i++) {
                pool.submit(() -> {
                    while (running.get()) {
                        long t = System.nanoTime();
                        HttpResponse<byte[]> reply = LectureApi.HTTP.send(HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                                HttpResponse.BodyHandlers.ofByteArray());
                        if (reply.statusCode() == 200) {
                            done.incrementAndGet();
                            latencies.add(System.nanoTime() - t);
                        }
                    }
                    return null;
                });
            }
            Thread.sleep(10_000);
            running.set(false);
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "Segments (%d KB, JDK client, %d connections): %.0f req/s; p50 %.1f ms, p99 %.1f ms",
                bytes / 1024, connections, done.get() / 10.0, sorted.get(sorted.size() / 2) / 1e6,
                sorted.get(sorted.size() * 99 / 100) / 1e6);
    }

    private static String firstMediaLine(byte[] playlist) {
        return new String(playlist, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("/media/")).findFirst()
            .orElseThrow();
    }

    /** Sends a PATCH declaring {@code size} bytes, writes only {@code sent} of them, and closes the connection. */
    private static void sendAndDrop(int port, String upload, String token, long offset, long size, long sent, byte[] head)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port); InputStream body = new Filler(head, offset, sent)) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + upload + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                    + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: " + offset
                    + "\r\nContent-Type: application/offset+octet-stream\r\nContent-Length: " + size + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            body.transferTo(out);
            out.flush();
        }
    }

    /** The virtual file: the clip's bytes first, zeros after, from {@code offset} for {@code length} bytes. */
    static final class Filler extends InputStream {

        private final byte[] head;

        private long position;

        private long left;

        Filler(byte[] head, long offset, long length) {
            this.head = head;
            this.position = offset;
            this.left = length;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            int fromHead = position < head.length ? (int) Math.min(n, head.length - position) : 0;
            if (fromHead > 0) {
                System.arraycopy(head, (int) position, buffer, off, fromHead);
            }
            java.util.Arrays.fill(buffer, off + fromHead, off + n, (byte) 0);
            position += n;
            left -= n;
            return n;
        }
    }
}
