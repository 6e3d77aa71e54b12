package com.linkwithmentor.meeting.whiteboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.linkwithmentor.meeting.session.SessionEvent;

/** When a session ends (after its change committed), its live board is written back at once. */
@Component
class SessionEndings {

    private static final Logger log = LoggerFactory.getLogger(SessionEndings.class);

    private final LiveBoards boards;

    SessionEndings(LiveBoards boards) {
        this.boards = boards;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void on(SessionEvent event) {
        if (event instanceof SessionEvent.Completed || event instanceof SessionEvent.NoShow
                || event instanceof SessionEvent.Cancelled || event instanceof SessionEvent.Expired) {
            try {
                boards.finish(event.sessionId());
            }
            catch (RuntimeException ex) {
                log.warn("Board of ended session {} not written back now; the next round will: {}", event.sessionId(),
                        ex.toString());
            }
        }
    }
}
