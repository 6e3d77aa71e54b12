package com.linkwithmentor.moderation.analysis;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;

/**
 * {@code POST /api/v1/moderation/analyze}: who may file content under whose name; the flow itself
 * is {@link AnalysisService}'s.
 */
@RestController
class AnalysisController {

    private final AnalysisService analysis;

    AnalysisController(AnalysisService analysis) {
        this.analysis = analysis;
    }

    @PostMapping("/api/v1/moderation/analyze")
    AnalyzeResponse analyze(@Valid @RequestBody AnalyzeRequest request,
            @RequestParam(name = "include_normalized", defaultValue = "false") boolean includeNormalized,
            CurrentUser caller) {
        // Content is attributed to user_id (strikes, mutes): nobody may file content under someone else's name.
        if (!caller.is(request.userId()) && !caller.isAdmin()) {
            throw ApiException.forbidden("user_id must be your own: content is analysed as its author's");
        }
        return analysis.analyze(request, includeNormalized);
    }
}
