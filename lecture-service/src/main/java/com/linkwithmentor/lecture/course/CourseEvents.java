package com.linkwithmentor.lecture.course;

import java.util.LinkedHashMap;
import java.util.Map;

import com.linkwithmentor.common.events.OutboxWriter;
import com.linkwithmentor.common.events.Streams;

/** The course events on {@code events.lectures}, named as CONTRACTS.md writes them. */
final class CourseEvents {

    private CourseEvents() {
    }

    static void published(OutboxWriter outbox, Course course) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("course_id", course.courseId().toString());
        payload.put("mentor_id", course.mentorId().toString());
        payload.put("title", course.title());
        payload.put("price", course.price());
        outbox.append(Streams.LECTURES, "CoursePublished", course.courseId(), payload);
    }
}
