package com.linkwithmentor.meeting.whiteboard;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The board's bounds (live elements, bytes per element and per board), operations per request and
 * per second per person, how often live boards are written back to PostgreSQL, and how long an
 * idle live board stays in Redis.
 */
@ConfigurationProperties("lwm.meeting.whiteboard")
public record WhiteboardProperties(
        @DefaultValue("5000") int maxElements,
        @DefaultValue("16KB") DataSize maxElementBytes,
        @DefaultValue("2MB") DataSize maxBoardBytes,
        @DefaultValue("200") int maxOpsPerBatch,
        @DefaultValue("50") double opsPerSecond,
        @DefaultValue("200") int opsBurst,
        @DefaultValue("3s") Duration writeBackInterval,
        @DefaultValue("24h") Duration liveTtl) {

    Whiteboard.Limits limits() {
        return new Whiteboard.Limits(maxElements, (int) maxElementBytes.toBytes(), maxBoardBytes.toBytes());
    }
}
