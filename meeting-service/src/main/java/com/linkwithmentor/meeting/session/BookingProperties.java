package com.linkwithmentor.meeting.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The timing rules of a session's life: how long an unpaid booking holds its slot, how early it
 * may start, how long the other side is waited for before a no-show may be reported, when a
 * session both joined completes by itself, how long a session nobody started waits, how much
 * notice a reschedule needs and how often one may happen, how large a recurring series may be,
 * and how often the sweeper runs.
 */
@ConfigurationProperties("lwm.meeting.booking")
public record BookingProperties(
        @DefaultValue("15m") Duration paymentHold,
        @DefaultValue("10m") Duration startEarly,
        @DefaultValue("10m") Duration noShowGrace,
        @DefaultValue("15m") Duration autoCompleteAfter,
        @DefaultValue("24h") Duration unstartedTimeout,
        @DefaultValue("24h") Duration rescheduleNotice,
        @DefaultValue("2") int maxReschedules,
        @DefaultValue("26") int maxOccurrences,
        @DefaultValue("183d") Duration maxSeriesSpan,
        @DefaultValue("15s") Duration sweepInterval,
        @DefaultValue("100") int sweepBatch) {
}
