package com.linkwithmentor.moderation;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;

import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.TestServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;

/**
 * Runs moderation-service alone from an IDE against the test servers (a fresh database on the
 * test PostgreSQL, the test Redis) and a local token issuer, and prints a mentee's and an admin's
 * token to try it with, e.g. {@code curl -H "Authorization: Bearer $TOKEN" -H 'Content-Type:
 * application/json' localhost:8086/api/v1/moderation/analyze -d '{"content_id": "m1",
 * "content_type": "message", "user_id": "<the mentee's id>", "text": "hello"}'}.
 */
public final class TestModerationServiceApplication {

    private TestModerationServiceApplication() {
    }

    public static void main(String[] args) {
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase("moderation_dev");
        TestTokenIssuer issuer = TestTokenIssuer.start();
        new SpringApplicationBuilder(ModerationServiceApplication.class).run(concat(args,
                "--spring.datasource.url=" + postgres.jdbcUrl(database),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--lwm.redis.url=" + TestServers.redis().url(),
                "--lwm.security.jwks-url=" + issuer.jwksUrl()));
        UUID mentee = UUID.randomUUID();
        UUID admin = UUID.randomUUID();
        System.out.println("Mentee " + mentee + "\n  access token: "
                + issuer.token(mentee, "mentee").lifetime(Duration.ofHours(8)).sign());
        System.out.println("Admin " + admin + "\n  access token: "
                + issuer.token(admin, "admin").roles("mentee", "admin").lifetime(Duration.ofHours(8)).sign());
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
