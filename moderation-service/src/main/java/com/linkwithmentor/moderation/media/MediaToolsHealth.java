package com.linkwithmentor.moderation.media;

import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The {@code mediaTools} health component: UP when tesseract, ffmpeg and ffprobe are installed,
 * DEGRADED (with which are missing) otherwise. The status order in application.yml ranks DEGRADED
 * below UP, so the service stays UP and ready: text analysis needs none of them, pictures are still
 * hashed, only OCR and video are off.
 */
@Component("mediaTools")
class MediaToolsHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "A media tool is missing; OCR or video analysis is off");

    private final MediaInspector inspector;

    MediaToolsHealth(MediaInspector inspector) {
        this.inspector = inspector;
    }

    @Override
    public Health health() {
        Map<String, Boolean> tools = inspector.tools();
        Health.Builder builder = tools.values().stream().allMatch(Boolean::booleanValue) ? Health.up()
                : Health.status(DEGRADED);
        tools.forEach((tool, installed) -> builder.withDetail(tool, installed ? "installed" : "missing"));
        return builder.build();
    }
}
