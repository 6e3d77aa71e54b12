package com.linkwithmentor.lecture.progress;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.lecture.course.Course;
import com.linkwithmentor.lecture.course.CourseRepository;
import com.linkwithmentor.lecture.course.Lecture;
import com.linkwithmentor.lecture.course.LectureRepository;
import com.linkwithmentor.lecture.enrollment.EnrollmentRepository;
import com.linkwithmentor.lecture.enrollment.EnrollmentStatus;
import com.linkwithmentor.lecture.enrollment.WatchAccess;

/**
 * The player reports every few seconds ({@code PUT .../progress}); the viewer reads their course
 * progress; the course's mentor reads enrollments, average completion and drop-off by lecture.
 */
@RestController
class ProgressController {

    private final WatchAccess access;

    private final ProgressStore store;

    private final LectureRepository lectures;

    private final CourseRepository courses;

    private final EnrollmentRepository enrollments;

    private final ProgressProperties properties;

    private final TransactionTemplate transactions;

    private final Clock clock;

    ProgressController(WatchAccess access, ProgressStore store, LectureRepository lectures, CourseRepository courses,
            EnrollmentRepository enrollments, ProgressProperties properties, PlatformTransactionManager transactionManager,
            Clock clock) {
        this.access = access;
        this.store = store;
        this.lectures = lectures;
        this.courses = courses;
        this.enrollments = enrollments;
        this.properties = properties;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Where the player is, and the spans played since the last report (seconds, [from, to]). */
    record ProgressRequest(
            @NotNull @DecimalMin("0") @DecimalMax("86400") Double positionSeconds,
            @Nullable @Size(max = 1000) List<@NotNull @Size(min = 2, max = 2, message = "must be [from, to]")
                    List<@NotNull @DecimalMin("0") @DecimalMax("86400") Double>> watched) {
    }

    record LectureProgress(UUID lectureId, BigDecimal positionSeconds, BigDecimal watchedSeconds, int watchedPercent,
            boolean completed, @Nullable Instant completedAt, @Nullable BigDecimal durationSeconds) {
    }

    record CourseProgress(UUID courseId, int completionPercent, int completedLectures, int totalLectures,
            List<LectureProgress> lectures) {
    }

    record LectureStats(UUID lectureId, String title, int position, int started, int completed, int completionRatePercent,
            int dropOff) {
    }

    record Analytics(UUID courseId, Map<String, Long> enrollments, int averageCompletionPercent, List<LectureStats> lectures) {
    }

    @PutMapping("/api/v1/lectures/{lecture_id}/progress")
    LectureProgress report(@PathVariable("lecture_id") UUID lectureId, @Valid @RequestBody ProgressRequest request,
            CurrentUser caller) {
        WatchAccess.Watchable watchable = access.require(lectureId, caller);
        Lecture lecture = watchable.lecture();
        if (lecture.durationMs() == null || lecture.durationMs() == 0) {
            throw ApiException.conflict("The lecture is not ready to play yet");
        }
        double duration = lecture.durationMs() / 1000.0;
        List<double[]> spans = new ArrayList<>();
        if (request.watched() != null) {
            for (List<Double> pair : request.watched()) {
                if (pair.get(0) > pair.get(1)) {
                    throw ApiException.badRequest("watched", "Each watched span is [from, to] with from <= to");
                }
                spans.add(new double[] { pair.get(0), pair.get(1) });
            }
        }
        Instant now = clock.instant();
        ProgressStore.Row saved = transactions.execute(status -> {
            ProgressStore.Row previous = store.lock(caller.id(), lectureId).orElse(null);
            Intervals before = previous != null ? previous.watched() : Intervals.NONE;
            // No more newly watched time than has passed since the last report (at the fastest rate), plus slack.
            Duration since = previous != null ? Duration.between(previous.updatedAt(), now) : Duration.ZERO;
            double budget = Math.max(0, since.toMillis() / 1000.0) * properties.maxPlaybackRate()
                    + properties.reportSlack().toMillis() / 1000.0;
            Intervals after = before.withBudget(spans, duration, budget);
            double watched = after.total();
            Instant completedAt = previous != null ? previous.completedAt() : null;
            if (completedAt == null && watched >= duration * properties.completeAtPercent() / 100.0) {
                completedAt = now;
            }
            ProgressStore.Row row = new ProgressStore.Row(caller.id(), lectureId, Math.min(request.positionSeconds(), duration),
                    after, watched, completedAt, now);
            store.save(lecture.courseId(), row);
            return row;
        });
        return view(saved, lecture);
    }

    @GetMapping("/api/v1/courses/{course_id}/progress")
    CourseProgress course(@PathVariable("course_id") UUID courseId, CurrentUser caller) {
        Course course = courses.findById(courseId).filter(c -> c.isVisible() || c.isOwnedBy(caller.id()))
            .orElseThrow(() -> ApiException.notFound("Course"));
        if (!course.isOwnedBy(caller.id()) && enrollments.live(courseId, caller.id()).isEmpty()) {
            throw ApiException.notFound("Progress");
        }
        List<Lecture> ready = lectures.inCourse(courseId).stream().filter(l -> l.durationMs() != null && l.durationMs() > 0)
            .toList();
        Map<UUID, ProgressStore.Row> rows = new HashMap<>();
        store.ofUser(caller.id(), courseId).forEach(r -> rows.put(r.lectureId(), r));
        List<LectureProgress> views = new ArrayList<>();
        int completed = 0;
        for (Lecture lecture : ready) {
            ProgressStore.Row row = rows.get(lecture.lectureId());
            if (row != null) {
                views.add(view(row, lecture));
                completed += row.completedAt() != null ? 1 : 0;
            }
            else {
                views.add(new LectureProgress(lecture.lectureId(), BigDecimal.ZERO, BigDecimal.ZERO, 0, false, null,
                        seconds(lecture.durationMs() / 1000.0)));
            }
        }
        return new CourseProgress(courseId, completion(ready, rows), completed, ready.size(), views);
    }

    @GetMapping("/api/v1/courses/{course_id}/analytics")
    Analytics analytics(@PathVariable("course_id") UUID courseId, CurrentUser caller) {
        caller.requireActiveRole(Role.MENTOR);
        Course course = courses.findById(courseId).orElseThrow(() -> ApiException.notFound("Course"))
            .requireOwner(caller.id());
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (EnrollmentStatus status : EnrollmentStatus.values()) {
            counts.put(status.name().toLowerCase(java.util.Locale.ROOT), 0L);
        }
        enrollments.findByCourseId(courseId).forEach(e ->
                counts.merge(e.status().name().toLowerCase(java.util.Locale.ROOT), 1L, Long::sum));
        long enrolled = counts.get("enrolled");
        List<Lecture> ready = lectures.inCourse(course.courseId()).stream()
            .filter(l -> l.durationMs() != null && l.durationMs() > 0).toList();
        Map<UUID, Map<UUID, ProgressStore.Row>> byUser = new HashMap<>();
        for (ProgressStore.Row row : store.ofEnrolled(courseId)) {
            byUser.computeIfAbsent(row.userId(), u -> new HashMap<>()).put(row.lectureId(), row);
        }
        long sum = 0;
        for (Map<UUID, ProgressStore.Row> rows : byUser.values()) {
            sum += completion(ready, rows);
        }
        int average = enrolled == 0 ? 0 : (int) Math.round((double) sum / enrolled);
        List<LectureStats> stats = new ArrayList<>();
        long previousStarted = enrolled;
        for (Lecture lecture : ready) {
            int started = 0;
            int done = 0;
            for (Map<UUID, ProgressStore.Row> rows : byUser.values()) {
                ProgressStore.Row row = rows.get(lecture.lectureId());
                if (row != null && row.watchedSeconds() > 0) {
                    started++;
                    done += row.completedAt() != null ? 1 : 0;
                }
            }
            stats.add(new LectureStats(lecture.lectureId(), lecture.title(), lecture.position(), started, done,
                    enrolled == 0 ? 0 : (int) Math.round(100.0 * done / enrolled), (int) Math.max(0, previousStarted - started)));
            previousStarted = started;
        }
        return new Analytics(courseId, counts, average, stats);
    }

    /** A course's completion: each lecture's watched share (1 once complete), weighted by its length. */
    private int completion(List<Lecture> ready, Map<UUID, ProgressStore.Row> rows) {
        double total = 0;
        double credited = 0;
        for (Lecture lecture : ready) {
            double duration = lecture.durationMs() / 1000.0;
            total += duration;
            ProgressStore.Row row = rows.get(lecture.lectureId());
            if (row != null) {
                credited += row.completedAt() != null ? duration : Math.min(duration, row.watchedSeconds());
            }
        }
        return total == 0 ? 0 : (int) Math.floor(100 * credited / total);
    }

    private LectureProgress view(ProgressStore.Row row, Lecture lecture) {
        double duration = lecture.durationMs() / 1000.0;
        return new LectureProgress(row.lectureId(), seconds(row.positionSeconds()), seconds(row.watchedSeconds()),
                (int) Math.floor(100 * Math.min(1, row.watchedSeconds() / duration)), row.completedAt() != null,
                row.completedAt(), seconds(duration));
    }

    private static BigDecimal seconds(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP);
    }
}
