package com.linkwithmentor.storage;

import java.net.URI;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where files go: {@code local} (a directory, {@code LWM_STORAGE_DIR}) or {@code s3} (a bucket at an
 * S3-compatible endpoint; credentials from configuration, or the SDK's default chain when empty).
 */
@ConfigurationProperties("lwm.storage")
public record StorageProperties(
        @DefaultValue("local") Type type,
        @DefaultValue Local local,
        @DefaultValue S3 s3) {

    public enum Type {
        LOCAL, S3
    }

    public record Local(@DefaultValue(".fleet/storage") Path root) {
    }

    public record S3(@Nullable URI endpoint, @DefaultValue("us-east-1") String region, @DefaultValue("linkwithmentor") String bucket,
            @DefaultValue("") String accessKey, @DefaultValue("") String secretKey,
            @DefaultValue("true") boolean pathStyle, @DefaultValue("false") boolean createBucket) {
    }
}
