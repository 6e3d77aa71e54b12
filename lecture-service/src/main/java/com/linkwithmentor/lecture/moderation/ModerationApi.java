package com.linkwithmentor.lecture.moderation;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.PostExchange;

import tools.jackson.databind.JsonNode;

/** moderation-service's analyze and report endpoints, as an HTTP interface client. */
interface ModerationApi {

    @PostExchange("/api/v1/moderation/analyze")
    AnalyzeResponse analyze(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
            @RequestBody AnalyzeRequest request);

    @PostExchange("/api/v1/moderation/report")
    JsonNode report(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization, @RequestBody ReportRequest request);

    record AnalyzeRequest(String contentId, String contentType, UUID userId, String text) {
    }

    record AnalyzeResponse(@Nullable String decision, @Nullable String severity, @Nullable List<JsonNode> categories) {
    }

    record ReportRequest(String targetType, String targetId, UUID reportedUserId, String reason, @Nullable String details) {
    }
}
