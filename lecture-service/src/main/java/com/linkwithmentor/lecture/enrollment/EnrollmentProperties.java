package com.linkwithmentor.lecture.enrollment;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The refund rule: within {@code refund-window} of enrolling, while less than {@code refund-max-watched-percent} is watched. */
@ConfigurationProperties("lwm.lectures.enrollment")
public record EnrollmentProperties(
        @DefaultValue("14d") Duration refundWindow,
        @DefaultValue("20") int refundMaxWatchedPercent) {
}
