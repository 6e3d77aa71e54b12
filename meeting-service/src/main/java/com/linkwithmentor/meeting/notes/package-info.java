/**
 * Session notes: one shared document per session that both participants edit, and each
 * participant's private notes, both versioned (a write names the version it was based on, by
 * {@code If-Match} or {@code version}; a stale one is 409). Persistence: JdbcClient (a versioned
 * upsert is one statement).
 */
@NullMarked
package com.linkwithmentor.meeting.notes;

import org.jspecify.annotations.NullMarked;
