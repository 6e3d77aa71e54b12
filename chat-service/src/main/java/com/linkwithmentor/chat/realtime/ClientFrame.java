package com.linkwithmentor.chat.realtime;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The frames a chat client sends, each a JSON object whose {@code type} names it. An unknown type
 * never reaches chat: the socket layer answers it with {@code bad_frame}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = ClientFrame.Send.class, name = "send"),
        @JsonSubTypes.Type(value = ClientFrame.Edit.class, name = "edit"),
        @JsonSubTypes.Type(value = ClientFrame.Delete.class, name = "delete"),
        @JsonSubTypes.Type(value = ClientFrame.Typing.class, name = "typing"),
        @JsonSubTypes.Type(value = ClientFrame.Read.class, name = "read"),
        @JsonSubTypes.Type(value = ClientFrame.Resume.class, name = "resume"),
        @JsonSubTypes.Type(value = ClientFrame.PresenceUpdate.class, name = "presence"),
        @JsonSubTypes.Type(value = ClientFrame.Ping.class, name = "ping") })
sealed interface ClientFrame {

    /** The design's SendMessage. {@code client_msg_id} is the client's own id: resending it is safe. */
    record Send(@NotNull UUID conversationId,
            @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+",
                    message = "may contain only letters, digits, '.', '_', ':' and '-'") String clientMsgId,
            @NotNull String content) implements ClientFrame {
    }

    record Edit(@NotNull UUID messageId, @NotNull String content) implements ClientFrame {
    }

    record Delete(@NotNull UUID messageId) implements ClientFrame {
    }

    /** The design's TypingIndicator. */
    record Typing(@NotNull UUID conversationId, @NotNull Boolean isTyping) implements ClientFrame {
    }

    /** A read receipt: everything up to {@code seq} has been read. */
    record Read(@NotNull UUID conversationId, @NotNull @PositiveOrZero Long seq) implements ClientFrame {
    }

    /** "I have everything up to {@code last_seq}; send me the rest, in order." */
    record Resume(@NotNull UUID conversationId, @NotNull @PositiveOrZero Long lastSeq) implements ClientFrame {
    }

    /** The client's own presence: online, or away (e.g. its window is hidden). */
    record PresenceUpdate(@NotNull @Pattern(regexp = "online|away", message = "must be online or away") String status)
            implements ClientFrame {
    }

    /** The heartbeat: answered with {@code pong}, and keeps the sender's presence alive. */
    record Ping() implements ClientFrame {
    }
}
