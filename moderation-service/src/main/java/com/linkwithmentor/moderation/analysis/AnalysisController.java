package com.linkwithmentor.moderation.analysis;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.Caller;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.RequireScope;
import com.linkwithmentor.moderation.enforcement.BehaviourTracker;
import com.linkwithmentor.moderation.enforcement.Enforcement;
import com.linkwithmentor.moderation.event.Match;
import com.linkwithmentor.moderation.event.ModerationEvent;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Finding;
import com.linkwithmentor.moderation.policy.Policy;
import com.linkwithmentor.moderation.policy.PolicyStore;

/**
 * Real-time analysis, in the path of every chat message: clean content costs no database work
 * (one Redis round trip for chat messages' behaviour counters); content that is flagged or blocked
 * is recorded with its consequences before the answer goes back.
 */
@RestController
class AnalysisController {

    private final PolicyStore policies;

    private final ContentAnalyzer analyzer;

    private final BehaviourTracker behaviour;

    private final Enforcement enforcement;

    AnalysisController(PolicyStore policies, ContentAnalyzer analyzer, BehaviourTracker behaviour,
            Enforcement enforcement) {
        this.policies = policies;
        this.analyzer = analyzer;
        this.behaviour = behaviour;
        this.enforcement = enforcement;
    }

    /**
     * Users analyse their own content; services of the fleet (scope {@code moderation:analyze}, e.g.
     * chat re-checking a message delivered while moderation was down) analyse content on its author's
     * behalf, so {@code user_id} names the author rather than the caller.
     */
    @PostMapping("/api/v1/moderation/analyze")
    @RequireScope(value = "moderation:analyze", users = true)
    AnalyzeResponse analyze(@Valid @RequestBody AnalyzeRequest request,
            @RequestParam(name = "include_normalized", defaultValue = "false") boolean includeNormalized,
            Caller caller) {
        // Content is attributed to user_id (strikes, mutes): nobody may file content under someone else's name.
        if (caller instanceof CurrentUser user && !user.is(request.userId()) && !user.isAdmin()) {
            throw ApiException.forbidden("user_id must be your own: content is analysed as its author's");
        }
        Policy policy = policies.current();
        ContentAnalyzer.Scan scan = analyzer.scan(policy, request.text());
        List<Finding> signals = List.of();
        boolean flooding = false;
        if (request.contentType() == ContentType.MESSAGE) {
            BehaviourTracker.MessageSignals observed = behaviour.observeMessage(request.userId(),
                    scan.words().fingerprint(), scan.words().length(), policy.behaviour());
            signals = new ArrayList<>(2);
            if (observed.overRate()) {
                signals.add(new Finding(Category.SPAM, policy.behaviour().messageRate().severity(), -1, -1, "message_rate"));
            }
            if (observed.repeated()) {
                signals.add(new Finding(Category.SPAM, policy.behaviour().repeatedContent().severity(), -1, -1,
                        "repeated_content"));
            }
            flooding = observed.rateJustExceeded();
        }
        Verdict verdict = analyzer.judge(scan, signals, includeNormalized);
        List<Match> matches = verdict.findings().stream()
            .map(finding -> new Match(finding.category(), finding.start(), finding.end()))
            .toList();

        Enforcement.Outcome outcome = null;
        if (verdict.violates() || flooding) {
            // Flooding is answered by the mute; strikes count what the content itself deserves.
            int strikes = verdict.strikes();
            if (signals.stream().anyMatch(signal -> signal.rule().equals("message_rate"))) {
                strikes = analyzer.judge(scan, signals.stream().filter(signal -> !signal.rule().equals("message_rate"))
                    .toList(), false).strikes();
            }
            Enforcement.ContentViolation violation = verdict.violates()
                    ? new Enforcement.ContentViolation(request.userId(), request.contentId(),
                            request.contentType().wireName(), request.text(), request.context(), verdict.decision(),
                            verdict.severity(), verdict.categories(), matches, strikes, verdict.priority(),
                            reason(verdict, signals))
                    : null;
            outcome = enforcement.recordAnalysis(policy, request.userId(), violation, flooding);
        }
        ModerationEvent content = outcome != null ? outcome.content() : null;
        ModerationEvent sanction = outcome != null ? outcome.sanction() : null;
        return new AnalyzeResponse(verdict.decision(), verdict.severity(), verdict.categories(), matches,
                verdict.normalized(), verdict.policyVersion(), content != null ? content.eventId() : null,
                sanction != null ? new AnalyzeResponse.SanctionView(sanction.eventId(), sanction.action(),
                        sanction.until(), sanction.reason()) : null);
    }

    private static String reason(Verdict verdict, List<Finding> signals) {
        StringBuilder reason = new StringBuilder("Violates ")
            .append(String.join(", ", verdict.categories().stream().map(Category::wireName).toList()))
            .append(" (").append(verdict.severity().wireName()).append(')');
        for (Finding signal : signals) {
            reason.append(signal.rule().equals("message_rate") ? "; sent too many messages too fast"
                    : "; sent the same message repeatedly");
        }
        return reason.toString();
    }
}
