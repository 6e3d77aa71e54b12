package com.linkwithmentor.lecture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.linkwithmentor.testsupport.apidocs.ApiDocuments;

/** /v3/api-docs names every endpoint lecture-service serves, with its access, bodies and ApiError answers. */
class ApiDocumentTests {

    @Test
    void theDocumentDescribesEveryEndpoint() {
        LectureFixture fixture = LectureFixture.shared();
        assertThat(ApiDocuments.assertComplete(fixture.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class),
                fixture.port()).endpoints()).isGreaterThan(20);
    }
}
