package com.linkwithmentor.lecture.transcode;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The FFmpeg binaries, how many jobs run at once (each FFmpeg with {@code threads-per-job}
 * threads), how often idle workers look for work, the heartbeat and when a silent job counts as
 * crashed, and the HLS shape: segment length, a keyframe interval that divides it (so every
 * segment starts on a keyframe and all rungs cut at the same instants), and the x264 preset.
 */
@ConfigurationProperties("lwm.lectures.transcoding")
public record TranscodeProperties(
        @DefaultValue("/usr/bin/ffmpeg") Path ffmpeg,
        @DefaultValue("/usr/bin/ffprobe") Path ffprobe,
        @DefaultValue("1") int workers,
        @DefaultValue("2") int threadsPerJob,
        @DefaultValue("2s") Duration pollInterval,
        @DefaultValue("5s") Duration heartbeat,
        @DefaultValue("60s") Duration staleAfter,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("4") int segmentSeconds,
        @DefaultValue("2") int keyframeSeconds,
        @DefaultValue("veryfast") String preset,
        @DefaultValue("6h") Duration jobTimeout,
        @DefaultValue("true") boolean enabled) {

    public TranscodeProperties {
        if (workers < 1) {
            throw new IllegalArgumentException("lwm.lectures.transcoding.workers must be at least 1");
        }
        if (keyframeSeconds < 1 || segmentSeconds % keyframeSeconds != 0) {
            throw new IllegalArgumentException("lwm.lectures.transcoding.keyframe-seconds must divide segment-seconds");
        }
    }
}
