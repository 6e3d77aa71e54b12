package com.linkwithmentor.lecture.progress;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a lecture counts as complete, and how much newly watched time a report may credit: no more
 * than the wall time since the previous report at the fastest playback rate, plus some slack.
 */
@ConfigurationProperties("lwm.lectures.progress")
public record ProgressProperties(
        @DefaultValue("90") int completeAtPercent,
        @DefaultValue("2.0") double maxPlaybackRate,
        @DefaultValue("15s") Duration reportSlack) {
}
