package com.linkwithmentor.lecture.transcode;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code ffmpeg}: DOWN when the binaries are missing (uploads still work and
 * their jobs wait queued), with how many jobs are waiting.
 */
@Component("ffmpegHealthIndicator")
class FfmpegHealth implements HealthIndicator {

    private final Ffmpeg ffmpeg;

    private final TranscodeJobs jobs;

    FfmpegHealth(Ffmpeg ffmpeg, TranscodeJobs jobs) {
        this.ffmpeg = ffmpeg;
        this.jobs = jobs;
    }

    @Override
    public Health health() {
        String missing = ffmpeg.unavailable();
        Health.Builder health = missing == null ? Health.up() : Health.down().withDetail("reason", missing);
        try {
            health.withDetail("queued_jobs", jobs.queued());
        }
        catch (RuntimeException ex) {
            health.withDetail("queued_jobs", "unknown");
        }
        return health.build();
    }
}
