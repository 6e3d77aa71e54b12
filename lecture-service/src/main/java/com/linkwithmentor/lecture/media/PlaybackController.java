package com.linkwithmentor.lecture.media;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.lecture.course.Lecture;
import com.linkwithmentor.lecture.enrollment.WatchAccess;
import com.linkwithmentor.lecture.signing.MediaSigner;

/** A signed, expiring URL of a lecture's master playlist, for the mentor, an enrolled mentee, or anyone on a free preview. */
@RestController
class PlaybackController {

    private final WatchAccess access;

    private final MediaSigner signer;

    PlaybackController(WatchAccess access, MediaSigner signer) {
        this.access = access;
        this.signer = signer;
    }

    record Playback(UUID lectureId, String url, Instant expiresAt, @Nullable BigDecimal durationSeconds,
            @Nullable String thumbnailUrl, List<Variant> renditions) {
    }

    record Variant(int height, int width, int bandwidth) {
    }

    @GetMapping("/api/v1/lectures/{lecture_id}/playback")
    Playback playback(@PathVariable("lecture_id") UUID lectureId, CurrentUser caller) {
        WatchAccess.Watchable watchable = access.require(lectureId, caller);
        Lecture lecture = watchable.lecture();
        if (!lecture.isPlayable()) {
            throw ApiException.conflict("The lecture is not ready to play yet (status " + lecture.status().name().toLowerCase()
                    + ")");
        }
        MediaSigner.Signed master = signer.sign(MediaSigner.MEDIA_ROOT + lecture.mediaPrefix() + "/master.m3u8", caller.id());
        String thumbnail = lecture.thumbnailKey() != null
                ? signer.sign(MediaSigner.MEDIA_ROOT + lecture.thumbnailKey(), caller.id(), master.expiresAt()) : null;
        BigDecimal duration = lecture.durationMs() != null
                ? BigDecimal.valueOf(lecture.durationMs()).divide(BigDecimal.valueOf(1000), 3, RoundingMode.HALF_UP) : null;
        return new Playback(lectureId, master.url(), master.expiresAt(), duration, thumbnail,
                lecture.renditions().stream().map(r -> new Variant(r.height(), r.width(), r.bandwidth())).toList());
    }
}
