/**
 * signaling-service: calls between the two sides of a mentorship session, or between people who
 * share a chat conversation. Features: {@code call} (the call record, its REST API, its clock),
 * {@code eligibility} (who may call whom: meeting-service's sessions, chat-service's conversations),
 * {@code turn} (revocable TURN credentials in coturn's Redis user database, TURN health),
 * {@code socket} ({@code /ws/signaling} on the realtime layer) and {@code suspension} (suspended
 * users lose their calls and credentials). Persistence is {@code JdbcClient} throughout: a call's
 * transitions are conditional updates under a row lock, which SQL states plainly.
 */
@NullMarked
package com.linkwithmentor.signaling;

import org.jspecify.annotations.NullMarked;
