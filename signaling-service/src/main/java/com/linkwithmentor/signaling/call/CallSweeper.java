package com.linkwithmentor.signaling.call;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The call clock, on every instance (rows are claimed with {@code SKIP LOCKED}, so each expiry is
 * handled once): unanswered calls become missed, dropped participants whose grace ran out leave.
 */
@Component
class CallSweeper {

    private static final Logger log = LoggerFactory.getLogger(CallSweeper.class);

    private final CallService calls;

    private final ApplicationEventPublisher notices;

    CallSweeper(CallService calls, ApplicationEventPublisher notices) {
        this.calls = calls;
        this.notices = notices;
    }

    @Scheduled(fixedDelayString = "${lwm.signaling.calls.sweep-interval:1s}")
    void sweep() {
        try {
            calls.expireRinging();
            calls.expireGrace();
            for (CallRepository.Stale socket : calls.dropStale()) {
                log.info("Socket {} of {} in call {} went silent (its instance stopped); grace window started",
                        socket.connectionId(), socket.userId(), socket.callId());
                notices.publishEvent(new CallNotice.PeerGone(socket.callId(), socket.userId(), "connection_lost"));
            }
        }
        catch (RuntimeException ex) {
            log.warn("Call sweep failed; next one in a moment: {}", ex.toString());
        }
    }
}
