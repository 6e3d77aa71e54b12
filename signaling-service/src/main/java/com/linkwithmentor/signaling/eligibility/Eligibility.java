package com.linkwithmentor.signaling.eligibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreaker;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

import com.linkwithmentor.common.error.ApiException;
import com.linkwithmentor.common.error.ErrorCode;
import com.linkwithmentor.common.security.ServiceTokens;

/**
 * Who may call whom. A session call asks meeting-service with the caller's own token, so the
 * answer is exactly what the caller may see (not a participant: 404). An ad-hoc call asks
 * chat-service with signaling's own credential whether everyone in it shares a conversation.
 * Either service down, slow or behind an open breaker: a 503 naming it.
 */
@Component
public class Eligibility {

    private static final Logger log = LoggerFactory.getLogger(Eligibility.class);

    private final EligibilityClients.MeetingApi meeting;

    private final EligibilityClients.ChatApi chat;

    private final CircuitBreaker meetingBreaker;

    private final CircuitBreaker chatBreaker;

    private final ServiceTokens serviceTokens;

    Eligibility(EligibilityClients.MeetingApi meeting, EligibilityClients.ChatApi chat, CircuitBreakerFactory<?, ?> breakers,
            ServiceTokens serviceTokens) {
        this.meeting = meeting;
        this.chat = chat;
        this.meetingBreaker = breakers.create(EligibilityClients.MEETING_BREAKER);
        this.chatBreaker = breakers.create(EligibilityClients.CHAT_BREAKER);
        this.serviceTokens = serviceTokens;
    }

    /** The session as the caller may see it; 404 when there is none or they are not in it. */
    public SessionView session(UUID sessionId, String callerToken) {
        return meetingBreaker.run(() -> {
            try {
                return meeting.session("Bearer " + callerToken, sessionId);
            }
            catch (HttpClientErrorException ex) {
                throw refused(ex, "Session");
            }
        }, failure -> {
            throw unavailableOr(failure, "meeting-service");
        });
    }

    /** Whether the caller and everyone else named share one chat conversation (all active members). */
    public boolean shareAConversation(UUID callerId, List<UUID> others) {
        List<UUID> everyone = new ArrayList<>();
        everyone.add(callerId);
        everyone.addAll(others);
        return chatBreaker.run(() -> {
            try {
                EligibilityClients.ChatApi.Shared shared = chat.shared("Bearer " + serviceTokens.bearer(), everyone);
                return shared.conversationIds() != null && !shared.conversationIds().isEmpty();
            }
            catch (HttpClientErrorException ex) {
                if (ex.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value()) {
                    serviceTokens.invalidate();
                }
                throw refused(ex, "Conversation");
            }
        }, failure -> {
            throw unavailableOr(failure, "chat-service");
        });
    }

    /** The callee's 4xx as ours: 404 stays a 404; anything else means we asked wrongly. */
    private static RuntimeException refused(HttpClientErrorException ex, String what) {
        if (ex.getStatusCode().value() == HttpStatus.NOT_FOUND.value()) {
            return ApiException.notFound(what);
        }
        return ex;
    }

    /** The request's own answer (a 404) as it was; anything else (down, slow, breaker open) a 503 naming the service. */
    private static RuntimeException unavailableOr(Throwable failure, String service) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return api;
            }
        }
        log.warn("{} could not be asked: {}", service, failure.toString());
        return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, service + " is unavailable right now; try again shortly",
                Map.of("service", service));
    }
}
