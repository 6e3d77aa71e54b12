package com.linkwithmentor.moderation.report;

import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.moderation.enforcement.BehaviourTracker;
import com.linkwithmentor.moderation.enforcement.Enforcement;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Policy;
import com.linkwithmentor.moderation.policy.PolicyStore;
import com.linkwithmentor.moderation.policy.Severity;

/**
 * Filing reports: one open case per target, one report per reporter in it (a second report from
 * the same person updates the first), and a count in Redis of how many different people reported
 * a user, which puts the user in the review queue when it reaches the policy's threshold.
 */
@Service
class ReportService {

    private final ReportRepository reports;

    private final PolicyStore policies;

    private final BehaviourTracker behaviour;

    private final Enforcement enforcement;

    ReportService(ReportRepository reports, PolicyStore policies, BehaviourTracker behaviour, Enforcement enforcement) {
        this.reports = reports;
        this.policies = policies;
        this.behaviour = behaviour;
        this.enforcement = enforcement;
    }

    record Filed(Report report, ReportCase reportCase, boolean merged) {
    }

    @Transactional
    Filed file(UUID reporterId, TargetType type, String targetId, UUID reportedUserId, Category reason,
            @Nullable String details) {
        Policy policy = policies.current();
        ReportCase reportCase = reports.openCase(type, targetId, reportedUserId);
        int reasonPriority = policy.priorityFor(reason, Severity.MEDIUM);
        Report existing = reports.findReport(reportCase.caseId(), reporterId).orElse(null);
        if (existing != null) {
            reportCase.raisePriority(reasonPriority);
            reports.updateCase(reportCase);
            return new Filed(reports.resubmit(existing, reason, details), reportCase, true);
        }
        Report report = reports.insertReport(reportCase.caseId(), reporterId, reason, details);
        reportCase.addReporter(reasonPriority);
        reports.updateCase(reportCase);
        Policy.ReportsReceived rule = policy.behaviour().reportsReceived();
        long reporters = behaviour.reportReceived(reportCase.reportedUserId(), reporterId, rule);
        if (reporters == rule.distinctReporters()) {
            enforcement.flagReportedUser(policy, reportCase.reportedUserId(), List.of(reason), reporters);
        }
        return new Filed(report, reportCase, false);
    }

    Report get(UUID reportId) {
        return reports.findReport(reportId).orElseThrow(() -> ApiException.notFound("Report"));
    }

    ReportCase caseOf(Report report) {
        return reports.findCase(report.caseId()).orElseThrow();
    }
}
