package com.linkwithmentor.lecture.course;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

public interface LectureRepository extends JpaRepository<Lecture, UUID> {

    @Query("select l from Lecture l where l.courseId = :courseId order by l.position, l.createdAt")
    List<Lecture> inCourse(UUID courseId);

    long countByCourseId(UUID courseId);
}
