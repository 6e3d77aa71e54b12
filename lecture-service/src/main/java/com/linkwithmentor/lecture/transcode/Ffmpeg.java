package com.linkwithmentor.lecture.transcode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * FFmpeg and ffprobe as processes. Every encode is {@code yuv420p} H.264 (what every browser's
 * HLS/MSE path decodes) with a fixed GOP ({@code -g}, {@code -keyint_min}, no scene-cut keyframes)
 * plus keyframes forced on the keyframe interval, so segments of every rung cut at the same
 * instants; AAC stereo audio when the source has audio. Progress comes from {@code -progress}.
 * Failures carry FFmpeg's own last words, with the input's path replaced by "input".
 */
@Component
class Ffmpeg {

    record Probe(double durationSeconds, int width, int height, double fps, boolean audio) {
    }

    /** The source is not a readable video, or FFmpeg failed on it: the message is fit for the mentor. */
    static class MediaException extends Exception {

        MediaException(String message) {
            super(message);
        }
    }

    private final TranscodeProperties properties;

    private final JsonMapper json = JsonMapper.builder().build();

    Ffmpeg(TranscodeProperties properties) {
        this.properties = properties;
    }

    /** Whether both binaries are there and run. */
    @Nullable String unavailable() {
        for (Path binary : List.of(properties.ffmpeg(), properties.ffprobe())) {
            if (!Files.isExecutable(binary)) {
                return binary + " is missing or not executable";
            }
        }
        return null;
    }

    Probe probe(Path source, Path work) throws MediaException, IOException, InterruptedException {
        Path out = work.resolve("probe.json");
        Path err = work.resolve("probe.log");
        Process process = new ProcessBuilder(properties.ffprobe().toString(), "-v", "error", "-print_format", "json",
                "-show_format", "-show_streams", source.toString())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new MediaException("The file could not be read as a video: probing it took too long");
        }
        if (process.exitValue() != 0) {
            throw new MediaException("The file could not be read as a video: " + lastWords(err, source));
        }
        JsonNode root = json.readTree(out.toFile());
        JsonNode video = null;
        boolean audio = false;
        for (JsonNode stream : root.path("streams")) {
            String type = stream.path("codec_type").asString("");
            if (type.equals("video") && video == null && !stream.path("disposition").path("attached_pic").asBoolean(false)) {
                video = stream;
            }
            audio |= type.equals("audio");
        }
        if (video == null) {
            throw new MediaException("The file has no video stream");
        }
        int width = video.path("width").asInt(0);
        int height = video.path("height").asInt(0);
        double duration = parseDouble(root.path("format").path("duration").asString(""),
                parseDouble(video.path("duration").asString(""), 0));
        if (width <= 0 || height <= 0) {
            throw new MediaException("The video stream has no picture size");
        }
        if (duration <= 0) {
            throw new MediaException("The video has no duration (it may be truncated)");
        }
        double fps = rate(video.path("avg_frame_rate").asString(""));
        if (fps <= 0 || fps > 240) {
            fps = rate(video.path("r_frame_rate").asString(""));
        }
        if (fps <= 0 || fps > 240) {
            fps = 25;
        }
        // Rotated phone videos: the picture is shown turned, so its displayed height is the width.
        int rotation = Math.abs(rotation(video)) % 180;
        return rotation == 90 ? new Probe(duration, height, width, fps, audio) : new Probe(duration, width, height, fps, audio);
    }

    /** Encodes one rung into {@code dir} (index.m3u8 and its segments), reporting its own progress 0..1. */
    void encode(Path source, Probe probe, Ladder.Rung rung, Path dir, DoubleConsumer progress, ProcessHolder holder)
            throws MediaException, IOException, InterruptedException {
        Files.createDirectories(dir);
        int gop = (int) Math.max(1, Math.round(probe.fps() * properties.keyframeSeconds()));
        List<String> command = new ArrayList<>(List.of(properties.ffmpeg().toString(), "-hide_banner", "-nostdin", "-y",
                "-loglevel", "error", "-i", source.toString(), "-map", "0:v:0", "-map", "0:a:0?",
                "-vf", "scale=" + rung.width() + ":" + rung.height() + ",setsar=1",
                "-c:v", "libx264", "-preset", properties.preset(), "-profile:v", "main", "-pix_fmt", "yuv420p",
                "-b:v", rung.videoKbps() + "k", "-maxrate", rung.maxKbps() + "k", "-bufsize", (rung.videoKbps() * 2) + "k",
                "-g", Integer.toString(gop), "-keyint_min", Integer.toString(gop), "-sc_threshold", "0",
                "-force_key_frames", "expr:gte(t,n_forced*" + properties.keyframeSeconds() + ")",
                "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-ar", "48000",
                "-threads", Integer.toString(properties.threadsPerJob()),
                "-f", "hls", "-hls_time", Integer.toString(properties.segmentSeconds()), "-hls_playlist_type", "vod",
                "-hls_segment_type", "mpegts", "-hls_flags", "independent_segments",
                "-hls_segment_filename", dir.resolve("seg_%05d.ts").toString(),
                "-progress", "pipe:1", "-nostats", dir.resolve("index.m3u8").toString()));
        run(command, source, dir.getParent().resolve(rung.name() + ".log"), probe.durationSeconds(), progress, holder);
    }

    void thumbnail(Path source, Probe probe, Path target, ProcessHolder holder)
            throws MediaException, IOException, InterruptedException {
        double at = Math.min(1.0, probe.durationSeconds() / 2);
        int height = Math.min(360, probe.height() - probe.height() % 2);
        List<String> command = List.of(properties.ffmpeg().toString(), "-hide_banner", "-nostdin", "-y", "-loglevel",
                "error", "-ss", String.format(java.util.Locale.ROOT, "%.3f", at), "-i", source.toString(), "-frames:v", "1",
                "-vf", "scale=-2:" + height, "-q:v", "4", "-progress", "pipe:1", "-nostats", target.toString());
        run(command, source, target.resolveSibling("thumbnail.log"), 0, p -> { }, holder);
    }

    private void run(List<String> command, Path source, Path log, double durationSeconds, DoubleConsumer progress,
            ProcessHolder holder) throws MediaException, IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        holder.set(process);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (durationSeconds > 0 && line.startsWith("out_time_us=")) {
                    double seconds = parseDouble(line.substring("out_time_us=".length()), -1) / 1_000_000;
                    if (seconds >= 0) {
                        progress.accept(Math.min(1.0, seconds / durationSeconds));
                    }
                }
            }
            Duration timeout = properties.jobTimeout();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new MediaException("Transcoding took longer than " + timeout.toMinutes() + " minutes");
            }
        }
        finally {
            holder.set(null);
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        if (process.exitValue() != 0) {
            if (holder.stopped()) {
                throw new InterruptedException("stopped");
            }
            throw new MediaException("Transcoding failed: " + lastWords(log, source));
        }
    }

    /** The last meaningful line FFmpeg wrote, without the server's paths. */
    private static String lastWords(Path log, Path source) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        String last = "";
        for (int i = lines.size() - 1; i >= 0 && last.isBlank(); i--) {
            last = lines.get(i).strip();
        }
        if (last.isBlank()) {
            return "no diagnostic";
        }
        String cleaned = last.replace(source.toString(), "input").replace(source.getParent().toString(), "");
        return cleaned.length() > 300 ? cleaned.substring(0, 300) : cleaned;
    }

    private static double rate(String fraction) {
        String[] parts = fraction.split("/");
        double numerator = parseDouble(parts[0], 0);
        double denominator = parts.length > 1 ? parseDouble(parts[1], 0) : 1;
        return denominator > 0 ? numerator / denominator : 0;
    }

    private static int rotation(JsonNode video) {
        int tag = (int) parseDouble(video.path("tags").path("rotate").asString("0"), 0);
        if (tag != 0) {
            return tag;
        }
        for (JsonNode side : video.path("side_data_list")) {
            if (side.has("rotation")) {
                return side.path("rotation").asInt(0);
            }
        }
        return 0;
    }

    private static double parseDouble(String value, double fallback) {
        try {
            double parsed = Double.parseDouble(value.trim());
            return Double.isFinite(parsed) ? parsed : fallback;
        }
        catch (NumberFormatException ex) {
            return fallback;
        }
    }

    /** The FFmpeg process of a running job, so stopping the instance can end it. */
    static final class ProcessHolder {

        private volatile @Nullable Process process;

        private volatile boolean stopped;

        void set(@Nullable Process process) {
            this.process = process;
            if (process != null && stopped) {
                process.destroyForcibly();
            }
        }

        void stop() {
            stopped = true;
            Process running = process;
            if (running != null) {
                running.destroyForcibly();
            }
        }

        boolean stopped() {
            return stopped;
        }
    }
}
