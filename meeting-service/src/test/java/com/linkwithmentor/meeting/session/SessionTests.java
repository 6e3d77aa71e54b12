package com.linkwithmentor.meeting.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.linkwithmentor.common.error.ApiException;

/** The session's own rules, without a database: which transition is allowed when, and which event it records. */
class SessionTests {

    private static final Instant NOW = Instant.parse("2027-03-01T10:00:00Z");

    private static final Instant START = NOW.plus(Duration.ofDays(3));

    private static final UUID MENTOR = UUID.randomUUID();

    private static final UUID MENTEE = UUID.randomUUID();

    private static Session.Draft draft(String amount) {
        return new Session.Draft(UUID.randomUUID(), null, MENTOR, MENTEE, "Career chat", null, START, START.plusSeconds(3600),
                10, 5, new Money(new BigDecimal(amount), "INR"));
    }

    private static List<SessionEvent> events(Session session) {
        return session.pendingEvents();
    }

    @Test
    void aPaidBookingHoldsItsSlotUntilPaidAndAFreeOneIsScheduledAtOnce() {
        Session paid = Session.book(draft("1000.00"), Duration.ofMinutes(15), NOW);
        assertThat(paid.status()).isEqualTo(SessionStatus.PENDING_PAYMENT);
        assertThat(paid.holdExpiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(events(paid)).singleElement().isInstanceOfSatisfying(SessionEvent.Booked.class,
                booked -> assertThat(booked.status()).isEqualTo(SessionStatus.PENDING_PAYMENT));
        Session free = Session.book(draft("0"), Duration.ofMinutes(15), NOW);
        assertThat(free.status()).isEqualTo(SessionStatus.SCHEDULED);
        assertThat(free.holdExpiresAt()).isNull();
    }

    @Test
    void paymentConfirmsOnceAndAPaymentAfterTheHoldLapsedIsRefundedInFull() {
        Session session = Session.book(draft("1000.00"), Duration.ofMinutes(15), NOW);
        assertThat(session.expireHold(NOW.plusSeconds(60))).isFalse();
        assertThat(session.confirmPayment(NOW.plusSeconds(60))).isTrue();
        assertThat(session.status()).isEqualTo(SessionStatus.SCHEDULED);
        assertThat(session.paid()).isTrue();
        assertThat(session.confirmPayment(NOW.plusSeconds(61))).isFalse();

        Session late = Session.book(draft("1000.00"), Duration.ofMinutes(15), NOW);
        assertThat(late.expireHold(NOW.plus(Duration.ofMinutes(15)))).isTrue();
        assertThat(late.status()).isEqualTo(SessionStatus.EXPIRED);
        assertThat(late.confirmPayment(NOW.plus(Duration.ofMinutes(16)))).isTrue();
        assertThat(late.status()).isEqualTo(SessionStatus.CANCELLED);
        assertThat(events(late).get(events(late).size() - 1)).isInstanceOfSatisfying(SessionEvent.Cancelled.class, cancelled -> {
            assertThat(cancelled.refundPercent()).isEqualTo(100);
            assertThat(cancelled.wasPaid()).isTrue();
            assertThat(cancelled.cancelledByRole()).isEqualTo(CancelledBy.SYSTEM);
        });
    }

    @Test
    void aSessionStartsFromTenMinutesBeforeUntilItsEndAndCompletesByTheMentor() {
        Session session = scheduled();
        assertThatThrownBy(() -> session.start(MENTEE, START.minus(Duration.ofMinutes(11)), Duration.ofMinutes(10)))
            .isInstanceOf(ApiException.class).hasMessageContaining("can be started from");
        assertThat(session.start(MENTEE, START.minus(Duration.ofMinutes(10)), Duration.ofMinutes(10))).isTrue();
        assertThat(session.start(MENTOR, START, Duration.ofMinutes(10))).isFalse();
        assertThat(session.menteeJoinedAt()).isNotNull();
        assertThat(session.mentorJoinedAt()).isEqualTo(START);
        session.complete(START.plus(Duration.ofMinutes(50)));
        assertThat(session.status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(session.actualEnd()).isEqualTo(START.plus(Duration.ofMinutes(50)));
        assertThatThrownBy(() -> session.complete(START)).isInstanceOf(ApiException.class).hasMessage(
                "Cannot complete a completed session");
    }

    @Test
    void overdueSessionsFinishByThemselves() {
        Session both = scheduled();
        both.start(MENTOR, START, Duration.ofMinutes(10));
        both.start(MENTEE, START.plusSeconds(60), Duration.ofMinutes(10));
        assertThat(both.finishOverdue(START.plus(Duration.ofMinutes(70)), Duration.ofMinutes(15), Duration.ofHours(24))).isFalse();
        assertThat(both.finishOverdue(START.plus(Duration.ofMinutes(75)), Duration.ofMinutes(15), Duration.ofHours(24))).isTrue();
        assertThat(both.status()).isEqualTo(SessionStatus.COMPLETED);
        assertThat(both.actualEnd()).isEqualTo(START.plusSeconds(3600));

        Session alone = scheduled();
        alone.start(MENTOR, START, Duration.ofMinutes(10));
        alone.finishOverdue(START.plus(Duration.ofHours(2)), Duration.ofMinutes(15), Duration.ofHours(24));
        assertThat(alone.status()).isEqualTo(SessionStatus.NO_SHOW);
        assertThat(alone.noShowParty()).isEqualTo(NoShowParty.MENTEE);

        Session nobody = scheduled();
        assertThat(nobody.finishOverdue(START.plus(Duration.ofHours(2)), Duration.ofMinutes(15), Duration.ofHours(24))).isFalse();
        assertThat(nobody.finishOverdue(START.plus(Duration.ofHours(25)), Duration.ofMinutes(15), Duration.ofHours(24))).isTrue();
        assertThat(nobody.noShowParty()).isEqualTo(NoShowParty.MENTOR);
    }

    @Test
    void theWaitingSideReportsANoShowAfterTheGraceButNotOfSomeoneWhoJoined() {
        Session session = scheduled();
        assertThatThrownBy(() -> session.reportNoShow(MENTEE, START.plusSeconds(60), Duration.ofMinutes(10)))
            .isInstanceOf(ApiException.class).hasMessageContaining("can be reported from");
        session.reportNoShow(MENTEE, START.plus(Duration.ofMinutes(10)), Duration.ofMinutes(10));
        assertThat(session.noShowParty()).isEqualTo(NoShowParty.MENTOR);

        Session joined = scheduled();
        joined.start(MENTOR, START, Duration.ofMinutes(10));
        assertThatThrownBy(() -> joined.reportNoShow(MENTEE, START.plus(Duration.ofMinutes(20)), Duration.ofMinutes(10)))
            .isInstanceOf(ApiException.class).hasMessageContaining("joined");
    }

    @Test
    void cancellingFollowsThePolicyAndEndsBeforeTheStart() {
        Session early = scheduled();
        assertThat(early.cancel(MENTEE, CancelledBy.MENTEE, RefundPolicyTests.DEFAULT, "ill", START.minus(Duration.ofHours(30)))
            .refundPercent()).isEqualTo(100);
        Session middle = scheduled();
        Session.Cancellation half = middle.cancel(MENTEE, CancelledBy.MENTEE, RefundPolicyTests.DEFAULT, "ill",
                START.minus(Duration.ofHours(3)));
        assertThat(half.refundPercent()).isEqualTo(50);
        assertThat(half.wasPaid()).isTrue();
        assertThat(middle.icsSequence()).isEqualTo(1);
        Session late = scheduled();
        assertThat(late.cancel(MENTEE, CancelledBy.MENTEE, RefundPolicyTests.DEFAULT, "ill", START.minus(Duration.ofMinutes(30)))
            .refundPercent()).isZero();
        Session mentor = scheduled();
        assertThat(mentor.cancel(MENTOR, CancelledBy.MENTOR, RefundPolicyTests.DEFAULT, "sorry", START.minusSeconds(60))
            .refundPercent()).isEqualTo(100);
        Session begun = scheduled();
        assertThatThrownBy(() -> begun.cancel(MENTEE, CancelledBy.MENTEE, RefundPolicyTests.DEFAULT, "x", START))
            .isInstanceOf(ApiException.class).hasMessageContaining("report a no-show");
    }

    @Test
    void aRescheduleKeepsLengthAndPaymentMovesBuffersAndIsCounted() {
        Session session = scheduled();
        Instant next = START.plus(Duration.ofDays(1));
        session.reschedule(next, next.plusSeconds(3600), 0, 30, NOW, Duration.ofHours(24), 2);
        assertThat(session.scheduledStart()).isEqualTo(next);
        assertThat(session.rescheduleCount()).isEqualTo(1);
        assertThat(session.icsSequence()).isEqualTo(1);
        assertThat(session.paid()).isTrue();
        assertThatThrownBy(() -> session.reschedule(next, next.plusSeconds(1800), 0, 0, NOW, Duration.ofHours(24), 2))
            .isInstanceOf(ApiException.class).hasMessageContaining("keeps its length");
        session.reschedule(START, START.plusSeconds(3600), 0, 0, NOW, Duration.ofHours(24), 2);
        assertThatThrownBy(() -> session.reschedule(next, next.plusSeconds(3600), 0, 0, NOW, Duration.ofHours(24), 2))
            .isInstanceOf(ApiException.class).hasMessageContaining("already been rescheduled 2 times");
        Session late = scheduled();
        assertThatThrownBy(() -> late.reschedule(next, next.plusSeconds(3600), 0, 0, START.minus(Duration.ofHours(23)),
                Duration.ofHours(24), 2)).isInstanceOf(ApiException.class).hasMessageContaining("24 hours before");
    }

    @Test
    void aProposalIsAcceptedOnceOrDeclinedAndLapsesAtItsStart() {
        Session proposal = Session.propose(draft("600.00"), NOW);
        assertThat(proposal.status()).isEqualTo(SessionStatus.PROPOSED);
        assertThat(proposal.accept(Duration.ofMinutes(15), NOW)).isTrue();
        assertThat(proposal.status()).isEqualTo(SessionStatus.PENDING_PAYMENT);
        assertThat(proposal.accept(Duration.ofMinutes(15), NOW)).isFalse();
        Session declined = Session.propose(draft("600.00"), NOW);
        declined.decline(MENTEE, NOW);
        assertThat(declined.status()).isEqualTo(SessionStatus.DECLINED);
        Session lapsing = Session.propose(draft("600.00"), NOW);
        assertThat(lapsing.lapseProposal(START.minusSeconds(1))).isFalse();
        assertThat(lapsing.lapseProposal(START)).isTrue();
        assertThat(lapsing.expiredReason()).isEqualTo(ExpiryReason.PROPOSAL_LAPSED);
    }

    private static Session scheduled() {
        Session session = Session.book(draft("1000.00"), Duration.ofMinutes(15), NOW);
        session.confirmPayment(NOW);
        return session;
    }
}
