package com.linkwithmentor.signaling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.linkwithmentor.testsupport.apidocs.ApiDocuments;

/** /v3/api-docs names every endpoint signaling-service serves, with its access, bodies and ApiError answers. */
class ApiDocumentTests {

    @Test
    void theDocumentDescribesEveryEndpoint() {
        SignalingCluster cluster = SignalingCluster.shared();
        assertThat(ApiDocuments.assertComplete(cluster.bean(0, "requestMappingHandlerMapping", RequestMappingHandlerMapping.class),
                cluster.port(0)).endpoints()).isGreaterThanOrEqualTo(5);
    }
}
