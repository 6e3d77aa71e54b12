package com.linkwithmentor.common.events;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import tools.jackson.databind.json.JsonMapper;

/**
 * Records a domain event in the caller's transaction, so the event exists if and only if the
 * business change commits. After the commit the relay is nudged, so publishing waits for no poll.
 */
public class OutboxWriter {

    private final JdbcTemplate jdbc;

    private final JsonMapper jsonMapper;

    private final String producer;

    private final Runnable afterCommit;

    public OutboxWriter(JdbcTemplate jdbc, JsonMapper jsonMapper, String producer, Runnable afterCommit) {
        this.jdbc = jdbc;
        this.jsonMapper = jsonMapper;
        this.producer = producer;
        this.afterCommit = afterCommit;
    }

    /** Appends an event (payload version 1) to the outbox; must run inside a transaction. */
    public EventEnvelope append(String stream, String type, @Nullable Object subjectId, Object payload) {
        return append(stream, type, 1, subjectId, payload);
    }

    public EventEnvelope append(String stream, String type, int version, @Nullable Object subjectId, Object payload) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("Outbox events must be written inside the transaction of the change they describe");
        }
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID(), type, version, Instant.now(), producer,
                subjectId != null ? subjectId.toString() : null, jsonMapper.valueToTree(payload));
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
}
