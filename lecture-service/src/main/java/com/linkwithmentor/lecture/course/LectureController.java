package com.linkwithmentor.lecture.course;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.lecture.course.CourseViews.LectureView;
import com.linkwithmentor.lecture.moderation.TextModeration;
import com.linkwithmentor.lecture.signing.MediaSigner;
import com.linkwithmentor.lecture.web.PlainText;

import tools.jackson.databind.JsonNode;

/** Lectures of a course: its mentor adds, edits and removes them; whoever may see the course reads the ready ones. */
@RestController
class LectureController {

    private final CourseService service;

    private final CourseRepository courses;

    private final LectureRepository lectures;

    private final MediaSigner signer;

    private final TextModeration moderation;

    LectureController(CourseService service, CourseRepository courses, LectureRepository lectures, MediaSigner signer,
            TextModeration moderation) {
        this.service = service;
        this.courses = courses;
        this.lectures = lectures;
        this.signer = signer;
        this.moderation = moderation;
    }

    /** {@code position} orders lectures (1 first; omitted: after the last); {@code free_preview} lets anyone watch it. */
    record LectureRequest(@NotBlank @Size(max = 200) @PlainText String title,
            @Nullable @Size(max = 5000) @PlainText String description, @Nullable @Min(1) @Max(10000) Integer position,
            @Nullable Boolean freePreview) {

        CourseService.LectureChange change() {
            return new CourseService.LectureChange(title, description != null ? description : "", position,
                    Boolean.TRUE.equals(freePreview));
        }
    }

    /** A report on a lecture's content, filed with moderation-service on the reporter's behalf. */
    record ReportRequest(@NotBlank @Size(max = 40) @Pattern(regexp = "^[a-z_]+$", message = "must be a category name such as spam") String reason,
            @Nullable @Size(max = 2000) @PlainText String details) {
    }

    @PostMapping("/api/v1/courses/{course_id}/lectures")
    ResponseEntity<LectureView> add(@PathVariable("course_id") UUID courseId, @Valid @RequestBody LectureRequest request,
            CurrentUser caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        caller.requireActiveRole(Role.MENTOR);
        Lecture lecture = service.addLecture(courseId, caller.id(), CourseController.bearer(authorization), request.change());
        return ResponseEntity.created(URI.create("/api/v1/lectures/" + lecture.lectureId()))
            .body(CourseViews.lecture(lecture, true, caller.id(), signer));
    }

    @GetMapping("/api/v1/courses/{course_id}/lectures")
    List<LectureView> list(@PathVariable("course_id") UUID courseId, CurrentUser caller) {
        Course course = courses.findById(courseId).filter(c -> c.isOwnedBy(caller.id()) || c.isVisible() || caller.isAdmin())
            .orElseThrow(() -> ApiException.notFound("Course"));
        boolean owner = course.isOwnedBy(caller.id());
        return lectures.inCourse(courseId).stream().filter(l -> owner || l.isPlayable())
            .map(l -> CourseViews.lecture(l, owner, caller.id(), signer)).toList();
    }

    @GetMapping("/api/v1/lectures/{lecture_id}")
    LectureView read(@PathVariable("lecture_id") UUID lectureId, CurrentUser caller) {
        Lecture lecture = lectures.findById(lectureId).orElseThrow(() -> ApiException.notFound("Lecture"));
        Course course = courses.findById(lecture.courseId()).orElseThrow(() -> ApiException.notFound("Lecture"));
        boolean owner = course.isOwnedBy(caller.id());
        if (!owner && !caller.isAdmin() && (!course.isVisible() || !lecture.isPlayable())) {
            throw ApiException.notFound("Lecture");
        }
        return CourseViews.lecture(lecture, owner, caller.id(), signer);
    }

    @PutMapping("/api/v1/lectures/{lecture_id}")
    LectureView update(@PathVariable("lecture_id") UUID lectureId, @Valid @RequestBody LectureRequest request,
            CurrentUser caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        caller.requireActiveRole(Role.MENTOR);
        Lecture lecture = service.updateLecture(lectureId, caller.id(), CourseController.bearer(authorization), request.change());
        return CourseViews.lecture(lecture, true, caller.id(), signer);
    }

    @DeleteMapping("/api/v1/lectures/{lecture_id}")
    ResponseEntity<Void> delete(@PathVariable("lecture_id") UUID lectureId, CurrentUser caller) {
        caller.requireActiveRole(Role.MENTOR);
        service.deleteLecture(lectureId, caller.id());
        return ResponseEntity.noContent().build();
    }

    /**
     * Reports a lecture: moderation-service gets {@code target_type: lecture} with the lecture's
     * mentor as whose content it is (the client cannot name someone else), and its answer comes back as it gave it.
     */
    @PostMapping("/api/v1/lectures/{lecture_id}/report")
    ResponseEntity<JsonNode> report(@PathVariable("lecture_id") UUID lectureId, @Valid @RequestBody ReportRequest request,
            CurrentUser caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        Lecture lecture = lectures.findById(lectureId).orElseThrow(() -> ApiException.notFound("Lecture"));
        Course course = courses.findById(lecture.courseId()).filter(c -> c.isVisible() || c.isOwnedBy(caller.id()))
            .orElseThrow(() -> ApiException.notFound("Lecture"));
        TextModeration.Reply reply = moderation.report(CourseController.bearer(authorization), lectureId, course.mentorId(),
                request.reason(), request.details());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(reply.status());
        if (reply.status() >= 400) {
            response.contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON);
        }
        return response.body(reply.body());
    }
}
