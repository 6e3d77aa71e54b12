package com.linkwithmentor.gateway;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The gateway's own settings (routes, and which of their paths need no token, are Spring Cloud
 * Gateway configuration): body size limit, the HTTPS/HTTP/3 listeners, rate limits, how many
 * verified tokens are remembered.
 */
@ConfigurationProperties("lwm.gateway")
public record GatewayProperties(
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue Tls tls,
        @DefaultValue Http3 http3,
        @DefaultValue RateLimits rateLimits,
        @DefaultValue("15s") Duration instanceDownFor,
        @DefaultValue("10000") int verifiedTokensKept,
        @DefaultValue("true") boolean accessLog) {

    /**
     * The TLS listener (HTTP/2 and HTTP/1.1 over TCP) and the HTTP/3 listener (UDP) share a port and
     * a certificate: a mounted one in production, a self-signed one made on first start in dev.
     */
    public record Tls(@DefaultValue("true") boolean enabled, @DefaultValue("8443") int port,
            @Nullable Path certificate, @Nullable Path privateKey, @DefaultValue(".fleet/certs") Path devCertificateDir) {
    }

    /** QUIC flow-control limits must be set: Reactor Netty leaves them at 0, which stalls every stream. */
    public record Http3(@DefaultValue("true") boolean enabled, @DefaultValue("30s") Duration idleTimeout,
            @DefaultValue("10000000") long maxData, @DefaultValue("1000000") long maxStreamData,
            @DefaultValue("100") long maxStreams, @DefaultValue("86400") long altSvcMaxAge) {
    }

    /**
     * Token buckets: {@code capacity} requests at once, refilled at {@code per-second}. Signed-in
     * callers are counted per user and active role, anonymous ones per client IP; a path matching
     * a {@code strict} pattern uses the stricter bucket.
     */
    public record RateLimits(@DefaultValue("true") boolean enabled,
            @DefaultValue Map<String, Bucket> buckets,
            @DefaultValue List<String> strictPaths) {
    }

    public record Bucket(int capacity, double perSecond) {
    }
}
