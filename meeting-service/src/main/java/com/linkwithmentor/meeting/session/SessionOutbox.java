package com.linkwithmentor.meeting.session;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.linkwithmentor.common.events.OutboxWriter;
import com.linkwithmentor.common.events.Streams;

/**
 * Writes each event a session recorded to the outbox, in the transaction that saved the session
 * (Spring Data publishes an aggregate's events on {@code save}, synchronously), so an event exists
 * if and only if its change committed.
 */
@Component
class SessionOutbox {

    private final OutboxWriter outbox;

    SessionOutbox(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    @EventListener
    void on(SessionEvent event) {
        outbox.append(Streams.MEETINGS, event.type(), event.sessionId(), event);
    }
}
