package com.linkwithmentor.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.linkwithmentor.testsupport.hostile.HostileInputProbe;

/**
 * Every endpoint payment-service exposes, sent generated hostile input (bad ids, numbers, cursors,
 * bodies field by field, content types, headers) by a signed-in user: no 5xx, every error an
 * ApiError, nothing of the insides echoed; and it stays ready.
 */
class HostileInputTests {

    @Test
    void noEndpointAnswersHostileInputWithAServerErrorOrAForeignBody() {
        PaymentFleet fleet = PaymentFleet.shared();
        RequestMappingHandlerMapping mapping = fleet.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
        List<HostileInputProbe.Endpoint> endpoints = HostileInputProbe.endpoints(mapping);
        assertThat(endpoints).hasSizeGreaterThan(15);
        PaymentFleet.User mentee = fleet.mentee();
        PaymentFleet.User admin = fleet.admin();
        HostileInputProbe.Result result = HostileInputProbe.against(fleet.port, endpoints)
            .tokens(endpoint -> endpoint.path().contains("/admin/") ? admin.token() : mentee.token())
            .run();
        assertThat(result.failures()).as(result.describe()).isEmpty();
        fleet.api().get("/actuator/health/readiness", null).expect(200);
    }
}
