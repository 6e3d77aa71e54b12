package com.linkwithmentor.signaling.turn;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.lettuce.core.RedisException;

/**
 * What a browser passes to {@code new RTCPeerConnection({iceServers})} for one call: STUN, and
 * TURN with a credential for this user and call, while TURN is healthy. TURN down (or its user
 * database unwritable): STUN only, {@code degraded: true}, and the client drops to audio.
 */
@Component
public class IceServers {

    private static final Logger log = LoggerFactory.getLogger(IceServers.class);

    private final TurnProperties properties;

    private final TurnHealth health;

    private final TurnCredentials credentials;

    IceServers(TurnProperties properties, TurnHealth health, TurnCredentials credentials) {
        this.properties = properties;
        this.health = health;
        this.credentials = credentials;
    }

    /** The browser's {@code RTCIceServer}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record IceServer(List<String> urls, @Nullable String username, @Nullable String credential) {
    }

    public record IceServersView(List<IceServer> iceServers, long ttlSeconds, boolean degraded,
            @Nullable Instant expiresAt) {
    }

    public IceServersView forCall(UUID callId, UUID userId) {
        List<IceServer> servers = new ArrayList<>();
        List<String> stun = properties.effectiveStunUrls();
        if (!stun.isEmpty()) {
            servers.add(new IceServer(stun, null, null));
        }
        if (health.available()) {
            try {
                TurnCredentials.Credential credential = credentials.issue(callId, userId);
                servers.add(new IceServer(properties.urls().stream().filter(url -> !url.isBlank()).toList(),
                        credential.username(), credential.password()));
                return new IceServersView(servers, properties.credentialTtl().toSeconds(), false, credential.expiresAt());
            }
            catch (RedisException ex) {
                log.warn("TURN credential for call {} not written ({}); answering STUN only", callId, ex.getMessage());
                health.failed(ex);
            }
        }
        Duration ttl = properties.credentialTtl();
        return new IceServersView(servers, ttl.toSeconds(), true, null);
    }
}
