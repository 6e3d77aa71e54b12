package com.linkwithmentor.signaling.turn;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The TURN server calls relay through, and the credentials signaling hands out for it.
 *
 * @param urls TURN URLs as browsers take them ({@code turn:127.0.0.1:3478?transport=udp}); none:
 *        calls get STUN only, always marked degraded
 * @param stunUrls STUN URLs; empty: the TURN servers' addresses as {@code stun:} URLs
 * @param realm coturn's {@code --realm}: part of each credential's key
 * @param userdbUrl the Redis database coturn reads users from ({@code --redis-userdb}); empty: the
 *        service's own Redis URL
 * @param credentialTtl how long a credential lives unless renewed; renewed while its call lives
 * @param renewInterval how often live credentials are renewed; well under {@code credential-ttl}
 * @param healthInterval how often the TURN server is asked a STUN binding request
 * @param healthTimeout how long one such request may take
 * @param maxCredentialsPerCallAndUser live credentials one user may hold for one call (each page
 *        load asks for one)
 */
@ConfigurationProperties("lwm.signaling.turn")
public record TurnProperties(
        @DefaultValue List<String> urls,
        @DefaultValue List<String> stunUrls,
        @DefaultValue("linkwithmentor") String realm,
        @DefaultValue("") String userdbUrl,
        @DefaultValue("10m") Duration credentialTtl,
        @DefaultValue("3m") Duration renewInterval,
        @DefaultValue("5s") Duration healthInterval,
        @DefaultValue("1s") Duration healthTimeout,
        @DefaultValue("20") int maxCredentialsPerCallAndUser) {

    public boolean configured() {
        return urls.stream().anyMatch(url -> !url.isBlank());
    }

    /** STUN URLs to hand out: the configured ones, else one per TURN server address. */
    public List<String> effectiveStunUrls() {
        List<String> configured = stunUrls.stream().filter(url -> !url.isBlank()).toList();
        if (!configured.isEmpty()) {
            return configured;
        }
        return urls.stream().filter(url -> url.startsWith("turn:"))
            .map(url -> "stun:" + url.substring("turn:".length()).replaceFirst("\\?.*$", ""))
            .distinct().toList();
    }
}
