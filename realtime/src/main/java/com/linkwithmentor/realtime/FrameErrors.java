package com.linkwithmentor.realtime;

import java.time.Clock;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The frames the layer itself answers with: {@code error} ({@code code}, {@code message},
 * optional {@code details} and {@code in_reply_to}, plus the request's ids the endpoint names as
 * references) and {@code pong}. The message is always ours: nothing the client sent is echoed
 * unless it is a known frame type or an id-like reference.
 */
final class FrameErrors {

    private final JsonMapper json;

    private final Clock clock;

    FrameErrors(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    ObjectNode error(String code, String message, @Nullable Object details, @Nullable String inReplyTo,
            Map<String, String> references) {
        ObjectNode frame = json.createObjectNode();
        frame.put("type", "error");
        frame.put("code", code);
        frame.put("message", message);
        if (details != null) {
            frame.set("details", json.valueToTree(details));
        }
        if (inReplyTo != null) {
            frame.put("in_reply_to", inReplyTo);
        }
        references.forEach(frame::put);
        return frame;
    }

    ObjectNode badFrame(String message) {
        return error("bad_frame", message, null, null, Map.of());
    }

    ObjectNode rateLimited(long retryAfterMillis) {
        return error("rate_limited", "Too many frames; slow down", Map.of("retry_after_ms", retryAfterMillis), null,
                Map.of());
    }

    ObjectNode pong() {
        ObjectNode frame = json.createObjectNode();
        frame.put("type", "pong");
        frame.put("at", clock.instant().toString());
        return frame;
    }
}
