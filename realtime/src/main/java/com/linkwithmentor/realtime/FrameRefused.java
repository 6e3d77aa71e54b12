package com.linkwithmentor.realtime;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A client frame the layer refuses before the endpoint sees it: answered with an {@code error} frame. */
final class FrameRefused extends RuntimeException {

    private final String code;

    private final @Nullable Map<String, Object> details;

    private final @Nullable String inReplyTo;

    FrameRefused(String code, String message, @Nullable Map<String, Object> details, @Nullable String inReplyTo) {
        super(message, null, false, false);
        this.code = code;
        this.details = details;
        this.inReplyTo = inReplyTo;
    }

    static FrameRefused badFrame(String message, @Nullable Map<String, Object> details) {
        return new FrameRefused("bad_frame", message, details, null);
    }

    static FrameRefused invalid(String field, String message, String inReplyTo) {
        return new FrameRefused("validation_error", message, Map.of("field", field), inReplyTo);
    }

    String code() {
        return code;
    }

    @Nullable Map<String, Object> details() {
        return details;
    }

    @Nullable String inReplyTo() {
        return inReplyTo;
    }
}
