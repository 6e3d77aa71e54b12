package com.linkwithmentor.common.events;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * The consumer side of an event's trace: handling runs inside a consumer observation
 * ({@code lwm.events.process}) whose span continues the trace named by the envelope's
 * {@code traceparent} (a new trace when there is none), so logs written by a handler carry the
 * trace id of the request that caused the event. The observation also times every handling.
 */
final class EventTracing {

    static final String TRACEPARENT = "traceparent";

    private EventTracing() {
    }

    static Observation consuming(EventEnvelope event, String stream, String group, ObservationRegistry observations) {
        ReceiverContext<EventEnvelope> context = new ReceiverContext<>(
                (carrier, key) -> TRACEPARENT.equals(key) ? carrier.traceparent() : null, Kind.CONSUMER);
        context.setCarrier(event);
        context.setRemoteServiceName(event.producer());
        return Observation.createNotStarted("lwm.events.process", () -> context, observations)
            .contextualName(stream + " process")
            .lowCardinalityKeyValue("messaging.system", "redis")
            .lowCardinalityKeyValue("messaging.destination.name", stream)
            .lowCardinalityKeyValue("messaging.consumer.group.name", group)
            .lowCardinalityKeyValue("event.type", event.type())
            .highCardinalityKeyValue("messaging.message.id", String.valueOf(event.eventId()));
    }
}
