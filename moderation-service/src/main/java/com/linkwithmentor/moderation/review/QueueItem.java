package com.linkwithmentor.moderation.review;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.linkwithmentor.moderation.event.Match;
import com.linkwithmentor.moderation.event.ModerationAction;
import com.linkwithmentor.moderation.event.ModerationEvent;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Severity;
import com.linkwithmentor.moderation.report.Report;
import com.linkwithmentor.moderation.report.ReportCase;

/**
 * One item waiting for an admin: flagged content ({@code kind = content}, an event id) or a report
 * case ({@code kind = report}, every report in it, reporters included: admins may see them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record QueueItem(String kind, UUID itemId, int priority, String status, Instant createdAt, UUID userId,
        @Nullable String contentId, @Nullable String contentType, @Nullable Severity severity, List<Category> categories,
        @Nullable ModerationAction actionTaken, @Nullable String reason, @Nullable String text,
        @Nullable List<Match> matches, @Nullable String policyVersion, @Nullable Integer reporterCount,
        @Nullable List<ReportDetail> reports) {

    record ReportDetail(UUID reportId, UUID reporterId, Category reason, @Nullable String details, int submissions,
            Instant createdAt) {
    }

    static QueueItem of(ModerationEvent event) {
        return new QueueItem("content", event.eventId(), event.priority(), event.reviewStatus().wireName(),
                event.createdAt(), event.userId(), event.contentId(), event.contentType(), event.severity(),
                event.policyViolated(), event.action(), event.reason(), event.contentText(), event.matches(),
                event.policyVersion(), null, null);
    }

    static QueueItem of(ReportCase reportCase, List<Report> reports) {
        List<Category> reasons = reports.stream().map(Report::reason).distinct().toList();
        return new QueueItem("report", reportCase.caseId(), reportCase.priority(), reportCase.status().wireName(),
                reportCase.createdAt(), reportCase.reportedUserId(), reportCase.targetId(),
                reportCase.targetType().wireName(), null, reasons, null, null, null, null, null,
                reportCase.reporterCount(), reports.stream().map(report -> new ReportDetail(report.reportId(),
                        report.reporterId(), report.reason(), report.details(), report.submissions(), report.createdAt()))
                    .toList());
    }
}
