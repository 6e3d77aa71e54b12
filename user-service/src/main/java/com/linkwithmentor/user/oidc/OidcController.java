package com.linkwithmentor.user.oidc;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.security.PublicEndpoint;
import com.linkwithmentor.user.auth.TokenResponse;

/** Sign-in with Google: start (redirect to Google) and callback (tokens). */
@RestController
class OidcController {

    private final GoogleSignIn google;

    OidcController(GoogleSignIn google) {
        this.google = google;
    }

    @PublicEndpoint
    @GetMapping("/api/v1/auth/oidc/google/authorize")
    ResponseEntity<Void> authorize() {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, google.authorizationUrl().toString())
            .build();
    }

    @PublicEndpoint
    @GetMapping("/api/v1/auth/oidc/google/callback")
    TokenResponse callback(@RequestParam(name = "code", required = false) @Nullable String code,
            @RequestParam(name = "state", required = false) @Nullable String state,
            @RequestParam(name = "error", required = false) @Nullable String error) {
        if (error != null) {
            throw ApiException.badRequest("error", "Google sign-in was not completed: " + error);
        }
        if (code == null || state == null) {
            throw ApiException.badRequest("code", "The callback needs both code and state");
        }
        return google.complete(code, state);
    }
}
