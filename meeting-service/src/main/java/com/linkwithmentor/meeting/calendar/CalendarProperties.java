package com.linkwithmentor.meeting.calendar;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where feed links point (the public edge), how far back a feed reaches, and how many events it holds. */
@ConfigurationProperties("lwm.meeting.calendar")
public record CalendarProperties(@DefaultValue("http://localhost:8080") URI publicBaseUrl, @DefaultValue("90") int pastDays,
        @DefaultValue("1000") int maxEvents) {
}
