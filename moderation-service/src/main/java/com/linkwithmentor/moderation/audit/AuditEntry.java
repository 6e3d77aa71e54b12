package com.linkwithmentor.moderation.audit;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/** One admin action as recorded: who, what, on what, why, and the request it came from. */
public record AuditEntry(long auditId, UUID adminId, String action, String targetType, String targetId,
        @Nullable String reason, @Nullable JsonNode details, @Nullable String requestId, Instant createdAt) {
}
