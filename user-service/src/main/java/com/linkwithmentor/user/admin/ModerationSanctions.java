package com.linkwithmentor.user.admin;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.linkwithmentor.common.events.EventEnvelope;
import com.linkwithmentor.common.events.StreamSubscription;
import com.linkwithmentor.common.events.Streams;
import com.linkwithmentor.user.account.User;
import com.linkwithmentor.user.account.UserRepository;

/**
 * Moderation decides; user-service carries it out. A {@code UserSuspended} on
 * {@code events.moderation} suspends the account exactly as an admin would (sessions end at once);
 * a {@code UserReinstated} lifts a suspension that moderation imposed, never one an admin did.
 */
@Configuration(proxyBeanMethods = false)
class ModerationSanctions {

    static final String REASON_PREFIX = "moderation: ";

    private static final Logger log = LoggerFactory.getLogger(ModerationSanctions.class);

    @Bean
    StreamSubscription moderationSanctionsSubscription(AdminService admin, UserRepository users) {
        return new StreamSubscription(Streams.MODERATION, event -> handle(event, admin, users));
    }

    static void handle(EventEnvelope event, AdminService admin, UserRepository users) {
        if (!"UserSuspended".equals(event.type()) && !"UserReinstated".equals(event.type())) {
            return;
        }
        UUID userId = UUID.fromString(event.payload().path("user_id").asString());
        User user = users.findById(userId).orElse(null);
        if (user == null) {
            log.warn("Moderation event {} names unknown user {}", event.eventId(), userId);
            return;
        }
        if ("UserSuspended".equals(event.type()) && user.status() == User.Status.ACTIVE) {
            admin.suspend(userId, REASON_PREFIX + event.payload().path("reason").asString("policy violation"), null);
        }
        else if ("UserReinstated".equals(event.type()) && user.status() == User.Status.SUSPENDED
                && user.suspendedReason() != null && user.suspendedReason().startsWith(REASON_PREFIX)) {
            admin.reinstate(userId, null);
        }
    }
}
