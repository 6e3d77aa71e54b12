package com.linkwithmentor.moderation.report;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.moderation.policy.Category;

/**
 * Reporting a message, user, session or lecture. A reporter sees their own report and what came
 * of it, never who else reported or how many did.
 */
@RestController
class ReportController {

    private final ReportService reports;

    ReportController(ReportService reports) {
        this.reports = reports;
    }

    /**
     * {@code reported_user_id} is whose content it is (the sender, the other participant, the
     * lecturer); for a user report it is the user, and {@code target_id} may stand for it.
     */
    record ReportRequest(@NotNull TargetType targetType, @NotBlank @Size(max = 200) String targetId,
            @Nullable UUID reportedUserId, @NotBlank @Size(max = 40) String reason,
            @Nullable @Size(max = 2000) String details) {
    }

    /** The reporter's view: their report and its outcome (pending, action_taken, no_action). */
    record ReportView(UUID reportId, TargetType targetType, String targetId, UUID reportedUserId, Category reason,
            @Nullable String details, int submissions, String outcome, boolean merged, Instant createdAt,
            Instant updatedAt) {

        static ReportView of(Report report, ReportCase reportCase, boolean merged) {
            String outcome = switch (reportCase.status()) {
                case OPEN, ESCALATED -> "pending";
                case UPHELD -> "action_taken";
                case OVERTURNED -> "no_action";
            };
            return new ReportView(report.reportId(), reportCase.targetType(), reportCase.targetId(),
                    reportCase.reportedUserId(), report.reason(), report.details(), report.submissions(), outcome, merged,
                    report.createdAt(), report.updatedAt());
        }
    }

    @PostMapping("/api/v1/moderation/report")
    ResponseEntity<ReportView> report(@Valid @RequestBody ReportRequest request, CurrentUser caller) {
        String targetId = request.targetId().strip();
        UUID reported = reportedUser(request, targetId);
        if (reported.equals(caller.id())) {
            throw ApiException.unprocessable("You cannot report yourself");
        }
        Category reason = reason(request.reason());
        String details = request.details() == null || request.details().isBlank() ? null : request.details().strip();
        ReportService.Filed filed = reports.file(caller.id(), request.targetType(), targetId, reported, reason, details);
        ReportView view = ReportView.of(filed.report(), filed.reportCase(), filed.merged());
        if (filed.merged()) {
            return ResponseEntity.ok(view);
        }
        return ResponseEntity.created(URI.create("/api/v1/moderation/reports/" + filed.report().reportId())).body(view);
    }

    @GetMapping("/api/v1/moderation/reports/{report_id}")
    ReportView read(@PathVariable("report_id") UUID reportId, CurrentUser caller) {
        Report report = reports.get(reportId);
        if (!report.reporterId().equals(caller.id()) && !caller.isAdmin()) {
            // Someone else's report does not exist as far as this caller can tell.
            throw ApiException.notFound("Report");
        }
        return ReportView.of(report, reports.caseOf(report), false);
    }

    private static UUID reportedUser(ReportRequest request, String targetId) {
        if (request.targetType() == TargetType.USER) {
            UUID user;
            try {
                user = UUID.fromString(targetId);
            }
            catch (IllegalArgumentException ex) {
                throw ApiException.badRequest("target_id", "For a user report, target_id must be the user's id");
            }
            if (request.reportedUserId() != null && !request.reportedUserId().equals(user)) {
                throw ApiException.badRequest("reported_user_id", "For a user report, reported_user_id must equal target_id");
            }
            return user;
        }
        if (request.reportedUserId() == null) {
            throw ApiException.badRequest("reported_user_id",
                    "reported_user_id is required: whose " + request.targetType().wireName() + " is it?");
        }
        return request.reportedUserId();
    }

    private static Category reason(String value) {
        for (Category category : Category.values()) {
            if (category.wireName().equals(value)) {
                return category;
            }
        }
        throw ApiException.badRequest("reason", "Unknown reason '" + value + "'; expected one of " + Category.names());
    }
}
