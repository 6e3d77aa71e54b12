package com.linkwithmentor.meeting.availability;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The slot grid (every 30 minutes from a window's start) and the widest range one slots query may ask for. */
@ConfigurationProperties("lwm.meeting.slots")
public record SlotsProperties(@DefaultValue("30m") Duration grid, @DefaultValue("92d") Duration maxRange) {
}
