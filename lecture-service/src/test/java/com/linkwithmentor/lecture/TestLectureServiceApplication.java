package com.linkwithmentor.lecture;

import java.time.Duration;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;

import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.TestServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;

/**
 * Runs lecture-service alone from an IDE against the test servers (a fresh database on the test
 * PostgreSQL, the test Redis) and a local token issuer, and prints a mentor's and a mentee's token
 * to try it with. Moderation is expected at its usual address; without it publishing answers 503.
 */
public final class TestLectureServiceApplication {

    private TestLectureServiceApplication() {
    }

    public static void main(String[] args) {
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase("lectures_dev");
        TestTokenIssuer issuer = TestTokenIssuer.start();
        new SpringApplicationBuilder(LectureServiceApplication.class).run(concat(args,
                "--spring.datasource.url=" + postgres.jdbcUrl(database),
                "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--lwm.redis.url=" + TestServers.redis().url(),
                "--lwm.security.jwks-url=" + issuer.jwksUrl()));
        for (String role : new String[] { "mentor", "mentee" }) {
            UUID user = UUID.randomUUID();
            System.out.println("Test " + role + ": " + user + "\n  access token: "
                    + issuer.token(user, role).lifetime(Duration.ofHours(8)).sign());
        }
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
