package com.linkwithmentor.lecture.course;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.linkwithmentor.lecture.signing.MediaSigner;

/** What clients read about courses and lectures; media URLs are signed for the reader. */
final class CourseViews {

    private CourseViews() {
    }

    record CourseView(UUID courseId, UUID mentorId, String title, String description, @Nullable Money price, boolean free,
            Visibility visibility, @Nullable String coverUrl, int lectureCount, @Nullable BigDecimal totalDurationSeconds,
            @Nullable Instant publishedAt, Instant createdAt, Instant updatedAt) {
    }

    record CourseDetail(UUID courseId, UUID mentorId, String title, String description, @Nullable Money price, boolean free,
            Visibility visibility, @Nullable String coverUrl, @Nullable Instant publishedAt, Instant createdAt,
            Instant updatedAt, List<LectureView> lectures) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LectureView(UUID lectureId, UUID courseId, String title, String description, int position, boolean freePreview,
            LectureStatus status, int progressPercent, @Nullable BigDecimal durationSeconds, List<RenditionView> renditions,
            @Nullable String thumbnailUrl, @Nullable String failureReason, Instant createdAt, Instant updatedAt) {
    }

    record RenditionView(int height, int width, int bandwidth) {
    }

    static CourseView course(Course course, List<Lecture> lectures, UUID viewer, MediaSigner signer) {
        long totalMs = lectures.stream().filter(l -> l.durationMs() != null).mapToLong(Lecture::durationMs).sum();
        int count = (int) lectures.stream().filter(l -> course.isOwnedBy(viewer) || l.isPlayable()).count();
        return new CourseView(course.courseId(), course.mentorId(), course.title(), course.description(), course.price(),
                course.isFree(), course.visibility(), cover(course, viewer, signer), count,
                totalMs > 0 ? seconds(totalMs) : null, course.publishedAt(), course.createdAt(), course.updatedAt());
    }

    static CourseDetail detail(Course course, List<Lecture> lectures, UUID viewer, MediaSigner signer) {
        boolean owner = course.isOwnedBy(viewer);
        List<LectureView> visible = lectures.stream().filter(l -> owner || l.isPlayable())
            .map(l -> lecture(l, owner, viewer, signer)).toList();
        return new CourseDetail(course.courseId(), course.mentorId(), course.title(), course.description(), course.price(),
                course.isFree(), course.visibility(), cover(course, viewer, signer), course.publishedAt(),
                course.createdAt(), course.updatedAt(), visible);
    }

    static LectureView lecture(Lecture lecture, boolean owner, UUID viewer, MediaSigner signer) {
        String thumbnail = lecture.thumbnailKey() != null
                ? signer.sign(MediaSigner.MEDIA_ROOT + lecture.thumbnailKey(), viewer).url() : null;
        return new LectureView(lecture.lectureId(), lecture.courseId(), lecture.title(), lecture.description(),
                lecture.position(), lecture.freePreview(), lecture.status(), lecture.progressPercent(),
                lecture.durationMs() != null ? seconds(lecture.durationMs()) : null,
                lecture.renditions().stream().map(r -> new RenditionView(r.height(), r.width(), r.bandwidth())).toList(),
                thumbnail, owner ? lecture.failureReason() : null, lecture.createdAt(), lecture.updatedAt());
    }

    private static @Nullable String cover(Course course, UUID viewer, MediaSigner signer) {
        return course.coverKey() != null ? signer.sign(MediaSigner.MEDIA_ROOT + course.coverKey(), viewer).url() : null;
    }

    static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(1000), 3, RoundingMode.HALF_UP);
    }
}
