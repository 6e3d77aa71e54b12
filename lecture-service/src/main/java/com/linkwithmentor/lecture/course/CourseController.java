package com.linkwithmentor.lecture.course;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.apache.tika.Tika;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.security.Role;
import com.linkwithmentor.storage.BlobStore;
import com.linkwithmentor.lecture.course.CourseViews.CourseDetail;
import com.linkwithmentor.lecture.course.CourseViews.CourseView;
import com.linkwithmentor.lecture.signing.MediaSigner;
import com.linkwithmentor.lecture.web.PlainText;

/** Courses: a mentor's (active role MENTOR) to create and change; published ones for everyone to browse and search. */
@RestController
class CourseController {

    static final long MAX_COVER_BYTES = 5L * 1024 * 1024;

    private static final Map<String, String> COVER_TYPES = Map.of("image/jpeg", "jpg", "image/png", "png", "image/webp",
            "webp");

    private final CourseService service;

    private final CourseRepository courses;

    private final LectureRepository lectures;

    private final CourseSearch search;

    private final MediaSigner signer;

    private final BlobStore blobs;

    private final java.time.Clock clock;

    private final Tika tika = new Tika();

    CourseController(CourseService service, CourseRepository courses, LectureRepository lectures, CourseSearch search,
            MediaSigner signer, BlobStore blobs, java.time.Clock clock) {
        this.service = service;
        this.courses = courses;
        this.lectures = lectures;
        this.search = search;
        this.signer = signer;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** A course as its mentor writes it; {@code price} null (or 0) is free, {@code visibility} draft unless given. */
    record CourseRequest(@NotBlank @Size(max = 200) @PlainText String title,
            @Nullable @Size(max = 5000) @PlainText String description, @Nullable @Valid Money price,
            @Nullable Visibility visibility) {

        CourseService.CourseChange change() {
            return new CourseService.CourseChange(title, description != null ? description : "", price,
                    visibility != null ? visibility : Visibility.DRAFT);
        }
    }

    record CoursePage(List<CourseView> items, @Nullable String nextCursor) {
    }

    @PostMapping("/api/v1/courses")
    ResponseEntity<CourseView> create(@Valid @RequestBody CourseRequest request, CurrentUser caller,
            @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        caller.requireActiveRole(Role.MENTOR);
        Course course = service.create(caller.id(), bearer(authorization), request.change());
        return ResponseEntity.created(URI.create("/api/v1/courses/" + course.courseId()))
            .body(CourseViews.course(course, List.of(), caller.id(), signer));
    }

    @GetMapping("/api/v1/courses")
    CoursePage browse(@RequestParam(name = "q", required = false) @Nullable @Size(max = 200) @PlainText String q,
            @RequestParam(name = "mentor_id", required = false) @Nullable UUID mentorId,
            @RequestParam(name = "limit", defaultValue = "20") @Min(1) @Max(CourseSearch.MAX_LIMIT) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable @Size(max = 200) String cursor, CurrentUser caller) {
        boolean own = mentorId != null && caller.is(mentorId) && caller.activeRole() == Role.MENTOR;
        CourseSearch.Page page = search.search(new CourseSearch.Criteria(q, mentorId, own, limit, cursor));
        Map<UUID, Course> found = new java.util.HashMap<>();
        courses.findAllById(page.courseIds()).forEach(c -> found.put(c.courseId(), c));
        List<CourseView> items = page.courseIds().stream().filter(found::containsKey)
            .map(id -> CourseViews.course(found.get(id), lectures.inCourse(id), caller.id(), signer)).toList();
        return new CoursePage(items, page.nextCursor());
    }

    @GetMapping("/api/v1/courses/{course_id}")
    CourseDetail read(@PathVariable("course_id") UUID courseId, CurrentUser caller) {
        Course course = visible(courseId, caller);
        return CourseViews.detail(course, lectures.inCourse(courseId), caller.id(), signer);
    }

    @PutMapping("/api/v1/courses/{course_id}")
    CourseView update(@PathVariable("course_id") UUID courseId, @Valid @RequestBody CourseRequest request,
            CurrentUser caller, @RequestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        caller.requireActiveRole(Role.MENTOR);
        Course course = service.update(courseId, caller.id(), bearer(authorization), request.change());
        return CourseViews.course(course, lectures.inCourse(courseId), caller.id(), signer);
    }

    @DeleteMapping("/api/v1/courses/{course_id}")
    ResponseEntity<Void> delete(@PathVariable("course_id") UUID courseId, CurrentUser caller) {
        caller.requireActiveRole(Role.MENTOR);
        service.delete(courseId, caller.id());
        return ResponseEntity.noContent().build();
    }

    /**
     * The cover image, sent as the raw body (JPEG, PNG or WebP, at most 5 MB); its type is read
     * from its bytes, not from what the client says.
     */
    @PutMapping("/api/v1/courses/{course_id}/cover")
    CourseView cover(@PathVariable("course_id") UUID courseId, CurrentUser caller, HttpServletRequest request)
            throws IOException {
        caller.requireActiveRole(Role.MENTOR);
        Course course = service.find(courseId, caller.id());
        long length = request.getContentLengthLong();
        if (length > MAX_COVER_BYTES) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "A cover image may be at most 5 MB",
                    Map.of("limit_bytes", MAX_COVER_BYTES));
        }
        byte[] image;
        try (InputStream in = request.getInputStream()) {
            image = in.readNBytes((int) MAX_COVER_BYTES + 1);
        }
        if (image.length > MAX_COVER_BYTES) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "A cover image may be at most 5 MB",
                    Map.of("limit_bytes", MAX_COVER_BYTES));
        }
        if (image.length == 0) {
            throw ApiException.badRequest("body", "Send the image as the request body");
        }
        String type = tika.detect(image);
        if (!COVER_TYPES.containsKey(type)) {
            throw new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "A cover must be a JPEG, PNG or WebP image; this is " + type,
                    Map.of("detected_type", type, "accepted", Set.copyOf(COVER_TYPES.keySet())));
        }
        String key = "courses/" + courseId + "/cover-" + UUID.randomUUID().toString().substring(0, 8) + "."
                + COVER_TYPES.get(type);
        blobs.put(key, new java.io.ByteArrayInputStream(image), image.length, type);
        String previous = course.coverKey();
        Course saved = service.setCover(courseId, caller.id(), key);
        if (previous != null) {
            blobs.delete(previous);
        }
        return CourseViews.course(saved, lectures.inCourse(courseId), caller.id(), signer);
    }

    /** A course the caller may see: their own, or a published or unlisted one; anything else does not exist. */
    private Course visible(UUID courseId, CurrentUser caller) {
        Course course = courses.findById(courseId).orElseThrow(() -> ApiException.notFound("Course"));
        if (!course.isOwnedBy(caller.id()) && !course.isVisible() && !caller.isAdmin()) {
            throw ApiException.notFound("Course");
        }
        return course;
    }

    static String bearer(String authorization) {
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : authorization;
    }
}
