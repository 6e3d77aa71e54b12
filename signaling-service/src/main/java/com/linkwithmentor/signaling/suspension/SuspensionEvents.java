package com.linkwithmentor.signaling.suspension;

import java.time.Clock;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.linkwithmentor.common.events.EventEnvelope;
import com.linkwithmentor.common.events.StreamSubscription;
import com.linkwithmentor.common.events.Streams;
import com.linkwithmentor.signaling.call.CallService;
import com.linkwithmentor.signaling.call.SuspendedUsers;
import com.linkwithmentor.signaling.turn.TurnCredentials;

/**
 * {@code UserSuspended} from user-service and from moderation-service (one subscription per
 * stream): the user's TURN credentials are deleted from coturn's database at once, their live
 * calls end as failed (which closes the call on every socket), and they may not call or join
 * until the same source reinstates them.
 */
@Configuration(proxyBeanMethods = false)
class SuspensionEvents {

    private static final Logger log = LoggerFactory.getLogger(SuspensionEvents.class);

    private final SuspendedUsers suspended;

    private final CallService calls;

    private final TurnCredentials turn;

    private final Clock clock;

    SuspensionEvents(SuspendedUsers suspended, CallService calls, TurnCredentials turn, ObjectProvider<Clock> clock) {
        this.suspended = suspended;
        this.calls = calls;
        this.turn = turn;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Bean
    StreamSubscription accountSuspensions() {
        return new StreamSubscription(Streams.USERS, event -> handle(event, "users"));
    }

    @Bean
    StreamSubscription moderationSuspensions() {
        return new StreamSubscription(Streams.MODERATION, event -> handle(event, "moderation"));
    }

    private void handle(EventEnvelope event, String source) {
        if (!event.type().equals("UserSuspended") && !event.type().equals("UserReinstated")) {
            return;
        }
        UUID userId = userId(event);
        if (userId == null) {
            return;
        }
        if (event.type().equals("UserReinstated")) {
            suspended.lift(userId, source);
            return;
        }
        suspended.suspend(userId, source, clock.instant());
        int revoked = turn.revokeUser(userId);
        int ended = calls.endAllOf(userId);
        log.info("User {} suspended ({}): {} TURN credentials revoked, {} calls ended", userId, source, revoked, ended);
    }

    private static @Nullable UUID userId(EventEnvelope event) {
        String value = event.payload().path("user_id").isString() ? event.payload().path("user_id").asString()
                : event.subjectId();
        try {
            return value != null ? UUID.fromString(value) : null;
        }
        catch (IllegalArgumentException ex) {
            log.warn("{} {} names no valid user_id; ignored", event.type(), event.eventId());
            return null;
        }
    }
}
