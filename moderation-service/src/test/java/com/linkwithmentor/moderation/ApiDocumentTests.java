package com.linkwithmentor.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.linkwithmentor.testsupport.apidocs.ApiDocuments;

/** /v3/api-docs names every endpoint moderation-service serves, with its access, bodies and ApiError answers. */
@ModerationServiceTest
class ApiDocumentTests {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void theDocumentDescribesEveryEndpoint() {
        assertThat(ApiDocuments.assertComplete(mapping, port).endpoints()).isGreaterThan(15);
    }
}
