/**
 * A mentor's availability (weekly windows in their own time zone, dated exceptions, session
 * lengths, buffers, notice, horizon, a daily cap) and the bookable slots it yields. The aggregate
 * is Spring Data JPA ({@link com.linkwithmentor.meeting.availability.Availability}, written whole);
 * the slot arithmetic is plain java.time ({@link com.linkwithmentor.meeting.availability.SlotGrid}:
 * a 30-minute grid from each window's start, local times kept across daylight-saving changes);
 * what is already booked is read with JdbcClient ({@link com.linkwithmentor.meeting.availability.BusyTimes}).
 */
@NullMarked
package com.linkwithmentor.meeting.availability;

import org.jspecify.annotations.NullMarked;
