package com.linkwithmentor.moderation.analysis;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/**
 * Text to judge ({@code POST /api/v1/moderation/analyze}). {@code text} holds at most
 * {@value #MAX_TEXT} UTF-16 characters: longer content is split by the caller, since a chat message
 * never comes close and a bound keeps the worst case of every request small.
 */
record AnalyzeRequest(
        @NotBlank @Size(max = 200) String contentId,
        @NotNull ContentType contentType,
        @NotNull UUID userId,
        @NotNull @NotBlank(message = "must not be empty") @Size(max = AnalyzeRequest.MAX_TEXT,
                message = "must be at most " + AnalyzeRequest.MAX_TEXT + " characters") String text,
        @Nullable @Valid Context context) {

    static final int MAX_TEXT = 10_000;

    /** Where the content was posted; kept with any resulting event for reviewers. */
    record Context(@Nullable UUID conversationId, @Nullable UUID recipientId, @Nullable UUID sessionId,
            @Nullable @Size(max = 200) String parentContentId) {
    }
}
