package com.linkwithmentor.chat.moderation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.PostExchange;

import tools.jackson.databind.JsonNode;

/** moderation-service's analyze endpoint, as an HTTP interface client. */
interface ModerationApi {

    @PostExchange("/api/v1/moderation/analyze")
    AnalyzeResponse analyze(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RequestBody AnalyzeRequest request);

    record AnalyzeRequest(UUID contentId, String contentType, UUID userId, String text,
            @Nullable Map<String, Object> context) {
    }

    /** Lenient about shapes it does not need: categories may be names or objects naming one. */
    record AnalyzeResponse(@Nullable String decision, @Nullable String severity, @Nullable List<JsonNode> categories,
            @Nullable String policyVersion) {
    }
}
