package com.linkwithmentor.user.oidc;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Google sign-in (OpenID Connect); sign-in is off while the client id is empty. */
@ConfigurationProperties("lwm.oidc.google")
record OidcProperties(
        @DefaultValue("https://accounts.google.com") String issuer,
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecret,
        @DefaultValue("http://localhost:8080/api/v1/auth/oidc/google/callback") String redirectUri) {

    boolean enabled() {
        return !clientId.isBlank();
    }
}
