package com.linkwithmentor.common.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This service's own credential for calling others off a user's thread: its client id (the
 * application name unless set), the secret user-service knows it by (from configuration, never the
 * repository; {@code LWM_SERVICE_CLIENT_SECRET}), where tokens are issued, and the scopes to ask for
 * (what the service's calls need; empty asks for everything its registration allows).
 */
@ConfigurationProperties("lwm.service-auth")
public record ServiceAuthProperties(
        @Nullable String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("http://localhost:8081/api/v1/auth/token") URI tokenUrl,
        @DefaultValue List<String> scopes,
        @DefaultValue("60s") Duration refreshBefore,
        @DefaultValue("3s") Duration timeout) {
}
