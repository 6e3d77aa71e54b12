package com.linkwithmentor.lecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test videos made by FFmpeg itself ({@code testsrc} picture, {@code sine} tone), once per JVM
 * under {@code target/clips}: a short clip, a corrupt one (the clip cut in half: its container
 * header says video, its index is missing), and files that are not video at all.
 */
final class Clips {

    private static final Path DIR = Path.of("target", "clips").toAbsolutePath();

    private Clips() {
    }

    /** 3 s, 640x360, 25 fps with a tone; noisy at a high bitrate, so the file is a few MB (for the interrupted upload). */
    static synchronized Path clip() {
        return make("clip-360p.mp4", 3, "640x360", "8M", true);
    }

    /** A longer 720p clip: two rungs, and long enough to stop the service mid-transcode. */
    static synchronized Path longClip() {
        return make("clip-720p.mp4", 12, "1280x720", "2M", false);
    }

    static synchronized Path make(String name, int seconds, String size, String bitrate, boolean noisy) {
        Path file = DIR.resolve(name);
        if (Files.exists(file)) {
            return file;
        }
        try {
            Files.createDirectories(DIR);
            Path partial = DIR.resolve(name + ".part.mp4");
            List<String> command = new ArrayList<>(List.of("/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "error", "-y",
                    "-f", "lavfi", "-i", "testsrc=duration=" + seconds + ":size=" + size + ":rate=25",
                    "-f", "lavfi", "-i", "sine=duration=" + seconds));
            if (noisy) {
                // Noise does not compress: the file has the size its bitrate says.
                command.addAll(List.of("-vf", "noise=alls=25:allf=t", "-minrate", bitrate, "-maxrate", bitrate,
                        "-bufsize", bitrate));
            }
            command.addAll(List.of("-c:v", "libx264", "-preset", "ultrafast", "-b:v", bitrate, "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-shortest", partial.toString()));
            run(command);
            Files.move(partial, file);
            return file;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The clip's first half: an MP4 whose header sniffs as video but which no decoder can open (no moov index). */
    static synchronized Path corrupt() {
        Path file = DIR.resolve("corrupt.mp4");
        if (!Files.exists(file)) {
            try {
                byte[] whole = Files.readAllBytes(clip());
                Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return file;
    }

    /** A PDF document: not a video, whatever its name. */
    static synchronized Path pdf() {
        Path file = DIR.resolve("slides.mp4");
        if (!Files.exists(file)) {
            try {
                Files.createDirectories(DIR);
                StringBuilder text = new StringBuilder("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n");
                while (text.length() < 100_000) {
                    text.append("% filler line to make the document large enough\n");
                }
                Files.writeString(file, text + "%%EOF\n");
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return file;
    }

    /** A small PNG (a frame of the test pattern), for covers. */
    static synchronized Path png() {
        Path file = DIR.resolve("cover.png");
        if (!Files.exists(file)) {
            try {
                Files.createDirectories(DIR);
                run(List.of("/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                        "testsrc=duration=1:size=320x180:rate=1", "-frames:v", "1", file.toString()));
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return file;
    }

    private static void run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
            .redirectOutput(DIR.resolve("ffmpeg.log").toFile()).start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg failed making a test clip; see " + DIR.resolve("ffmpeg.log"));
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
