package com.linkwithmentor.moderation.analysis;

import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/**
 * Content to judge ({@code POST /api/v1/moderation/analyze}). Text kinds need {@code text}, at most
 * {@value #MAX_TEXT} UTF-16 characters: longer content is split by the caller, since a chat message
 * never comes close and a bound keeps the worst case of every request small. {@code image} needs
 * {@code image_base64} (PNG, JPEG or WebP, at most 5 MB decoded); {@code video} needs
 * {@code storage_key}, a path relative to the media root that lecture-service stores uploads in.
 * Which field a type needs is checked by {@link AnalysisService}, naming the field.
 */
record AnalyzeRequest(
        @NotBlank @Size(max = 200) String contentId,
        @NotNull ContentType contentType,
        @NotNull UUID userId,
        @Nullable @Size(max = AnalyzeRequest.MAX_TEXT,
                message = "must be at most " + AnalyzeRequest.MAX_TEXT + " characters") String text,
        @Nullable @Valid Context context,
        @Nullable @Size(max = AnalyzeRequest.MAX_IMAGE_BASE64,
                message = "must be at most 5 MB once decoded") String imageBase64,
        @Nullable @Size(max = 500) String storageKey) {

    static final int MAX_TEXT = 10_000;

    static final int MAX_IMAGE_BYTES = 5 * 1024 * 1024;

    /** Base64 of {@link #MAX_IMAGE_BYTES}, padded, plus room for line breaks some encoders add. */
    static final int MAX_IMAGE_BASE64 = (MAX_IMAGE_BYTES + 2) / 3 * 4 + 200_000;

    /** Where the content was posted; kept with any resulting event for reviewers. */
    record Context(@Nullable UUID conversationId, @Nullable UUID recipientId, @Nullable UUID sessionId,
            @Nullable @Size(max = 200) String parentContentId) {
    }
}
