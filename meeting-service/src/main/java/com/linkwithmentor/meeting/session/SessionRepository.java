package com.linkwithmentor.meeting.session;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface SessionRepository extends JpaRepository<Session, UUID> {

    /** The session row locked for a transition ({@code SELECT ... FOR UPDATE}): concurrent changes queue. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from Session s where s.id = :id")
    Optional<Session> findForUpdate(@Param("id") UUID id);

    @Query("""
            select s from Session s where s.mentorId = :user and s.status in :statuses
              and s.scheduledStart >= :from and s.scheduledStart < :to
              and (s.scheduledStart > :afterStart or (s.scheduledStart = :afterStart and s.id > :afterId))
            order by s.scheduledStart, s.id
            """)
    List<Session> pageAsMentor(@Param("user") UUID user, @Param("statuses") Collection<SessionStatus> statuses,
            @Param("from") Instant from, @Param("to") Instant to, @Param("afterStart") Instant afterStart,
            @Param("afterId") UUID afterId, Limit limit);

    @Query("""
            select s from Session s where s.menteeId = :user and s.status in :statuses
              and s.scheduledStart >= :from and s.scheduledStart < :to
              and (s.scheduledStart > :afterStart or (s.scheduledStart = :afterStart and s.id > :afterId))
            order by s.scheduledStart, s.id
            """)
    List<Session> pageAsMentee(@Param("user") UUID user, @Param("statuses") Collection<SessionStatus> statuses,
            @Param("from") Instant from, @Param("to") Instant to, @Param("afterStart") Instant afterStart,
            @Param("afterId") UUID afterId, Limit limit);

    /** Everything a user takes part in from {@code from} on, for their calendar feed. */
    @Query("""
            select s from Session s where (s.mentorId = :user or s.menteeId = :user) and s.scheduledEnd >= :from
              and s.status in :statuses order by s.scheduledStart, s.id
            """)
    List<Session> calendarOf(@Param("user") UUID user, @Param("from") Instant from,
            @Param("statuses") Collection<SessionStatus> statuses, Limit limit);

    /** The occurrences of a series from a start on, in order. */
    @Query("select s from Session s where s.seriesId = :series and s.scheduledStart >= :from order by s.scheduledStart")
    List<Session> seriesFrom(@Param("series") UUID series, @Param("from") Instant from);

    @Query("select s from Session s where s.seriesId = :series order by s.scheduledStart")
    List<Session> series(@Param("series") UUID series);

    /** A user's sessions still to come that hold time: what a suspension cancels. */
    @Query("""
            select s from Session s where (s.mentorId = :user or s.menteeId = :user)
              and s.status in :statuses and s.scheduledStart > :now order by s.scheduledStart
            """)
    List<Session> upcomingOf(@Param("user") UUID user, @Param("statuses") Collection<SessionStatus> statuses,
            @Param("now") Instant now);
}
