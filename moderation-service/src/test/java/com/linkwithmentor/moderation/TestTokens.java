package com.linkwithmentor.moderation;

import java.util.UUID;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

import com.linkwithmentor.testsupport.TestTokenIssuer;

/**
 * One token issuer for the test JVM (a real JWKS over HTTP, real ES256 tokens), standing in for
 * user-service, and the people tests act as.
 */
public final class TestTokens {

    private static TestTokenIssuer issuer;

    private TestTokens() {
    }

    public static synchronized TestTokenIssuer issuer() {
        if (issuer == null) {
            issuer = TestTokenIssuer.start();
            Runtime.getRuntime().addShutdownHook(new Thread(issuer::close));
        }
        return issuer;
    }

    /** A signed-in user: an id and a token whose active role is mentee (or mentor). */
    public record Person(UUID id, String token) {
    }

    public static Person mentee() {
        UUID id = UUID.randomUUID();
        return new Person(id, issuer().token(id, "mentee").sign());
    }

    public static Person mentor() {
        UUID id = UUID.randomUUID();
        return new Person(id, issuer().token(id, "mentor").roles("mentee", "mentor").sign());
    }

    /** Someone holding the admin role with it active. */
    public static Person admin() {
        UUID id = UUID.randomUUID();
        return new Person(id, issuer().token(id, "admin").roles("mentee", "admin").sign());
    }

    /** The same person's token with another active role. */
    public static String as(Person person, String activeRole, String... roles) {
        return issuer().token(person.id(), activeRole).roles(roles.length == 0 ? new String[] { activeRole } : roles).sign();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Wiring {

        @Bean
        DynamicPropertyRegistrar testTokenIssuerProperties() {
            return registry -> registry.add("lwm.security.jwks-url", () -> issuer().jwksUrl());
        }
    }
}
