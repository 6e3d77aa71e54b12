package com.linkwithmentor.chat.realtime;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** The frames a client sends, each a JSON object whose {@code type} names it. */
final class ClientFrames {

    private ClientFrames() {
    }

    /** The design's SendMessage. {@code client_msg_id} is the client's own id: resending it is safe. */
    record Send(@NotNull UUID conversationId,
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+",
                    message = "may contain only letters, digits, '.', '_', ':' and '-'") String clientMsgId,
            @NotNull String content) {
    }

    record Edit(@NotNull UUID messageId, @NotNull String content) {
    }

    record Delete(@NotNull UUID messageId) {
    }

    /** The design's TypingIndicator. */
    record Typing(@NotNull UUID conversationId, @NotNull Boolean isTyping) {
    }

    /** A read receipt: everything up to {@code seq} has been read. */
    record Read(@NotNull UUID conversationId, @NotNull @PositiveOrZero Long seq) {
    }

    /** "I have everything up to {@code last_seq}; send me the rest, in order." */
    record Resume(@NotNull UUID conversationId, @NotNull @PositiveOrZero Long lastSeq) {
    }

    /** The client's own presence: online, or away (e.g. its window is hidden). */
    record PresenceUpdate(@NotNull @Pattern(regexp = "online|away", message = "must be online or away") String status) {
    }
}
