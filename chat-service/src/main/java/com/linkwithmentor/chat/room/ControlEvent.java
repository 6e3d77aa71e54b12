package com.linkwithmentor.chat.room;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An instruction to every open connection of one user, wherever it is: start or stop following a
 * conversation (and show {@code frame}), or close with {@code closeCode} and {@code reason}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ControlEvent(String kind, @Nullable UUID conversationId, @Nullable Object frame,
        @Nullable Integer closeCode, @Nullable String reason) {

    public static final String ATTACH = "attach";

    public static final String DETACH = "detach";

    public static final String CLOSE = "close";

    public static ControlEvent attach(UUID conversationId, Object frame) {
        return new ControlEvent(ATTACH, conversationId, frame, null, null);
    }

    public static ControlEvent detach(UUID conversationId, Object frame) {
        return new ControlEvent(DETACH, conversationId, frame, null, null);
    }

    public static ControlEvent close(int code, String reason) {
        return new ControlEvent(CLOSE, null, null, code, reason);
    }
}
