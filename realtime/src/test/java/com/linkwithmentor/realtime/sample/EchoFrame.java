package com.linkwithmentor.realtime.sample;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The sample socket's client frames: the shape every service's frames take. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = EchoFrame.Say.class, name = "say"),
        @JsonSubTypes.Type(value = EchoFrame.Join.class, name = "join"),
        @JsonSubTypes.Type(value = EchoFrame.Shout.class, name = "shout"),
        @JsonSubTypes.Type(value = EchoFrame.Work.class, name = "work"),
        @JsonSubTypes.Type(value = EchoFrame.Tags.class, name = "tags") })
public sealed interface EchoFrame {

    /** Answered with {@code said} carrying the same text. */
    record Say(@NotNull @Size(max = 1000) String text, String requestId) implements EchoFrame {
    }

    /** Joins a room (answered with {@code joined}). */
    record Join(@NotBlank @Size(max = 64) String room) implements EchoFrame {
    }

    /** Publishes {@code shouted} to a room on every instance. */
    record Shout(@NotBlank String room, @NotNull String text, long seq) implements EchoFrame {
    }

    /** Takes {@code millis} of handler time (a slow database call, say). */
    record Work(@PositiveOrZero @Max(5000) long millis) implements EchoFrame {
    }

    /** A list field, to see element errors named. */
    record Tags(@NotNull List<@NotBlank String> tags) implements EchoFrame {
    }
}
