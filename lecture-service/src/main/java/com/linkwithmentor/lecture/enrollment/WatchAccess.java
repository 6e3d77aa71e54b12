package com.linkwithmentor.lecture.enrollment;

import java.util.UUID;

import org.springframework.stereotype.Component;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.lecture.course.Course;
import com.linkwithmentor.lecture.course.CourseRepository;
import com.linkwithmentor.lecture.course.Lecture;
import com.linkwithmentor.lecture.course.LectureRepository;

/**
 * Who may watch a lecture: the course's mentor, a mentee enrolled in it, or anyone who can see the
 * course when the lecture is a free preview (and an admin, for review). Everyone else is told the
 * lecture does not exist, or (when the course is visible to them) that enrolling gives access.
 */
@Component
public class WatchAccess {

    private final LectureRepository lectures;

    private final CourseRepository courses;

    private final EnrollmentRepository enrollments;

    WatchAccess(LectureRepository lectures, CourseRepository courses, EnrollmentRepository enrollments) {
        this.lectures = lectures;
        this.courses = courses;
        this.enrollments = enrollments;
    }

    public record Watchable(Lecture lecture, Course course, boolean owner, boolean enrolled) {
    }

    public Watchable require(UUID lectureId, CurrentUser viewer) {
        Lecture lecture = lectures.findById(lectureId).orElseThrow(() -> ApiException.notFound("Lecture"));
        Course course = courses.findById(lecture.courseId()).orElseThrow(() -> ApiException.notFound("Lecture"));
        boolean owner = course.isOwnedBy(viewer.id());
        if (owner || viewer.isAdmin()) {
            return new Watchable(lecture, course, owner, false);
        }
        if (!course.isVisible()) {
            throw ApiException.notFound("Lecture");
        }
        boolean enrolled = enrollments.isEnrolled(course.courseId(), viewer.id());
        if (enrolled || lecture.freePreview()) {
            return new Watchable(lecture, course, false, enrolled);
        }
        throw ApiException.forbidden("Enroll in the course to watch this lecture");
    }
}
