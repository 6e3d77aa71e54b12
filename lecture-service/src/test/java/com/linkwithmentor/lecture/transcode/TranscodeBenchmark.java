package com.linkwithmentor.lecture.transcode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Transcoding time per minute of source at each rung of the ladder, with the production settings
 * (preset {@code veryfast}, {@code threads-per-job} 2, 4 s segments, 2 s keyframes): a 60 s 1080p
 * 30 fps source made by FFmpeg ({@code testsrc2} with noise, which compresses about as badly as
 * camera footage), each rung encoded by {@link Ffmpeg#encode} exactly as a job does. Also checks
 * that every segment of every rung starts with a keyframe. Run with
 * {@code ./mvnw -pl lecture-service -am verify -Dgroups=benchmark -DexcludedGroups=none -Dtest=TranscodeBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("benchmark")
class TranscodeBenchmark {

    @Test
    void secondsOfWorkPerMinuteOfSourceAtEachRung() throws Exception {
        int seconds = Integer.getInteger("lwm.bench.source-seconds", 60);
        Path dir = Files.createDirectories(Path.of("target", "bench-transcode").toAbsolutePath());
        Path source = dir.resolve("source-1080p-" + seconds + "s.mp4");
        if (!Files.exists(source)) {
            Process make = new ProcessBuilder("/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                    "-i", "testsrc2=duration=" + seconds + ":size=1920x1080:rate=30", "-f", "lavfi", "-i",
                    "sine=duration=" + seconds, "-vf", "noise=alls=12:allf=t", "-c:v", "libx264", "-preset", "ultrafast",
                    "-crf", "18", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", source.toString())
                .inheritIO().start();
            assertThat(make.waitFor(30, TimeUnit.MINUTES)).isTrue();
            assertThat(make.exitValue()).isZero();
        }
        TranscodeProperties properties = new TranscodeProperties(Path.of("/usr/bin/ffmpeg"), Path.of("/usr/bin/ffprobe"),
                1, Integer.getInteger("lwm.bench.threads", 2), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(60), 3, 4, 2, System.getProperty("lwm.bench.preset", "veryfast"), Duration.ofHours(6), true);
        Ffmpeg ffmpeg = new Ffmpeg(properties);
        Path work = Files.createDirectories(dir.resolve("work"));
        Ffmpeg.Probe probe = ffmpeg.probe(source, work);
        Ladder ladder = Ladder.plan(probe.width(), probe.height(), probe.audio());
        assertThat(ladder.rungs()).extracting(Ladder.Rung::height).containsExactly(360, 720, 1080);
        System.out.printf(Locale.ROOT, "%nSource: %.1f s, %dx%d, %.0f fps; preset %s, %d FFmpeg threads, %d cores%n",
                probe.durationSeconds(), probe.width(), probe.height(), probe.fps(), properties.preset(),
                properties.threadsPerJob(), Runtime.getRuntime().availableProcessors());
        double total = 0;
        for (Ladder.Rung rung : ladder.rungs()) {
            Path out = work.resolve(rung.name());
            long started = System.nanoTime();
            ffmpeg.encode(source, probe, rung, out, fraction -> { }, new Ffmpeg.ProcessHolder());
            double elapsed = (System.nanoTime() - started) / 1e9;
            total += elapsed;
            long segments;
            try (var files = Files.list(out)) {
                segments = files.filter(f -> f.toString().endsWith(".ts")).count();
            }
            System.out.printf(Locale.ROOT, "  %-6s %4dx%-4d %5d kb/s: %6.1f s wall, %5.1f s per minute of source (%.2fx realtime), %d segments%n",
                    rung.name(), rung.width(), rung.height(), rung.videoKbps(), elapsed, elapsed * 60 / probe.durationSeconds(),
                    probe.durationSeconds() / elapsed, segments);
            assertThat(segments).isEqualTo((long) Math.ceil(probe.durationSeconds() / properties.segmentSeconds()));
            assertKeyframeFirst(out.resolve("seg_00001.ts"));
        }
        System.out.printf(Locale.ROOT, "  whole ladder: %.1f s per minute of source%n%n", total * 60 / probe.durationSeconds());
    }

    /** The first video frame of a segment is a keyframe (the fixed GOP cut where the segments cut). */
    private static void assertKeyframeFirst(Path segment) throws Exception {
        Process probe = new ProcessBuilder("/usr/bin/ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "frame=key_frame", "-read_intervals", "%+#1", "-of", "csv=p=0", segment.toString()).start();
        String out = new String(probe.getInputStream().readAllBytes()).strip();
        probe.waitFor(1, TimeUnit.MINUTES);
        assertThat(List.of(out.split("\\s+")).get(0)).as(segment.toString()).isEqualTo("1");
    }
}
