package com.linkwithmentor.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import org.jspecify.annotations.Nullable;

import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.Http3SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.ByteBufFlux;

/**
 * Real clients for each protocol the gateway speaks: HTTP/1.1 over TCP, HTTP/2 over TLS, and
 * HTTP/3 over QUIC (UDP only: no fallback). The dev certificate is self-signed, so trust is off.
 */
final class Clients {

    record Reply(int status, String version, Map<String, List<String>> headers, String body) {

        @Nullable String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpClient http1;

    private final HttpClient http2;

    private final HttpClient http3;

    Clients(int plainPort, int tlsPort) {
        this.http1 = HttpClient.create().baseUrl("http://127.0.0.1:" + plainPort).protocol(HttpProtocol.HTTP11)
            .responseTimeout(Duration.ofSeconds(20));
        this.http2 = HttpClient.create().baseUrl("https://127.0.0.1:" + tlsPort).protocol(HttpProtocol.H2)
            .secure(spec -> spec.sslContext(Http2SslContextSpec.forClient()
                .configure(builder -> builder.trustManager(InsecureTrustManagerFactory.INSTANCE))))
            .responseTimeout(Duration.ofSeconds(20));
        this.http3 = HttpClient.create().baseUrl("https://127.0.0.1:" + tlsPort).protocol(HttpProtocol.HTTP3)
            .secure(spec -> spec.sslContext(Http3SslContextSpec.forClient()
                .configure(builder -> builder.trustManager(InsecureTrustManagerFactory.INSTANCE))))
            .http3Settings(spec -> spec.idleTimeout(Duration.ofSeconds(10)).maxData(10_000_000)
                .maxStreamDataBidirectionalLocal(1_000_000).maxStreamDataBidirectionalRemote(1_000_000)
                .maxStreamsBidirectional(100))
            .responseTimeout(Duration.ofSeconds(20));
    }

    HttpClient http1() {
        return http1;
    }

    HttpClient http3() {
        return http3;
    }

    HttpClient by(String protocol) {
        return switch (protocol) {
            case "h1" -> http1;
            case "h2" -> http2;
            case "h3" -> http3;
            default -> throw new IllegalArgumentException(protocol);
        };
    }

    static Reply send(HttpClient client, String method, String path, @Nullable String token, @Nullable String json) {
        HttpClient configured = client.headers(headers -> {
            if (token != null) {
                headers.set("Authorization", "Bearer " + token);
            }
            if (json != null) {
                headers.set("Content-Type", "application/json");
            }
        });
        return configured.request(io.netty.handler.codec.http.HttpMethod.valueOf(method))
            .uri(path)
            .send(json == null ? ByteBufFlux.empty() : ByteBufFlux.fromString(reactor.core.publisher.Mono.just(json)))
            .responseSingle((response, body) -> body.asString().defaultIfEmpty("").map(text -> new Reply(
                    response.status().code(), response.version().text(), headerMap(response.responseHeaders()), text)))
            .block(Duration.ofSeconds(30));
    }

    private static Map<String, List<String>> headerMap(io.netty.handler.codec.http.HttpHeaders headers) {
        Map<String, List<String>> map = new java.util.LinkedHashMap<>();
        headers.forEach(entry -> map.computeIfAbsent(entry.getKey(), k -> new java.util.ArrayList<>()).add(entry.getValue()));
        return map;
    }
}
