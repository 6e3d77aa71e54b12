package com.linkwithmentor.lecture.course;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.events.OutboxWriter;
import com.linkwithmentor.storage.BlobStore;
import com.linkwithmentor.lecture.moderation.TextModeration;

/**
 * Changes to courses and lectures that have rules beyond one entity: text shown to others passes
 * moderation first (outside any transaction: a slow verdict holds no connection), then the change
 * is applied in one transaction against the version that was checked, with its event.
 */
@Service
public class CourseService {

    private final CourseRepository courses;

    private final LectureRepository lectures;

    private final TextModeration moderation;

    private final OutboxWriter outbox;

    private final TransactionTemplate transactions;

    private final JdbcClient jdbc;

    private final BlobStore blobs;

    private final Clock clock;

    CourseService(CourseRepository courses, LectureRepository lectures, TextModeration moderation, OutboxWriter outbox,
            PlatformTransactionManager transactionManager, JdbcClient jdbc, BlobStore blobs, Clock clock) {
        this.courses = courses;
        this.lectures = lectures;
        this.moderation = moderation;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.clock = clock;
    }

    record CourseChange(String title, String description, @Nullable Money price, Visibility visibility) {
    }

    record LectureChange(String title, String description, @Nullable Integer position, boolean freePreview) {
    }

    /** A course (draft unless asked otherwise, and then only once its text passes). */
    Course create(UUID mentorId, String bearer, CourseChange change) {
        Course course = Course.draft(mentorId, change.title(), change.description(), change.price(), clock.instant());
        if (change.visibility() != Visibility.DRAFT) {
            moderation.requirePublishable(mentorId, bearer, texts(course, List.of()));
        }
        return transactions.execute(status -> {
            if (change.visibility() != Visibility.DRAFT && course.show(change.visibility(), clock.instant())) {
                courses.save(course);
                CourseEvents.published(outbox, course);
                return course;
            }
            return courses.save(course);
        });
    }

    Course update(UUID courseId, UUID mentorId, String bearer, CourseChange change) {
        Course current = find(courseId, mentorId);
        boolean visibleAfter = change.visibility() != Visibility.DRAFT;
        boolean textChanged = !current.title().equals(change.title().strip())
                || !current.description().equals(change.description().strip());
        if (visibleAfter && (textChanged || !current.isVisible())) {
            Course preview = Course.draft(mentorId, change.title(), change.description(), change.price(), clock.instant());
            List<TextModeration.Text> texts = new ArrayList<>(List.of(new TextModeration.Text("course:" + courseId,
                    preview.title() + "\n\n" + preview.description())));
            if (!current.isVisible()) {
                // Leaving draft: the lectures' text becomes public too.
                lectures.inCourse(courseId).forEach(l -> texts.add(lectureText(l.lectureId(), l.title(), l.description())));
            }
            moderation.requirePublishable(mentorId, bearer, texts);
        }
        return transactions.execute(status -> {
            Course course = find(courseId, mentorId);
            if (course.updatedAt().isAfter(current.updatedAt())) {
                throw ApiException.conflict("The course changed while this update was checked; read it again and retry");
            }
            course.describe(change.title(), change.description(), change.price(), clock.instant());
            boolean first = course.show(change.visibility(), clock.instant());
            courses.save(course);
            if (first) {
                CourseEvents.published(outbox, course);
            }
            return course;
        });
    }

    /** Deletes a course nobody has enrolled in, with its lectures and their media. */
    void delete(UUID courseId, UUID mentorId) {
        Course course = find(courseId, mentorId);
        List<Lecture> all = lectures.inCourse(courseId);
        transactions.executeWithoutResult(status -> {
            boolean enrolled = jdbc.sql("SELECT EXISTS (SELECT 1 FROM enrollments WHERE course_id = :id)")
                .param("id", courseId).query(Boolean.class).single();
            if (enrolled) {
                throw ApiException.conflict("Mentees have enrolled in this course; set its visibility to draft or unlisted instead");
            }
            courses.delete(course);
        });
        all.forEach(this::deleteMedia);
        if (course.coverKey() != null) {
            blobs.delete(course.coverKey());
        }
    }

    Lecture addLecture(UUID courseId, UUID mentorId, String bearer, LectureChange change) {
        Course course = find(courseId, mentorId);
        UUID lectureId;
        Lecture lecture;
        int position = change.position() != null ? change.position()
                : lectures.inCourse(courseId).stream().mapToInt(Lecture::position).max().orElse(0) + 1;
        if (position > 10_000) {
            throw ApiException.badRequest("position", "A course holds at most 10000 lectures");
        }
        lecture = Lecture.create(course, change.title(), change.description(), position, change.freePreview(), clock.instant());
        lectureId = lecture.lectureId();
        if (course.isVisible()) {
            moderation.requirePublishable(mentorId, bearer, List.of(lectureText(lectureId, lecture.title(), lecture.description())));
        }
        return transactions.execute(status -> {
            if (lectures.countByCourseId(courseId) >= 10_000) {
                throw ApiException.unprocessable("A course holds at most 10000 lectures");
            }
            return lectures.save(lecture);
        });
    }

    Lecture updateLecture(UUID lectureId, UUID mentorId, String bearer, LectureChange change) {
        Lecture current = lectures.findById(lectureId).orElseThrow(() -> ApiException.notFound("Lecture"));
        Course course = find(current.courseId(), mentorId);
        boolean textChanged = !current.title().equals(change.title().strip())
                || !current.description().equals(change.description().strip());
        if (course.isVisible() && textChanged) {
            moderation.requirePublishable(mentorId, bearer, List.of(lectureText(lectureId, change.title().strip(),
                    change.description().strip())));
        }
        return transactions.execute(status -> {
            Lecture lecture = lectures.findById(lectureId).orElseThrow(() -> ApiException.notFound("Lecture"));
            lecture.describe(change.title(), change.description(),
                    change.position() != null ? change.position() : lecture.position(), change.freePreview(), clock.instant());
            return lectures.save(lecture);
        });
    }

    void deleteLecture(UUID lectureId, UUID mentorId) {
        Lecture lecture = lectures.findById(lectureId).orElseThrow(() -> ApiException.notFound("Lecture"));
        find(lecture.courseId(), mentorId);
        transactions.executeWithoutResult(status -> lectures.deleteById(lectureId));
        deleteMedia(lecture);
    }

    Course setCover(UUID courseId, UUID mentorId, String key) {
        return transactions.execute(status -> {
            Course course = find(courseId, mentorId);
            course.cover(key, clock.instant());
            return courses.save(course);
        });
    }

    /** The course, for its mentor; another's draft is a 404, another's visible course a 403. */
    Course find(UUID courseId, UUID mentorId) {
        return courses.findById(courseId).orElseThrow(() -> ApiException.notFound("Course")).requireOwner(mentorId);
    }

    private void deleteMedia(Lecture lecture) {
        blobs.deleteAll("lectures/" + lecture.lectureId() + "/");
    }

    private static List<TextModeration.Text> texts(Course course, List<Lecture> lectures) {
        List<TextModeration.Text> texts = new ArrayList<>();
        texts.add(new TextModeration.Text("course:" + course.courseId(), course.title() + "\n\n" + course.description()));
        lectures.forEach(l -> texts.add(lectureText(l.lectureId(), l.title(), l.description())));
        return texts;
    }

    private static TextModeration.Text lectureText(UUID lectureId, String title, String description) {
        return new TextModeration.Text("lecture:" + lectureId, title + "\n\n" + description);
    }
}
