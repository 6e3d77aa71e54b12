package com.linkwithmentor.meeting;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Availability, booking without double booking, the life of a session, recurrence, calendars,
 * whiteboard, notes and materials. See {@code docs/architecture.md} for how it fits the fleet.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MeetingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(MeetingServiceApplication.class, args);
    }

    /** Every "now" of the domain (holds, notice, windows, sweeps) comes from here, so tests can move it. */
    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }
}
