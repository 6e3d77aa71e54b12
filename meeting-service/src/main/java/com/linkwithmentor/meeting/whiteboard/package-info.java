/**
 * The session whiteboard. {@link com.linkwithmentor.meeting.whiteboard.Whiteboard} is the pure
 * element-level operation model (per-element versions, last writer per element wins, tombstones,
 * size bounds) and {@link com.linkwithmentor.meeting.whiteboard.OpRate} the pure per-person rate
 * bound. The live board is a Redis hash ({@code whiteboard:{session_id}}, one field per element)
 * changed by compare-and-set scripts, so instances applying operations at once never lose one;
 * each applied batch is fanned out on Pub/Sub {@code whiteboard.session.{session_id}}
 * ({@link com.linkwithmentor.meeting.whiteboard.WhiteboardChannel}); PostgreSQL keeps the record,
 * written back every few seconds and when the session ends (JdbcClient). The REST endpoints and
 * the live socket {@code /ws/whiteboard} ({@link com.linkwithmentor.meeting.whiteboard.WhiteboardSocket},
 * on the shared socket layer) use exactly this machinery: the socket is a thin adapter, frames in,
 * {@code LiveBoards.apply}, the session's room ({@code RoomHub} on the same channel) out.
 */
@NullMarked
package com.linkwithmentor.meeting.whiteboard;

import org.jspecify.annotations.NullMarked;
