package com.linkwithmentor.moderation.report;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonValue;
import com.linkwithmentor.common.error.ApiException;

/**
 * Everything reported about one target while it is open: the reports of every reporter (one row
 * each, merged on resubmission) and one admin decision for all of them. Once decided, a new
 * report about the same target opens a new case.
 */
public final class ReportCase {

    public enum Status {

        OPEN, ESCALATED, UPHELD, OVERTURNED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final UUID caseId;

    private final TargetType targetType;

    private final String targetId;

    private final UUID reportedUserId;

    private final Instant createdAt;

    private Status status;

    private int priority;

    private int reporterCount;

    private @Nullable UUID decidedBy;

    private @Nullable Instant decidedAt;

    private @Nullable String decisionReason;

    private @Nullable UUID outcomeEventId;

    ReportCase(UUID caseId, TargetType targetType, String targetId, UUID reportedUserId, Status status, int priority,
            int reporterCount, @Nullable UUID decidedBy, @Nullable Instant decidedAt, @Nullable String decisionReason,
            @Nullable UUID outcomeEventId, Instant createdAt) {
        this.caseId = caseId;
        this.targetType = targetType;
        this.targetId = targetId;
        this.reportedUserId = reportedUserId;
        this.status = status;
        this.priority = priority;
        this.reporterCount = reporterCount;
        this.decidedBy = decidedBy;
        this.decidedAt = decidedAt;
        this.decisionReason = decisionReason;
        this.outcomeEventId = outcomeEventId;
        this.createdAt = createdAt;
    }

    /** A new reporter joined the case; more reporters and graver reasons move it up the queue. */
    void addReporter(int reasonPriority) {
        reporterCount++;
        priority = Math.max(priority, reasonPriority) + 1;
    }

    void raisePriority(int reasonPriority) {
        priority = Math.max(priority, reasonPriority);
    }

    public void uphold(UUID admin, String why, UUID outcomeEvent, Instant at) {
        requireOpen();
        outcomeEventId = outcomeEvent;
        decided(Status.UPHELD, admin, why, at);
    }

    public void overturn(UUID admin, String why, Instant at) {
        requireOpen();
        decided(Status.OVERTURNED, admin, why, at);
    }

    public void escalate(UUID admin, String why, Instant at, int priorityBump) {
        if (status == Status.ESCALATED) {
            throw ApiException.conflict("This report is already escalated");
        }
        requireOpen();
        priority += priorityBump;
        decided(Status.ESCALATED, admin, why, at);
    }

    private void requireOpen() {
        if (status == Status.UPHELD || status == Status.OVERTURNED) {
            throw ApiException.conflict("This report has already been decided (" + status.wireName() + ")");
        }
    }

    private void decided(Status next, UUID admin, String why, Instant at) {
        status = next;
        decidedBy = admin;
        decidedAt = at;
        decisionReason = why;
    }

    public UUID caseId() {
        return caseId;
    }

    public TargetType targetType() {
        return targetType;
    }

    public String targetId() {
        return targetId;
    }

    public UUID reportedUserId() {
        return reportedUserId;
    }

    public Status status() {
        return status;
    }

    public int priority() {
        return priority;
    }

    public int reporterCount() {
        return reporterCount;
    }

    public @Nullable UUID decidedBy() {
        return decidedBy;
    }

    public @Nullable Instant decidedAt() {
        return decidedAt;
    }

    public @Nullable String decisionReason() {
        return decisionReason;
    }

    public @Nullable UUID outcomeEventId() {
        return outcomeEventId;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
