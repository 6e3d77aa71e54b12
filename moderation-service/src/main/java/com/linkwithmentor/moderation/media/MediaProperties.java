package com.linkwithmentor.moderation.media;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Pictures and video (a video's {@code storage_key} names a file in the storage module's
 * {@code BlobStore}, the one lecture-service keeps media in): the tools and bounds: where tesseract, ffmpeg and ffprobe are, the OCR language, how long each may run, how
 * many keyframes a video gives at most and how far apart, and the largest picture analysed.
 */
@ConfigurationProperties("lwm.moderation")
public record MediaProperties(@DefaultValue Tools media) {

    public record Tools(
            @DefaultValue("/usr/bin/tesseract") Path tesseract,
            @DefaultValue("/usr/bin/ffmpeg") Path ffmpeg,
            @DefaultValue("/usr/bin/ffprobe") Path ffprobe,
            @DefaultValue("eng") String ocrLanguage,
            @DefaultValue("20s") Duration ocrTimeout,
            @DefaultValue("60s") Duration videoTimeout,
            @DefaultValue("8") int maxKeyframes,
            @DefaultValue("2s") Duration minKeyframeGap,
            @DefaultValue("40000000") long maxPixels) {
    }
}
