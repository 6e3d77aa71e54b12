/**
 * Resumable upload of a lecture's video with the tus 1.0 protocol (core, creation, termination,
 * expiration), written here rather than taken from tus-java-server: that library keeps its own
 * storage layout and locking, answers errors in its own format rather than the ApiError body,
 * and predates Jakarta Servlet 6 / Spring Boot 4; the protocol itself is four small handlers. Bytes
 * stream straight to a staging file on local disk (never held in memory); the offset is committed
 * after every PATCH, including one whose connection dropped mid-body, so a client resumes from HEAD's
 * offset. The type is sniffed from the first bytes (Apache Tika), and a complete video becomes a
 * transcode job.
 */
@NullMarked
package com.linkwithmentor.lecture.upload;

import org.jspecify.annotations.NullMarked;
