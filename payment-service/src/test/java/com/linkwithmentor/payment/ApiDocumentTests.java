package com.linkwithmentor.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.linkwithmentor.testsupport.apidocs.ApiDocuments;

/** /v3/api-docs names every endpoint payment-service serves, with its access, bodies and ApiError answers. */
class ApiDocumentTests {

    @Test
    void theDocumentDescribesEveryEndpoint() {
        PaymentFleet fleet = PaymentFleet.shared();
        assertThat(ApiDocuments.assertComplete(fleet.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class),
                fleet.port).endpoints()).isGreaterThan(15);
    }
}
