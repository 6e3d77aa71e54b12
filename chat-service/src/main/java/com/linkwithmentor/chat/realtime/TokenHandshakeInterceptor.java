package com.linkwithmentor.chat.realtime;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;

import com.linkwithmentor.chat.moderation.SenderRestrictions;
import com.linkwithmentor.common.error.ApiErrors;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.AccessTokens;
import com.linkwithmentor.common.security.CurrentUser;
import com.linkwithmentor.common.web.RequestIds;

import tools.jackson.databind.json.JsonMapper;

/**
 * Authenticates the WebSocket upgrade before it completes: the access token comes in the
 * {@code Authorization: Bearer} header or, because browsers cannot set headers on a WebSocket, the
 * {@code access_token} query parameter. It is verified like every token here (signature, expiry,
 * issuer, audience, revocation); a missing or bad one is refused with 401, a suspended user with
 * 403, both as ApiError bodies and before any upgrade.
 */
@Component
class TokenHandshakeInterceptor implements HandshakeInterceptor {

    static final String USER = "lwm.user";

    static final String TOKEN = "lwm.token";

    static final String EXPIRES_AT = "lwm.expiresAt";

    private final JwtDecoder decoder;

    private final SenderRestrictions restrictions;

    private final JsonMapper json;

    TokenHandshakeInterceptor(JwtDecoder decoder, SenderRestrictions restrictions, JsonMapper json) {
        this.decoder = decoder;
        this.restrictions = restrictions;
        this.json = json;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) throws IOException {
        String upgrade = request.getHeaders().getFirst(HttpHeaders.UPGRADE);
        if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
            return refuse(response, ErrorCode.VALIDATION_ERROR, "This endpoint only accepts a WebSocket upgrade");
        }
        String token = token(request);
        if (token == null) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return refuse(response, ErrorCode.UNAUTHORIZED,
                    "Authentication required: send the access token as ?access_token= or 'Authorization: Bearer'");
        }
        Jwt jwt;
        CurrentUser user;
        try {
            jwt = decoder.decode(token);
            user = AccessTokens.currentUser(jwt);
        }
        catch (JwtException | IllegalArgumentException ex) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
            return refuse(response, ErrorCode.UNAUTHORIZED, "The access token is invalid, expired or revoked");
        }
        Optional<SenderRestrictions.Restriction> suspension = restrictions.suspension(user.id());
        if (suspension.isPresent()) {
            return refuse(response, ErrorCode.FORBIDDEN, "This account is suspended"
                    + (suspension.get().reason() != null ? ": " + suspension.get().reason() : ""));
        }
        attributes.put(USER, user);
        attributes.put(TOKEN, token);
        attributes.put(EXPIRES_AT, jwt.getExpiresAt() != null ? jwt.getExpiresAt() : Instant.now().plusSeconds(60));
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            @Nullable Exception exception) {
    }

    private static @Nullable String token(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            return header.substring(7).trim();
        }
        String query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams().getFirst("access_token");
        return query != null && !query.isBlank() ? query.trim() : null;
    }

    private boolean refuse(ServerHttpResponse response, ErrorCode code, String message) throws IOException {
        HttpStatus status = code.status();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getBody().write(json.writeValueAsBytes(ApiErrors.problem(code, message, null, RequestIds.current())));
        return false;
    }
}
