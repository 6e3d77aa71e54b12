package com.linkwithmentor.lecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.linkwithmentor.lecture.LectureFixture.TestUser;
import com.linkwithmentor.testsupport.hostile.HostileInputProbe;

/**
 * Every endpoint lecture-service exposes (found from its handler mappings, tus and media included),
 * sent generated hostile input by the mentor of a real course and lecture: no 5xx, every error an
 * ApiError, nothing of the insides echoed; and it stays ready.
 */
class HostileInputTests {

    private final LectureFixture fixture = LectureFixture.shared();

    @Test
    void noEndpointAnswersHostileInputWithAServerErrorOrAForeignBody() {
        LectureApi api = fixture.api();
        TestUser mentor = fixture.mentor();
        UUID course = api.course(mentor, "Probed", "100", "draft");
        UUID lecture = api.lecture(mentor, course, "Probed lecture", false);
        String upload = api.created(lecture, 1000, mentor);
        List<HostileInputProbe.Endpoint> endpoints = HostileInputProbe.endpoints(
                fixture.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class));
        assertThat(endpoints).hasSizeGreaterThan(20);

        HostileInputProbe.Result result = HostileInputProbe.against(fixture.port(), endpoints)
            .tokens(endpoint -> mentor.token())
            .pathValue("course_id", course.toString())
            .pathValue("lecture_id", lecture.toString())
            .pathValue("upload_id", upload.substring(upload.lastIndexOf('/') + 1))
            .run();

        assertThat(result.failures()).as(result.describe()).isEmpty();
        api.get("/actuator/health/readiness", null).expect(200);
    }
}
