package com.linkwithmentor.meeting.whiteboard;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a whiteboard client sends on {@code /ws/whiteboard}, each a JSON object whose {@code type}
 * names it. An unknown type never reaches the board: the socket layer answers it with {@code bad_frame}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = BoardFrame.Ops.class, name = "ops"),
        @JsonSubTypes.Type(value = BoardFrame.Sync.class, name = "sync") })
sealed interface BoardFrame {

    /** A batch of element operations (the REST shape); answered with an {@code ack} naming {@code client_batch_id}. */
    record Ops(@NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._:-]+",
            message = "may contain only letters, digits, '.', '_', ':' and '-'") String clientBatchId,
            @NotNull @Size(min = 1, max = 1000) List<BoardOps.@NotNull @Valid OpInput> ops) implements BoardFrame {
    }

    /** "I missed something": answered with a fresh {@code snapshot}. */
    record Sync() implements BoardFrame {
    }
}
