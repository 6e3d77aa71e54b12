/**
 * Traces and metrics plumbing every service shares beyond Boot's own: the trace context (and the
 * log context with it) follows work handed to the task executor. Tracing itself is Micrometer
 * Tracing over OpenTelemetry (configured in {@code config.ServiceDefaults}); events carry it in
 * their envelope ({@code events.EventTracing}).
 */
@NullMarked
package com.linkwithmentor.common.observability;

import org.jspecify.annotations.NullMarked;
