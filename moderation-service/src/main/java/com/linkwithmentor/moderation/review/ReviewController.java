package com.linkwithmentor.moderation.review;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.common.web.PageCursor;
import com.linkwithmentor.moderation.event.ModerationEvent;
import com.linkwithmentor.moderation.event.ModerationEventRepository;
import com.linkwithmentor.moderation.event.ReviewDecision;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Severity;
import com.linkwithmentor.moderation.report.Report;
import com.linkwithmentor.moderation.report.ReportCase;
import com.linkwithmentor.moderation.report.ReportRepository;

/** The admin review queue (flagged content and open reports) and decisions on it. */
@RestController
@Validated
class ReviewController {

    private final QueueRepository queue;

    private final ModerationEventRepository events;

    private final ReportRepository reports;

    private final ReviewService review;

    ReviewController(QueueRepository queue, ModerationEventRepository events, ReportRepository reports,
            ReviewService review) {
        this.queue = queue;
        this.events = events;
        this.reports = reports;
        this.review = review;
    }

    record QueuePage(List<QueueItem> items, @Nullable String nextCursor) {
    }

    /**
     * {@code severity} and {@code categories} apply to upholding a report (defaults: medium, and
     * the reasons the reporters gave).
     */
    record DecisionRequest(@NotNull ReviewDecision decision, @NotBlank @Size(max = 1000) String reason,
            @Nullable Severity severity, @Nullable @Size(max = 9) List<@NotNull Category> categories) {
    }

    @GetMapping("/api/v1/moderation/admin/queue")
    QueuePage queue(@RequestParam(name = "kind", defaultValue = "all") String kind,
            @RequestParam(name = "status", required = false) @Nullable String status,
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(200) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 300) String cursor,
            CurrentUser caller) {
        caller.requireActiveRole(Role.ADMIN);
        if (!List.of("all", "content", "report").contains(kind)) {
            throw ApiException.badRequest("kind", "kind must be all, content or report");
        }
        List<String> statuses = status == null ? List.of("open", "escalated") : switch (status) {
            case "open", "escalated" -> List.of(status);
            default -> throw ApiException.badRequest("status", "status must be open or escalated");
        };
        QueueRepository.After after = cursor == null ? null : PageCursor.decode(cursor, 3,
                parts -> new QueueRepository.After((int) PageCursor.number(parts[0], 0, Integer.MAX_VALUE),
                        PageCursor.instant(parts[1]), PageCursor.uuid(parts[2])));
        List<QueueRepository.Entry> entries = queue.page(!kind.equals("report"), !kind.equals("content"), statuses, after,
                limit + 1);
        String next = null;
        if (entries.size() > limit) {
            entries = entries.subList(0, limit);
            QueueRepository.Entry last = entries.get(limit - 1);
            next = PageCursor.encode(last.priority(), last.createdAt(), last.itemId());
        }
        return new QueuePage(hydrate(entries), next);
    }

    @PostMapping("/api/v1/moderation/admin/events/{event_id}/decision")
    ReviewService.Decided decideContent(@PathVariable("event_id") UUID eventId,
            @Valid @RequestBody DecisionRequest request, CurrentUser caller) {
        caller.requireActiveRole(Role.ADMIN);
        return review.decideContent(eventId, request.decision(), request.reason().strip(), caller.id());
    }

    @PostMapping("/api/v1/moderation/admin/reports/{case_id}/decision")
    ReviewService.Decided decideReport(@PathVariable("case_id") UUID caseId, @Valid @RequestBody DecisionRequest request,
            CurrentUser caller) {
        caller.requireActiveRole(Role.ADMIN);
        if (request.severity() == Severity.NONE) {
            throw ApiException.badRequest("severity", "severity must be low, medium, high or critical");
        }
        return review.decideReport(caseId, request.decision(), request.reason().strip(), request.severity(),
                request.categories(), caller.id());
    }

    /** Loads the page's events, cases and reports in three queries, keeping the queue's order. */
    private List<QueueItem> hydrate(List<QueueRepository.Entry> entries) {
        List<UUID> eventIds = entries.stream().filter(entry -> entry.kind().equals("content"))
            .map(QueueRepository.Entry::itemId).toList();
        List<UUID> caseIds = entries.stream().filter(entry -> entry.kind().equals("report"))
            .map(QueueRepository.Entry::itemId).toList();
        Map<UUID, ModerationEvent> byEvent = events.findAll(eventIds).stream()
            .collect(Collectors.toMap(ModerationEvent::eventId, Function.identity()));
        Map<UUID, ReportCase> cases = reports.findCases(caseIds).stream()
            .collect(Collectors.toMap(ReportCase::caseId, Function.identity()));
        Map<UUID, List<Report>> byCase = reports.reportsIn(caseIds).stream()
            .collect(Collectors.groupingBy(Report::caseId));
        List<QueueItem> items = new ArrayList<>(entries.size());
        for (QueueRepository.Entry entry : entries) {
            if (entry.kind().equals("content")) {
                ModerationEvent event = byEvent.get(entry.itemId());
                if (event != null) {
                    items.add(QueueItem.of(event));
                }
            }
            else {
                ReportCase reportCase = cases.get(entry.itemId());
                if (reportCase != null) {
                    items.add(QueueItem.of(reportCase, byCase.getOrDefault(entry.itemId(), List.of())));
                }
            }
        }
        return items;
    }
}
