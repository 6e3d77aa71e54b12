/**
 * lecture-service. Persistence: Spring Data JPA for the aggregates that are loaded, changed by
 * their own methods and saved whole (courses, lectures, uploads, enrollments); {@code JdbcClient}
 * where SQL does the work (course search, transcode-job claims with SKIP LOCKED, progress and
 * analytics). Features: {@code course} (courses and lectures, search), {@code moderation} (the
 * publish check and reports), {@code upload} (tus 1.0), {@code transcode} (FFmpeg jobs),
 * {@code media} (signed URLs, HLS serving), {@code enrollment}, {@code progress}.
 */
@NullMarked
package com.linkwithmentor.lecture;

import org.jspecify.annotations.NullMarked;
