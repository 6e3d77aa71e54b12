package com.linkwithmentor.common.web;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.events.OutboxWriter;
import com.linkwithmentor.common.sample.SampleApplication;
import com.linkwithmentor.common.security.PublicEndpoint;
import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.TestServers;

/**
 * What a service does when it is told to stop (SIGTERM closes the context the same way): readiness
 * goes DOWN at once while requests are still served for the drain delay (each told
 * {@code Connection: close}), a request in flight finishes, and the event it wrote after the
 * listener closed is still published by this instance's relay on its way out.
 */
class GracefulShutdownTests {

    static final String STREAM = "events.shutdown";

    static final CountDownLatch slowStarted = new CountDownLatch(1);

    @Configuration(proxyBeanMethods = false)
    static class Slow {

        @Bean
        SlowController slowController(OutboxWriter outbox, PlatformTransactionManager transactions) {
            return new SlowController(outbox, new TransactionTemplate(transactions));
        }
    }

    @RestController
    static class SlowController {

        private final OutboxWriter outbox;

        private final TransactionTemplate transactions;

        SlowController(OutboxWriter outbox, TransactionTemplate transactions) {
            this.outbox = outbox;
            this.transactions = transactions;
        }

        @GetMapping("/api/v1/samples/slow")
        @PublicEndpoint
        Map<String, String> slow() throws InterruptedException {
            slowStarted.countDown();
            Thread.sleep(3_000);
            transactions.executeWithoutResult(status -> outbox.append(STREAM, "WrittenWhileStopping", null, Map.of("ok", true)));
            return Map.of("status", "finished");
        }
    }

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aStoppingServiceIsNotReadyYetServesDrainsAndFlushesItsOutbox() throws Exception {
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase("graceful_shutdown");
        String redisUrl = TestServers.redis().url();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class, Slow.class)
            .run("--server.port=0", "--spring.datasource.url=" + postgres.jdbcUrl(database),
                    "--spring.datasource.username=" + postgres.username(), "--spring.datasource.password=" + postgres.password(),
                    "--lwm.redis.url=" + redisUrl, "--lwm.security.jwks-url=http://127.0.0.1:9/jwks",
                    "--lwm.shutdown.drain-delay=2s", "--lwm.events.relay-interval=1h");
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        assertThat(status(port, "/actuator/health/readiness")).isEqualTo(200);

        CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(get(port, "/api/v1/samples/slow"),
                HttpResponse.BodyHandlers.ofString());
        assertThat(slowStarted.await(20, SECONDS)).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);

        await("readiness DOWN while still serving").atMost(5, SECONDS).until(() -> status(port, "/actuator/health/readiness") == 503);
        HttpResponse<String> during = http.send(get(port, "/api/v1/samples/public"), HttpResponse.BodyHandlers.ofString());
        assertThat(during.statusCode()).isEqualTo(200);
        assertThat(during.headers().firstValue("Connection")).hasValue("close");

        HttpResponse<String> finished = inFlight.get(20, SECONDS);
        assertThat(finished.statusCode()).isEqualTo(200);
        assertThat(finished.body()).contains("finished");
        closing.get(40, SECONDS);

        // The relay polls hourly here; it runs until the web server has stopped and flushes once more, so
        // the event written by the last request left with this instance.
        RedisClient client = RedisClient.create(redisUrl);
        try (StatefulRedisConnection<String, String> redis = client.connect()) {
            assertThat(redis.sync().xrange(STREAM, Range.create("-", "+")))
                .anyMatch(entry -> entry.getBody().get("envelope").contains("WrittenWhileStopping"));
        }
        finally {
            client.shutdown();
        }
        javax.sql.DataSource dataSource = postgres.dataSource(database);
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "SELECT count(*) FROM event_outbox WHERE published_at IS NULL", Long.class)).isZero();
    }

    private int status(int port, String path) {
        try {
            return http.send(get(port, path), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (java.io.IOException ex) {
            return -1;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static HttpRequest get(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build();
    }
}
