package com.linkwithmentor.common.events;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records a domain event in the caller's transaction, so the event exists if and only if the
 * business change commits. After the commit the relay is nudged, so publishing waits for no poll.
 *
 * <p>Each append is a producer span ({@code lwm.events.produce}) in the caller's trace, and its W3C
 * trace context travels in the envelope's {@code traceparent}: the consumer's span continues the
 * same trace, however long the event waits in the outbox or the stream.
 */
public class OutboxWriter {

    private final JdbcTemplate jdbc;

    private final JsonMapper jsonMapper;

    private final String producer;

    private final Runnable afterCommit;

    private final ObservationRegistry observations;

    public OutboxWriter(JdbcTemplate jdbc, JsonMapper jsonMapper, String producer, Runnable afterCommit) {
        this(jdbc, jsonMapper, producer, afterCommit, ObservationRegistry.NOOP);
    }

    public OutboxWriter(JdbcTemplate jdbc, JsonMapper jsonMapper, String producer, Runnable afterCommit,
            ObservationRegistry observations) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
        this.producer = producer;
        this.afterCommit = afterCommit;
        this.observations = observations;
    }

    /** Appends an event (payload version 1) to the outbox; must run inside a transaction. */
    public EventEnvelope append(String stream, String type, @Nullable Object subjectId, Object payload) {
        return append(stream, type, 1, subjectId, payload);
    }

    public EventEnvelope append(String stream, String type, int version, @Nullable Object subjectId, Object payload) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox events must be written inside the transaction of the change they describe");
        }
        SenderContext<Map<String, String>> context = new SenderContext<>((carrier, key, value) -> {
            if (carrier != null) {
                carrier.put(key, value);
            }
        }, Kind.PRODUCER);
        context.setCarrier(new HashMap<>());
        context.setRemoteServiceName("redis");
        Observation observation = Observation.createNotStarted("lwm.events.produce", () -> context, observations)
            .contextualName(stream + " publish")
            .lowCardinalityKeyValue("messaging.system", "redis")
            .lowCardinalityKeyValue("messaging.destination.name", stream)
            .lowCardinalityKeyValue("event.type", type)
            .start();
        try {
            String traceparent = context.getCarrier() != null ? context.getCarrier().get(EventTracing.TRACEPARENT) : null;
            EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), type, version, Instant.now(), producer,
                    subjectId != null ? subjectId.toString() : null, jsonMapper.valueToTree(payload), traceparent);
            observation.highCardinalityKeyValue("messaging.message.id", envelope.eventId().toString());
            jdbc.update("""
                    INSERT INTO event_outbox (event_id, stream, event_type, subject_id, envelope)
                    VALUES (?, ?, ?, ?, CAST(? AS jsonb))
                    """, envelope.eventId(), stream, type, envelope.subjectId(), jsonMapper.writeValueAsString(envelope));
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    OutboxWriter.this.afterCommit.run();
                }
            });
            return envelope;
        }
        catch (RuntimeException ex) {
            observation.error(ex);
            throw ex;
        }
        finally {
            observation.stop();
        }
    }
}
