package com.linkwithmentor.lecture.enrollment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface EnrollmentRepository extends JpaRepository<Enrollment, UUID> {

    /** The live (pending or enrolled) enrollment of a mentee in a course, if any. */
    @Query("select e from Enrollment e where e.courseId = :courseId and e.menteeId = :menteeId and e.status <> :cancelled")
    Optional<Enrollment> live(UUID courseId, UUID menteeId, EnrollmentStatus cancelled);

    default Optional<Enrollment> live(UUID courseId, UUID menteeId) {
        return live(courseId, menteeId, EnrollmentStatus.CANCELLED);
    }

    @Query("select e from Enrollment e where e.courseId = :courseId and e.menteeId = :menteeId order by e.createdAt desc")
    List<Enrollment> history(UUID courseId, UUID menteeId);

    List<Enrollment> findByCourseId(UUID courseId);

    default boolean isEnrolled(UUID courseId, UUID menteeId) {
        return live(courseId, menteeId).filter(Enrollment::isEnrolled).isPresent();
    }
}
