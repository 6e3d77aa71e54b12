-- meeting-service's schema: availability, sessions and what hangs off them. Ids of users live in
-- the users schema: plain UUID columns here, no foreign key across schemas.

-- Exclusion constraints over (uuid =, range &&) need GiST operator classes for uuid: btree_gist.
-- The extension is per database; when another schema installed it first, the default operator
-- classes are found by type wherever it lives.
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- What meeting-service knows about users, kept from events.users (and filled from user-service's
-- mentor-profile endpoint when an event never arrived): whether they mentor, accept mentees, at
-- what rate, and whether they are suspended.
CREATE TABLE directory_users (
    user_id              UUID PRIMARY KEY,
    roles_known          BOOLEAN       NOT NULL DEFAULT FALSE,
    is_mentor            BOOLEAN       NOT NULL DEFAULT FALSE,
    profile_known        BOOLEAN       NOT NULL DEFAULT FALSE,
    is_accepting_mentees BOOLEAN       NOT NULL DEFAULT FALSE,
    hourly_rate          NUMERIC(12, 2) CHECK (hourly_rate >= 0),
    currency             VARCHAR(3)    NOT NULL DEFAULT 'INR' CHECK (currency ~ '^[A-Z]{3}$'),
    suspended            BOOLEAN       NOT NULL DEFAULT FALSE,
    updated_at           TIMESTAMPTZ   NOT NULL DEFAULT now()
);

-- A mentor's weekly availability (JPA aggregate: the row and its three child tables are written
-- whole). Times of day are minutes after local midnight in the mentor's time zone; 1440 = 24:00.
CREATE TABLE availability (
    mentor_id             UUID PRIMARY KEY,
    timezone              VARCHAR(64) NOT NULL,
    buffer_before_minutes INTEGER     NOT NULL CHECK (buffer_before_minutes BETWEEN 0 AND 240),
    buffer_after_minutes  INTEGER     NOT NULL CHECK (buffer_after_minutes BETWEEN 0 AND 240),
    min_notice_minutes    INTEGER     NOT NULL CHECK (min_notice_minutes BETWEEN 0 AND 43200),
    horizon_days          INTEGER     NOT NULL CHECK (horizon_days BETWEEN 1 AND 365),
    max_sessions_per_day  INTEGER CHECK (max_sessions_per_day BETWEEN 1 AND 48),
    version               BIGINT      NOT NULL DEFAULT 0,
    updated_at            TIMESTAMPTZ NOT NULL
);

CREATE TABLE availability_weekly_rule (
    mentor_id    UUID    NOT NULL REFERENCES availability (mentor_id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    day_of_week  INTEGER NOT NULL CHECK (day_of_week BETWEEN 1 AND 7),
    start_minute INTEGER NOT NULL CHECK (start_minute BETWEEN 0 AND 1439),
    end_minute   INTEGER NOT NULL CHECK (end_minute > start_minute AND end_minute <= 1440),
    PRIMARY KEY (mentor_id, position)
);

CREATE TABLE availability_exception (
    mentor_id      UUID    NOT NULL REFERENCES availability (mentor_id) ON DELETE CASCADE,
    position       INTEGER NOT NULL,
    exception_date DATE    NOT NULL,
    available      BOOLEAN NOT NULL,
    start_minute   INTEGER,
    end_minute     INTEGER,
    PRIMARY KEY (mentor_id, position),
    CONSTRAINT availability_exception_window CHECK (
        (available AND start_minute BETWEEN 0 AND 1439 AND end_minute > start_minute AND end_minute <= 1440)
        OR (NOT available AND start_minute IS NULL AND end_minute IS NULL))
);

CREATE TABLE availability_session_length (
    mentor_id UUID    NOT NULL REFERENCES availability (mentor_id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    minutes   INTEGER NOT NULL CHECK (minutes BETWEEN 15 AND 480),
    PRIMARY KEY (mentor_id, position)
);

-- A series of recurring sessions: the rule it was booked with; each occurrence is a session.
CREATE TABLE session_series (
    series_id  UUID PRIMARY KEY,
    mentor_id  UUID         NOT NULL,
    mentee_id  UUID         NOT NULL,
    rrule      VARCHAR(500) NOT NULL,
    timezone   VARCHAR(64)  NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);

-- Sessions (JPA aggregate). blocked_from/blocked_until are the session widened by the mentor's
-- buffers as they were when it was booked; the CHECK ties them to the columns they come from, so
-- the exclusion constraints below hold whatever the application writes.
CREATE TABLE sessions (
    session_id            UUID PRIMARY KEY,
    series_id             UUID REFERENCES session_series (series_id),
    mentor_id             UUID          NOT NULL,
    mentee_id             UUID          NOT NULL,
    title                 VARCHAR(200)  NOT NULL,
    description           VARCHAR(4000),
    session_type          VARCHAR(20)   NOT NULL CHECK (session_type IN ('one_time', 'recurring')),
    origin                VARCHAR(20)   NOT NULL CHECK (origin IN ('booked', 'proposed')),
    status                VARCHAR(20)   NOT NULL CHECK (status IN ('proposed', 'pending_payment', 'scheduled',
                              'in_progress', 'completed', 'cancelled', 'no_show', 'expired', 'declined')),
    scheduled_start       TIMESTAMPTZ   NOT NULL,
    scheduled_end         TIMESTAMPTZ   NOT NULL,
    buffer_before_minutes INTEGER       NOT NULL CHECK (buffer_before_minutes BETWEEN 0 AND 240),
    buffer_after_minutes  INTEGER       NOT NULL CHECK (buffer_after_minutes BETWEEN 0 AND 240),
    blocked_from          TIMESTAMPTZ   NOT NULL,
    blocked_until         TIMESTAMPTZ   NOT NULL,
    actual_start          TIMESTAMPTZ,
    actual_end            TIMESTAMPTZ,
    mentor_joined_at      TIMESTAMPTZ,
    mentee_joined_at      TIMESTAMPTZ,
    price_amount          NUMERIC(12, 2) NOT NULL CHECK (price_amount >= 0),
    price_currency        VARCHAR(3)    NOT NULL CHECK (price_currency ~ '^[A-Z]{3}$'),
    hold_expires_at       TIMESTAMPTZ,
    paid_at               TIMESTAMPTZ,
    reschedule_count      INTEGER       NOT NULL DEFAULT 0 CHECK (reschedule_count >= 0),
    ics_sequence          INTEGER       NOT NULL DEFAULT 0 CHECK (ics_sequence >= 0),
    cancelled_at          TIMESTAMPTZ,
    cancelled_by          UUID,
    cancelled_by_role     VARCHAR(10) CHECK (cancelled_by_role IN ('mentor', 'mentee', 'system')),
    cancel_reason         VARCHAR(500),
    refund_percent        INTEGER CHECK (refund_percent BETWEEN 0 AND 100),
    no_show_party         VARCHAR(10) CHECK (no_show_party IN ('mentor', 'mentee')),
    no_show_reported_by   UUID,
    expired_reason        VARCHAR(30),
    created_at            TIMESTAMPTZ   NOT NULL,
    updated_at            TIMESTAMPTZ   NOT NULL,
    version               BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT sessions_times CHECK (scheduled_end > scheduled_start),
    CONSTRAINT sessions_two_people CHECK (mentor_id <> mentee_id),
    CONSTRAINT sessions_blocked_range CHECK (
        blocked_from = scheduled_start - make_interval(mins => buffer_before_minutes)
        AND blocked_until = scheduled_end + make_interval(mins => buffer_after_minutes)),
    CONSTRAINT sessions_hold CHECK (status <> 'pending_payment' OR hold_expires_at IS NOT NULL),
    CONSTRAINT sessions_series_type CHECK ((session_type = 'recurring') = (series_id IS NOT NULL)),
    -- No double booking: a mentor is in one live session at a time, buffers included...
    CONSTRAINT sessions_mentor_free EXCLUDE USING gist (
        mentor_id WITH =, tstzrange(blocked_from, blocked_until, '[)') WITH &&)
        WHERE (status IN ('proposed', 'pending_payment', 'scheduled', 'in_progress')),
    -- ...and so is a mentee (the mentor's preparation buffers are not the mentee's time).
    CONSTRAINT sessions_mentee_free EXCLUDE USING gist (
        mentee_id WITH =, tstzrange(scheduled_start, scheduled_end, '[)') WITH &&)
        WHERE (status IN ('proposed', 'pending_payment', 'scheduled', 'in_progress'))
);
CREATE INDEX sessions_by_mentor ON sessions (mentor_id, scheduled_start, session_id);
CREATE INDEX sessions_by_mentee ON sessions (mentee_id, scheduled_start, session_id);
CREATE INDEX sessions_by_series ON sessions (series_id, scheduled_start) WHERE series_id IS NOT NULL;
CREATE INDEX sessions_holds ON sessions (hold_expires_at) WHERE status = 'pending_payment';
CREATE INDEX sessions_open ON sessions (scheduled_end) WHERE status IN ('proposed', 'scheduled', 'in_progress');

-- The refund policy is data: for who cancelled, the rule with the largest notice the cancellation
-- still gave applies. Changing these rows changes the policy for every later cancellation.
CREATE TABLE refund_policy (
    cancelled_by_role  VARCHAR(10) NOT NULL CHECK (cancelled_by_role IN ('mentor', 'mentee', 'system')),
    min_notice_minutes INTEGER     NOT NULL CHECK (min_notice_minutes >= 0),
    refund_percent     INTEGER     NOT NULL CHECK (refund_percent BETWEEN 0 AND 100),
    PRIMARY KEY (cancelled_by_role, min_notice_minutes)
);
INSERT INTO refund_policy (cancelled_by_role, min_notice_minutes, refund_percent) VALUES
    ('mentee', 1440, 100),
    ('mentee', 120, 50),
    ('mentee', 0, 0),
    ('mentor', 0, 100),
    ('system', 0, 100);

-- Idempotency-Key of booking requests: claimed in the booking's own transaction, so a key exists
-- exactly when its booking committed; a retry with the same key and body gets the same sessions.
CREATE TABLE idempotency_keys (
    user_id         UUID         NOT NULL,
    idempotency_key VARCHAR(100) NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    result_kind     VARCHAR(20),
    result_id       UUID,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, idempotency_key)
);

-- A user's private calendar feed: only the SHA-256 of the secret token is kept.
CREATE TABLE calendar_feeds (
    user_id    UUID PRIMARY KEY,
    token_hash VARCHAR(64) NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);

-- The whiteboard as last written back from its live state in Redis (whiteboard:{session_id}).
-- elements maps element id to {kind, data, version, deleted, updated_by, updated_at}; deleted
-- elements stay as tombstones so a late update cannot bring them back.
CREATE TABLE whiteboards (
    session_id UUID PRIMARY KEY REFERENCES sessions (session_id) ON DELETE CASCADE,
    elements   JSONB       NOT NULL DEFAULT '{}',
    version    BIGINT      NOT NULL DEFAULT 0 CHECK (version >= 0),
    updated_by UUID,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE session_notes (
    session_id UUID PRIMARY KEY REFERENCES sessions (session_id) ON DELETE CASCADE,
    content    TEXT        NOT NULL,
    version    BIGINT      NOT NULL CHECK (version >= 1),
    updated_by UUID        NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE private_notes (
    session_id UUID        NOT NULL REFERENCES sessions (session_id) ON DELETE CASCADE,
    user_id    UUID        NOT NULL,
    content    TEXT        NOT NULL,
    version    BIGINT      NOT NULL CHECK (version >= 1),
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (session_id, user_id)
);

CREATE TABLE materials (
    material_id  UUID PRIMARY KEY,
    session_id   UUID         NOT NULL REFERENCES sessions (session_id) ON DELETE CASCADE,
    uploaded_by  UUID         NOT NULL,
    filename     VARCHAR(255) NOT NULL,
    content_type VARCHAR(127) NOT NULL,
    size_bytes   BIGINT       NOT NULL CHECK (size_bytes > 0),
    sha256       VARCHAR(64)  NOT NULL,
    storage_key  VARCHAR(500) NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX materials_by_session ON materials (session_id, created_at, material_id);
