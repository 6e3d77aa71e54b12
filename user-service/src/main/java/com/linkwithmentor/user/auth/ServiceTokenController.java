package com.linkwithmentor.user.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.linkwithmentor.common.error.ApiErrors;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.PublicEndpoint;

/**
 * The OAuth 2.0 token endpoint for the fleet's own services (RFC 6749 §4.4, client credentials):
 * a registered service authenticates with its secret (HTTP Basic or the form) and gets a short-lived
 * token naming it, with the scopes it asked for among those it may have. Errors carry the RFC's
 * {@code error} code beside the ApiError fields. Services call it directly; it is not routed at the
 * public edge.
 */
@RestController
class ServiceTokenController {

    private final ServiceClients clients;

    private final AccessTokenIssuer issuer;

    ServiceTokenController(ServiceClients clients, AccessTokenIssuer issuer) {
        this.clients = clients;
        this.issuer = issuer;
    }

    record ServiceTokenResponse(String accessToken, String tokenType, long expiresIn, String scope) {
    }

    @PublicEndpoint
    @PostMapping(path = "/api/v1/auth/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<?> token(@RequestParam(name = "grant_type", required = false) @Nullable String grantType,
            @RequestParam(name = "scope", required = false) @Nullable String scope,
            @RequestParam(name = "client_id", required = false) @Nullable String formClientId,
            @RequestParam(name = "client_secret", required = false) @Nullable String formSecret,
            @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization) {
        String[] basic = basicCredentials(authorization);
        String clientId = basic != null ? basic[0] : formClientId;
        String secret = basic != null ? basic[1] : formSecret;
        Optional<ServiceClients.Client> client = clients.authenticate(clientId, secret);
        if (client.isEmpty()) {
            return oauthError(ErrorCode.UNAUTHORIZED, "invalid_client", "Unknown client or wrong secret")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"linkwithmentor\"").build();
        }
        if (!"client_credentials".equals(grantType)) {
            return oauthError(ErrorCode.VALIDATION_ERROR, "unsupported_grant_type",
                    "Only grant_type=client_credentials is supported here").build();
        }
        List<String> allowed = client.get().scopes();
        Set<String> granted = scope == null || scope.isBlank() ? new LinkedHashSet<>(allowed)
                : new LinkedHashSet<>(Arrays.asList(scope.trim().split("\\s+")));
        if (!allowed.containsAll(granted)) {
            granted.removeAll(allowed);
            return oauthError(ErrorCode.VALIDATION_ERROR, "invalid_scope",
                    "Scope not granted to " + clientId + ": " + String.join(" ", granted)).build();
        }
        String token = issuer.issueService(clientId, granted);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
            .body(new ServiceTokenResponse(token, "Bearer", issuer.serviceLifetimeSeconds(), String.join(" ", granted)));
    }

    /** Client id and secret from {@code Authorization: Basic}, form-url-decoded as RFC 6749 §2.3.1 says. */
    private static String @Nullable [] basicCredentials(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] { java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8) };
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static Builder oauthError(ErrorCode code, String error, String message) {
        ProblemDetail problem = ApiErrors.problem(code, message, Map.of("error", error), null);
        problem.setProperty("error", error);
        return new Builder(code, problem);
    }

    /** A small holder so a header can be added before the body is set. */
    private record Builder(ErrorCode code, ProblemDetail problem, HttpHeaders headers) {

        Builder(ErrorCode code, ProblemDetail problem) {
            this(code, problem, new HttpHeaders());
        }

        Builder header(String name, String value) {
            headers.set(name, value);
            return this;
        }

        ResponseEntity<ProblemDetail> build() {
            return ResponseEntity.status(code.status()).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore()).body(problem);
        }
    }
}
