package com.linkwithmentor.moderation.analysis;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.moderation.enforcement.BehaviourTracker;
import com.linkwithmentor.moderation.enforcement.Enforcement;
import com.linkwithmentor.moderation.event.Match;
import com.linkwithmentor.moderation.event.ModerationEvent;
import com.linkwithmentor.moderation.media.MediaInspector;
import com.linkwithmentor.moderation.policy.Category;
import com.linkwithmentor.moderation.policy.Finding;
import com.linkwithmentor.moderation.policy.HashList;
import com.linkwithmentor.moderation.policy.Policy;
import com.linkwithmentor.moderation.policy.PolicyStore;
import com.linkwithmentor.moderation.policy.Stage;

/**
 * The analysis flow, in the path of every chat message: one policy snapshot per request, the
 * content's findings (text: both stages and, for chat messages, the sender's behaviour in Redis;
 * a picture or each keyframe of a video: its PDQ hash against the policy's list and the text OCR
 * reads in it, through the same text stages), judged once, and when it is flagged or blocked the
 * event and its consequences recorded before the answer goes back. Clean text costs no database
 * work.
 */
@Service
class AnalysisService {

    private final PolicyStore policies;

    private final ContentAnalyzer analyzer;

    private final BehaviourTracker behaviour;

    private final Enforcement enforcement;

    private final MediaInspector media;

    AnalysisService(PolicyStore policies, ContentAnalyzer analyzer, BehaviourTracker behaviour, Enforcement enforcement,
            MediaInspector media) {
        this.policies = policies;
        this.analyzer = analyzer;
        this.behaviour = behaviour;
        this.enforcement = enforcement;
        this.media = media;
    }

    AnalyzeResponse analyze(AnalyzeRequest request, boolean includeNormalized) {
        Policy policy = policies.current();
        return switch (request.contentType().kind()) {
            case TEXT -> text(policy, request, includeNormalized);
            case IMAGE -> picture(policy, request);
            case VIDEO -> video(policy, request);
            case AUDIO -> new AnalyzeResponse(Outcome.UNSUPPORTED, com.linkwithmentor.moderation.policy.Severity.NONE,
                    List.of(), List.of(), null, policy.version(), null, null,
                    List.of(new AnalyzeResponse.Check("audio", "unsupported", "no speech model runs here")), null,
                    "Audio cannot be analysed here: there is no offline speech recognition model, so nothing was "
                            + "checked. Review it by other means.");
        };
    }

    private AnalyzeResponse text(Policy policy, AnalyzeRequest request, boolean includeNormalized) {
        String text = request.text();
        if (text == null || text.isBlank()) {
            throw ApiException.badRequest("text", "text must not be empty for content_type "
                    + request.contentType().wireName());
        }
        rejectOthers(request, "image_base64", request.imageBase64(), "storage_key", request.storageKey());
        ContentAnalyzer.Scan scan = analyzer.scan(policy, text);
        List<Finding> signals = List.of();
        boolean flooding = false;
        if (request.contentType() == ContentType.MESSAGE) {
            BehaviourTracker.MessageSignals observed = behaviour.observeMessage(request.userId(),
                    scan.words().fingerprint(), scan.words().length(), policy.behaviour());
            signals = new ArrayList<>(2);
            if (observed.overRate()) {
                signals.add(Finding.behaviour(Category.SPAM, policy.behaviour().messageRate().severity(),
                        ContentAnalyzer.MESSAGE_RATE));
            }
            if (observed.repeated()) {
                signals.add(Finding.behaviour(Category.SPAM, policy.behaviour().repeatedContent().severity(),
                        ContentAnalyzer.REPEATED_CONTENT));
            }
            flooding = observed.rateJustExceeded();
        }
        Verdict verdict = analyzer.judge(scan, signals, includeNormalized);
        List<Match> matches = verdict.findings().stream()
            .map(finding -> Match.inText(finding.category(), finding.start(), finding.end(), finding.stage()))
            .toList();
        ContentAnalyzer.Judged judged = new ContentAnalyzer.Judged(verdict.decision(), verdict.severity(),
                verdict.categories(), verdict.strikes(), verdict.priority());
        Enforcement.Outcome outcome = record(policy, request, text, judged, matches, signals, flooding);
        return answer(judged, matches, verdict.normalized(), policy, outcome, null, null);
    }

    private AnalyzeResponse picture(Policy policy, AnalyzeRequest request) {
        String encoded = request.imageBase64();
        if (encoded == null || encoded.isBlank()) {
            throw ApiException.badRequest("image_base64", "image_base64 is required for content_type image");
        }
        rejectOthers(request, "text", request.text(), "storage_key", request.storageKey());
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(encoded.strip());
        }
        catch (IllegalArgumentException ex) {
            throw ApiException.badRequest("image_base64", "image_base64 is not valid base64");
        }
        if (bytes.length == 0) {
            throw ApiException.badRequest("image_base64", "image_base64 is empty");
        }
        if (bytes.length > AnalyzeRequest.MAX_IMAGE_BYTES) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "The picture is larger than 5 MB",
                    Map.of("field", "image_base64", "max_bytes", AnalyzeRequest.MAX_IMAGE_BYTES));
        }
        MediaInspector.PictureFacts facts = media.picture(bytes);
        Seen seen = new Seen(policy);
        seen.add(null, facts);
        return judgeSeen(policy, request, seen, List.of(frame(null, null, facts)), facts.ocr());
    }

    private AnalyzeResponse video(Policy policy, AnalyzeRequest request) {
        String key = request.storageKey();
        if (key == null || key.isBlank()) {
            throw ApiException.badRequest("storage_key", "storage_key is required for content_type video");
        }
        rejectOthers(request, "text", request.text(), "image_base64", request.imageBase64());
        MediaInspector.VideoFacts facts = media.video(key);
        Seen seen = new Seen(policy);
        List<AnalyzeResponse.Frame> frames = new ArrayList<>();
        MediaInspector.OcrOutcome ocr = MediaInspector.OcrOutcome.DONE;
        for (MediaInspector.FrameFacts frame : facts.frames()) {
            seen.add(frame.index(), frame.picture());
            frames.add(frame(frame.index(), Double.isNaN(frame.atSeconds()) ? null : frame.atSeconds(), frame.picture()));
            if (!frame.picture().ocr().status().equals("done")) {
                ocr = frame.picture().ocr();
            }
        }
        return judgeSeen(policy, request, seen, frames, ocr);
    }

    /** Everything found in the pictures of one request, each finding with the frame it came from. */
    private final class Seen {

        final Policy policy;

        final List<Finding> findings = new ArrayList<>();

        final List<@Nullable Integer> frameOf = new ArrayList<>();

        final List<String> texts = new ArrayList<>();

        Seen(Policy policy) {
            this.policy = policy;
        }

        void add(@Nullable Integer frame, MediaInspector.PictureFacts facts) {
            HashList.Hit hit = policy.hashes().nearest(facts.hash().bits(), facts.hash().quality());
            if (hit != null) {
                findings.add(new Finding(hit.entry().category(), hit.entry().severity(), -1, -1,
                        "hash:" + hit.distance() + ":" + hit.entry().label(), Stage.HASH));
                frameOf.add(frame);
            }
            if (facts.text() != null && !facts.text().isBlank()) {
                texts.add(facts.text());
                for (Finding finding : analyzer.scan(policy, facts.text()).findings()) {
                    findings.add(finding);
                    frameOf.add(frame);
                }
            }
        }
    }

    private AnalyzeResponse judgeSeen(Policy policy, AnalyzeRequest request, Seen seen, List<AnalyzeResponse.Frame> frames,
            MediaInspector.OcrOutcome ocr) {
        ContentAnalyzer.Judged judged = analyzer.decide(policy, seen.findings);
        List<Match> matches = new ArrayList<>();
        List<@Nullable Integer> frameKeys = seen.frameOf.stream().distinct().toList();
        for (Integer frame : frameKeys) {
            List<Finding> ofFrame = new ArrayList<>();
            for (int i = 0; i < seen.findings.size(); i++) {
                if (java.util.Objects.equals(seen.frameOf.get(i), frame)) {
                    ofFrame.add(seen.findings.get(i));
                }
            }
            for (Finding finding : ofFrame) {
                if (finding.stage() == Stage.HASH && judged.categories().contains(finding.category())) {
                    String[] parts = finding.rule().split(":", 3);
                    matches.add(Match.knownPicture(finding.category(), parts[2], Integer.parseInt(parts[1]), frame));
                }
            }
            for (Finding finding : ContentAnalyzer.located(ofFrame, judged.categories())) {
                matches.add(Match.inPictureText(finding.category(), finding.start(), finding.end(), finding.stage(), frame));
            }
        }
        List<AnalyzeResponse.Check> checks = List.of(new AnalyzeResponse.Check("hash", "done", null),
                new AnalyzeResponse.Check("ocr", ocr.status(), ocr.detail()));
        String evidence = seen.texts.isEmpty() ? null : String.join("\n", seen.texts);
        Enforcement.Outcome outcome = record(policy, request, evidence, judged, matches, List.of(), false);
        return answer(judged, matches, null, policy, outcome, checks, frames);
    }

    private static AnalyzeResponse.Frame frame(@Nullable Integer index, @Nullable Double at,
            MediaInspector.PictureFacts facts) {
        return new AnalyzeResponse.Frame(index, at, facts.width(), facts.height(), facts.hash().hex(),
                facts.hash().quality(), facts.text());
    }

    private Enforcement.@Nullable Outcome record(Policy policy, AnalyzeRequest request, @Nullable String evidence,
            ContentAnalyzer.Judged judged, List<Match> matches, List<Finding> signals, boolean flooding) {
        boolean violates = judged.decision() != com.linkwithmentor.moderation.policy.Decision.ALLOW;
        if (!violates && !flooding) {
            return null;
        }
        Enforcement.ContentViolation violation = violates ? new Enforcement.ContentViolation(
                new Enforcement.Content(request.userId(), request.contentId(), request.contentType().wireName(), evidence,
                        request.context()),
                new Enforcement.Judgement(judged.decision(), judged.severity(), judged.categories(), matches,
                        judged.strikes(), judged.priority(), reason(judged, signals)))
                : null;
        return enforcement.recordAnalysis(policy, request.userId(), violation, flooding);
    }

    private static AnalyzeResponse answer(ContentAnalyzer.Judged judged, List<Match> matches, @Nullable String normalized,
            Policy policy, Enforcement.@Nullable Outcome outcome, @Nullable List<AnalyzeResponse.Check> checks,
            @Nullable List<AnalyzeResponse.Frame> frames) {
        ModerationEvent content = outcome != null ? outcome.content() : null;
        ModerationEvent sanction = outcome != null ? outcome.sanction() : null;
        return new AnalyzeResponse(Outcome.of(judged.decision()), judged.severity(), judged.categories(), matches,
                normalized, policy.version(), content != null ? content.eventId() : null,
                sanction != null ? new AnalyzeResponse.SanctionView(sanction.eventId(), sanction.action(),
                        sanction.until(), sanction.reason()) : null,
                checks, frames, null);
    }

    /** Each content type carries one kind of content: the others are a mistake worth naming. */
    private static void rejectOthers(AnalyzeRequest request, String first, @Nullable String firstValue, String second,
            @Nullable String secondValue) {
        for (var field : List.of(Map.entry(first, firstValue == null ? "" : firstValue),
                Map.entry(second, secondValue == null ? "" : secondValue))) {
            if (!field.getValue().isEmpty()) {
                throw ApiException.badRequest(field.getKey(), field.getKey() + " does not belong to content_type "
                        + request.contentType().wireName());
            }
        }
    }

    private static String reason(ContentAnalyzer.Judged judged, List<Finding> signals) {
        StringBuilder reason = new StringBuilder("Violates ")
            .append(String.join(", ", judged.categories().stream().map(Category::wireName).toList()))
            .append(" (").append(judged.severity().wireName()).append(')');
        for (Finding signal : signals) {
            reason.append(signal.rule().equals(ContentAnalyzer.MESSAGE_RATE) ? "; sent too many messages too fast"
                    : "; sent the same message repeatedly");
        }
        return reason.toString();
    }
}
