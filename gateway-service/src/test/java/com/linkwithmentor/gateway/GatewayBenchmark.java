package com.linkwithmentor.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.linkwithmentor.testsupport.ServiceProcess;
import com.linkwithmentor.testsupport.TestServers;

import reactor.core.publisher.Flux;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * One cheap authenticated endpoint ({@code GET /api/v1/users/me}) measured three ways in one run:
 * straight to user-service, through the gateway over HTTP/1.1, and through the gateway over
 * HTTP/3; latency (sequential) and throughput (16 in flight), and the gateway's overhead as a
 * ratio. Not part of the default run: {@code ./fleet bench gateway-service}.
 */
@Tag("benchmark")
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayBenchmark {

    static final String REDIS = TestServers.redis().url();

    static final ServiceProcess userService = Backends.startUserService(REDIS);

    static final int tlsPort = Backends.freeTcpAndUdpPort();

    static final int SEQUENTIAL = 2_000;

    static final int CONCURRENT = 6_000;

    static final int IN_FLIGHT = 16;

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.discovery.client.simple.instances.user-service[0].uri",
                () -> "http://127.0.0.1:" + userService.port());
        registry.add("lwm.security.jwks-url", () -> "http://127.0.0.1:" + userService.port() + "/api/v1/auth/jwks");
        registry.add("lwm.redis.url", () -> REDIS);
        registry.add("lwm.gateway.tls.port", () -> tlsPort);
        registry.add("lwm.gateway.tls.dev-certificate-dir", () -> "target/test-certs");
        registry.add("lwm.gateway.rate-limits.enabled", () -> false);
        registry.add("reactor.netty.http.server.accessLogEnabled", () -> false);
    }

    @AfterAll
    static void stop() {
        userService.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    @Test
    void directVersusGatewayOverHttp1AndHttp3() {
        Clients clients = new Clients(port, tlsPort);
        String token = signIn(clients);
        HttpClient direct = HttpClient.create().baseUrl("http://127.0.0.1:" + userService.port()).protocol(HttpProtocol.HTTP11);

        Result directResult = measure("direct to user-service (HTTP/1.1)", direct, token);
        Result h1 = measure("through the gateway, HTTP/1.1", clients.by("h1"), token);
        Result h3 = measure("through the gateway, HTTP/3 (QUIC)", clients.by("h3"), token);

        System.out.printf(Locale.ROOT, "OVERHEAD gateway h1: p50 x%.2f, p99 x%.2f, throughput x%.2f%n",
                h1.p50 / directResult.p50, h1.p99 / directResult.p99, h1.perSecond / directResult.perSecond);
        System.out.printf(Locale.ROOT, "OVERHEAD gateway h3: p50 x%.2f, p99 x%.2f, throughput x%.2f%n",
                h3.p50 / directResult.p50, h3.p99 / directResult.p99, h3.perSecond / directResult.perSecond);
        assertThat(h3.perSecond).isPositive();
    }

    record Result(double p50, double p99, double perSecond) {
    }

    private Result measure(String label, HttpClient client, String token) {
        HttpClient authed = client.headers(h -> h.set("Authorization", "Bearer " + token));
        for (int i = 0; i < 300; i++) {
            status(authed);
        }
        long[] nanos = new long[SEQUENTIAL];
        for (int i = 0; i < SEQUENTIAL; i++) {
            long start = System.nanoTime();
            assertThat(status(authed)).isEqualTo(200);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double p50 = nanos[SEQUENTIAL / 2] / 1e6;
        double p99 = nanos[(int) (SEQUENTIAL * 0.99)] / 1e6;

        long started = System.nanoTime();
        Long ok = Flux.range(0, CONCURRENT)
            .flatMap(i -> authed.get().uri("/api/v1/users/me").responseSingle((r, b) -> b.then()
                .thenReturn(r.status().code())), IN_FLIGHT)
            .filter(code -> code == 200)
            .count()
            .block(Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - started) / 1e9;
        double perSecond = ok / seconds;
        assertThat(ok).isEqualTo(CONCURRENT);
        System.out.printf(Locale.ROOT, "BENCH %-40s p50=%.3f ms p99=%.3f ms  %,.0f req/s (%d in flight)%n", label, p50,
                p99, perSecond, IN_FLIGHT);
        return new Result(p50, p99, perSecond);
    }

    private static int status(HttpClient client) {
        return client.get().uri("/api/v1/users/me").responseSingle((r, b) -> b.then().thenReturn(r.status().code()))
            .block(Duration.ofSeconds(10));
    }

    private String signIn(Clients clients) {
        String name = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Clients.send(clients.by("h1"), "POST", "/api/v1/auth/register", null,
                "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"password\":\"bench-pass-42\"}");
        Clients.Reply login = Clients.send(clients.by("h1"), "POST", "/api/v1/auth/login", null,
                "{\"login\":\"" + name + "\",\"password\":\"bench-pass-42\"}");
        return json.readTree(login.body()).path("access_token").asString();
    }
}
