/**
 * moderation-service as this service uses it: the analyze call that course and lecture text must
 * pass before it is published (with the mentor's own token, behind a timeout and a circuit breaker;
 * moderation unreachable means the publish is refused with 503, nothing half-done), and reports on
 * a lecture passed through with the reporter's token ({@code target_type: lecture}).
 */
@NullMarked
package com.linkwithmentor.lecture.moderation;

import org.jspecify.annotations.NullMarked;
