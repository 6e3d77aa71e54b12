package com.linkwithmentor.meeting;

import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;

import org.springframework.boot.builder.SpringApplicationBuilder;

import com.linkwithmentor.testsupport.PostgresServer;
import com.linkwithmentor.testsupport.TestServers;
import com.linkwithmentor.testsupport.TestTokenIssuer;

/**
 * Runs meeting-service alone from an IDE against the test servers (a fresh database on the test
 * PostgreSQL, the test Redis) and a local token issuer (also its own client-credentials endpoint),
 * and prints a mentor's and a mentee's tokens to try it with (REST on 8084, the live whiteboard
 * {@code ws://localhost:9084/ws/whiteboard?session_id=} with {@code ?access_token=}). user-service is
 * expected at its usual address for mentors the local copy does not know yet.
 */
public final class TestMeetingServiceApplication {

    private TestMeetingServiceApplication() {
    }

    public static void main(String[] args) {
        PostgresServer postgres = TestServers.postgres();
        String database = postgres.createDatabase("meeting_dev");
        TestTokenIssuer issuer = TestTokenIssuer.start();
        String[] all = Arrays.copyOf(args, args.length + 7);
        String[] extra = { "--spring.datasource.url=" + postgres.jdbcUrl(database),
                "--spring.datasource.username=" + postgres.username(), "--spring.datasource.password=" + postgres.password(),
                "--lwm.redis.url=" + TestServers.redis().url(), "--lwm.security.jwks-url=" + issuer.jwksUrl(),
                "--lwm.service-auth.token-url=" + issuer.tokenUrl(),
                "--lwm.service-auth.client-secret=" + TestTokenIssuer.clientSecret("meeting-service") };
        System.arraycopy(extra, 0, all, args.length, extra.length);
        new SpringApplicationBuilder(MeetingServiceApplication.class).run(all);
        for (String role : new String[] { "mentor", "mentee" }) {
            UUID user = UUID.randomUUID();
            System.out.println("Test " + role + ": " + user + "\n  access token: "
                    + issuer.token(user, role).roles("mentee", "mentor").activeRole(role).lifetime(Duration.ofHours(8)).sign());
        }
    }
}
