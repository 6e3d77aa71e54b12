package com.linkwithmentor.moderation.analysis;

import jakarta.validation.Valid;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.Caller;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.RequireScope;

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

    /**
     * Users analyse their own content; services of the fleet (scope {@code moderation:analyze}, e.g.
     * chat re-checking a message delivered while moderation was down, lecture-service a cover or a
     * lecture video) analyse content on its author's behalf, so {@code user_id} names the author
     * rather than the caller.
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
        return analysis.analyze(request, includeNormalized);
    }
}
