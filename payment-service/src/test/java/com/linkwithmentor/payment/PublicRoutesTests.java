package com.linkwithmentor.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.common.security.PublicEndpoints;
import com.linkwithmentor.testsupport.GatewayRoutes;

/** The gateway's route table lists exactly the requests payment-service marks {@code @PublicEndpoint}: the webhooks. */
class PublicRoutesTests {

    @Test
    void theGatewayListsExactlyTheEndpointsThisServiceMarksPublic() {
        PublicEndpoints endpoints = PaymentFleet.shared().bean(PublicEndpoints.class);
        assertThat(endpoints.describe()).containsExactly("POST /api/v1/payments/webhooks/*");
        assertThat(endpoints.describe()).isEqualTo(GatewayRoutes.publicPaths("payment-service"));
    }
}
