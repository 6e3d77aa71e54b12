package com.linkwithmentor.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import tools.jackson.databind.JsonNode;

/** Enforcement takes its time from the injected clock: a mute ends when the clock says so. */
@ModerationServiceTest
@Import(TimeControlledEnforcementTests.Time.class)
class TimeControlledEnforcementTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class Time {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.parse("2031-03-14T09:00:00Z"));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Test
    void aMuteLastsExactlyItsDurationOnTheClock() {
        Api api = new Api(port);
        TestTokens.Person admin = TestTokens.admin();
        TestTokens.Person user = TestTokens.mentee();
        Instant start = clock.instant();

        JsonNode mute = api.post("/api/v1/moderation/admin/users/" + user.id() + "/sanctions",
                Map.of("action", "mute", "reason", "cooling off", "duration_minutes", 30), admin.token()).expect(201).body();

        assertThat(Instant.parse(mute.path("until").asString())).isEqualTo(start.plus(Duration.ofMinutes(30)));
        String standing = "/api/v1/moderation/users/" + user.id() + "/standing";
        assertThat(api.get(standing, user.token()).expect(200).text("status")).isEqualTo("muted");
        clock.advance(Duration.ofMinutes(29));
        assertThat(api.get(standing, user.token()).expect(200).text("status")).isEqualTo("muted");
        clock.advance(Duration.ofMinutes(2));
        // Once a mute has run out the user may write again, with the mute on record as a warning.
        assertThat(api.get(standing, user.token()).expect(200).text("status")).isEqualTo("warned");
    }
}
