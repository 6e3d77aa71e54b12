package com.linkwithmentor.lecture.enrollment;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.linkwithmentor.common.events.StreamSubscription;
import com.linkwithmentor.common.events.Streams;

/** This service's one subscription to {@code events.payments} (CONTRACTS.md: one per stream, routed by type). */
@Configuration(proxyBeanMethods = false)
class PaymentEvents {

    @Bean
    StreamSubscription paymentsSubscription(EnrollmentService enrollments) {
        return new StreamSubscription(Streams.PAYMENTS, enrollments::onPayment);
    }
}
