package com.linkwithmentor.lecture.signing;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The media signing key (empty: a development key generated into {@code dev-key-file}), how long
 * an issued URL lives, and the cache lifetimes sent with segments (immutable) and playlists.
 */
@ConfigurationProperties("lwm.lectures.media")
public record MediaProperties(
        @DefaultValue("") String signingKey,
        @DefaultValue(".fleet/secrets/lecture-media-signing.key") Path devKeyFile,
        @DefaultValue("4h") Duration urlLifetime,
        @DefaultValue("365d") Duration segmentMaxAge,
        @DefaultValue("10s") Duration playlistMaxAge) {
}
