-- Provided by common-lib; every service that produces or consumes durable events lists
-- classpath:db/outbox in spring.flyway.locations, so these tables land in its own schema.

-- Events written in the same transaction as the business change; the relay publishes them
-- to their Redis Stream in id order and stamps published_at.
CREATE TABLE event_outbox (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     UUID         NOT NULL UNIQUE,
    stream       VARCHAR(100) NOT NULL,
    event_type   VARCHAR(100) NOT NULL,
    subject_id   VARCHAR(100),
    envelope     JSONB        NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    published_at TIMESTAMPTZ
);

CREATE INDEX event_outbox_unpublished ON event_outbox (id) WHERE published_at IS NULL;
CREATE INDEX event_outbox_published_at ON event_outbox (published_at) WHERE published_at IS NOT NULL;

-- Events this service's consumer groups have handled, so a redelivery is handled once.
CREATE TABLE processed_event (
    consumer_group VARCHAR(100) NOT NULL,
    event_id       UUID         NOT NULL,
    processed_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer_group, event_id)
);

CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
