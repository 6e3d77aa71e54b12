/**
 * Transcoding a lecture's upload into an HLS ladder with FFmpeg ({@code /usr/bin/ffmpeg} run as a
 * process), asynchronously on a bounded pool of workers. Jobs live in the database and are claimed
 * with {@code FOR UPDATE SKIP LOCKED} ({@code JdbcClient}); a running job's worker beats a
 * heartbeat, so the job of an instance that crashed is claimed again once its heartbeat is stale,
 * and one that is stopped gracefully puts its job back in the queue. FFmpeg missing is reported by
 * health and at startup; jobs then wait in the queue.
 */
@NullMarked
package com.linkwithmentor.lecture.transcode;

import org.jspecify.annotations.NullMarked;
