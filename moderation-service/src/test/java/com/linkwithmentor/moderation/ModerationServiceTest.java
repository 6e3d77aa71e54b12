package com.linkwithmentor.moderation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

import com.linkwithmentor.testsupport.RealServers;

/**
 * moderation-service booted on a random port against real PostgreSQL and Redis, verifying tokens
 * from the test issuer's real JWKS endpoint.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RealServers
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "lwm.events.relay-interval=100ms", "lwm.security.jwks-min-refresh-interval=0s" })
@Import(TestTokens.Wiring.class)
public @interface ModerationServiceTest {
}
