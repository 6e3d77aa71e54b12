package com.linkwithmentor.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.linkwithmentor.testsupport.apidocs.ApiDocuments;

/** /v3/api-docs names every endpoint meeting-service serves, with its access, bodies and ApiError answers. */
class ApiDocumentTests {

    @Test
    void theDocumentDescribesEveryEndpoint() {
        MeetingCluster cluster = MeetingCluster.shared();
        assertThat(ApiDocuments.assertComplete(
                cluster.context(0).getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class),
                cluster.port(0)).endpoints()).isGreaterThan(25);
    }
}
