package com.linkwithmentor.chat.presence;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a presence entry lives without a heartbeat (the design's 300 s), and how often a
 * connection's heartbeats actually refresh it (more often would only load Redis).
 */
@ConfigurationProperties("lwm.chat.presence")
public record PresenceProperties(@DefaultValue("300s") Duration ttl, @DefaultValue("30s") Duration refresh) {
}
