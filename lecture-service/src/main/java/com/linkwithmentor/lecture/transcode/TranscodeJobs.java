package com.linkwithmentor.lecture.transcode;

import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The job queue in SQL: enqueue in the upload's transaction, claim the oldest open job no other
 * worker holds (a queued one, or a running one whose heartbeat went stale), beat, finish.
 */
@Repository
public class TranscodeJobs {

    record Job(UUID jobId, UUID lectureId, UUID uploadId, Path source, int attempts) {
    }

    private final JdbcClient jdbc;

    private final Clock clock;

    private volatile Runnable nudge = () -> { };

    TranscodeJobs(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void onEnqueued(Runnable nudge) {
        this.nudge = nudge;
    }

    /** Queues the lecture's new source (inside the caller's transaction); a job still queued for an older upload gives way. */
    public void enqueue(UUID lectureId, UUID uploadId, Path source) {
        java.util.List<String> superseded = jdbc.sql("SELECT source_path FROM transcode_jobs WHERE lecture_id = :lecture "
                + "AND status = 'queued'").param("lecture", lectureId).query(String.class).list();
        jdbc.sql("""
                UPDATE transcode_jobs SET status = 'failed', error = 'superseded by a newer upload', finished_at = :now
                WHERE lecture_id = :lecture AND status = 'queued'
                """).param("lecture", lectureId).param("now", now()).update();
        jdbc.sql("""
                INSERT INTO transcode_jobs (job_id, lecture_id, upload_id, source_path, status, created_at)
                VALUES (:job, :lecture, :upload, :source, 'queued', :now)
                """).param("job", UUID.randomUUID()).param("lecture", lectureId).param("upload", uploadId)
            .param("source", source.toString()).param("now", now()).update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    // The older upload's bytes are no longer needed by anyone.
                    superseded.forEach(path -> Path.of(path).toFile().delete());
                    nudge.run();
                }
            });
        }
    }

    /** The oldest claimable job, now running under {@code worker}; empty when there is none. */
    Optional<Job> claim(String worker, java.time.Duration staleAfter) {
        return jdbc.sql("""
                WITH next AS (
                    SELECT job_id FROM transcode_jobs
                    WHERE status = 'queued' OR (status = 'running' AND heartbeat_at < :stale)
                    ORDER BY created_at
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                UPDATE transcode_jobs j
                SET status = 'running', claimed_by = :worker, heartbeat_at = :now, attempts = j.attempts + 1
                FROM next WHERE j.job_id = next.job_id
                RETURNING j.job_id, j.lecture_id, j.upload_id, j.source_path, j.attempts
                """)
            .param("stale", OffsetDateTime.ofInstant(clock.instant().minus(staleAfter), ZoneOffset.UTC))
            .param("worker", worker).param("now", now())
            .query((rs, n) -> new Job(rs.getObject("job_id", UUID.class), rs.getObject("lecture_id", UUID.class),
                    rs.getObject("upload_id", UUID.class), Path.of(rs.getString("source_path")), rs.getInt("attempts")))
            .optional();
    }

    /** Whether the worker still holds the job (false: it was claimed by another after going stale). */
    boolean beat(UUID jobId, String worker) {
        return jdbc.sql("UPDATE transcode_jobs SET heartbeat_at = :now WHERE job_id = :job AND claimed_by = :worker "
                + "AND status = 'running'").param("now", now()).param("job", jobId).param("worker", worker).update() == 1;
    }

    /** Done or failed, if the worker still holds it; false otherwise (nothing changes). */
    boolean finish(UUID jobId, String worker, boolean done, String error) {
        return jdbc.sql("""
                UPDATE transcode_jobs SET status = :status, error = :error, finished_at = :now
                WHERE job_id = :job AND claimed_by = :worker AND status = 'running'
                """).param("status", done ? "done" : "failed").param("error", error.isEmpty() ? null : error)
            .param("now", now()).param("job", jobId).param("worker", worker).update() == 1;
    }

    /** Puts a job back in the queue (this instance is stopping mid-job). */
    void release(UUID jobId, String worker) {
        jdbc.sql("UPDATE transcode_jobs SET status = 'queued', claimed_by = NULL, heartbeat_at = NULL, "
                + "attempts = GREATEST(attempts - 1, 0) WHERE job_id = :job AND claimed_by = :worker AND status = 'running'")
            .param("job", jobId).param("worker", worker).update();
    }

    int queued() {
        return jdbc.sql("SELECT count(*) FROM transcode_jobs WHERE status = 'queued'").query(Integer.class).single();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
