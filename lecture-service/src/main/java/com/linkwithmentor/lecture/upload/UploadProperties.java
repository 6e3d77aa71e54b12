package com.linkwithmentor.lecture.upload;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where upload bytes are staged (local disk; shared by every instance in a multi-instance
 * deployment, since a client's PATCHes may land on any of them), the largest file, the largest
 * PATCH body (the gateway's per-route limit for uploads matches it), and how long an unfinished
 * upload is kept.
 */
@ConfigurationProperties("lwm.lectures.uploads")
public record UploadProperties(
        @DefaultValue(".fleet/lecture-staging") Path stagingDir,
        @DefaultValue("4GB") DataSize maxSize,
        @DefaultValue("64MB") DataSize maxChunk,
        @DefaultValue("24h") Duration expireAfter) {
}
