package com.linkwithmentor.common.web;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import com.linkwithmentor.common.security.AccessTokens;

/**
 * Carries the current request id and the calling user's access token onto calls this service makes
 * to another, unless the call sets them itself. A calling service's token is never passed on: a
 * service calls others with its own credential ({@link com.linkwithmentor.common.security.ServiceTokens}).
 */
public class OutgoingCallHeaders implements ClientHttpRequestInterceptor {

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        HttpHeaders headers = request.getHeaders();
        String requestId = RequestIds.currentOrNull();
        if (requestId != null && !headers.containsHeader(RequestIds.HEADER)) {
            headers.set(RequestIds.HEADER, requestId);
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt && !AccessTokens.isService(jwt.getToken())
                && !headers.containsHeader(HttpHeaders.AUTHORIZATION)) {
            headers.setBearerAuth(jwt.getToken().getTokenValue());
        }
        return execution.execute(request, body);
    }
}
