-- Calls: who was rung, who joined, how it ended. One live call per mentorship session.
CREATE TABLE calls (
    call_id      uuid PRIMARY KEY,
    session_id   uuid,
    caller_id    uuid        NOT NULL,
    call_type    text        NOT NULL CHECK (call_type IN ('audio', 'video', 'screen_share')),
    status       text        NOT NULL CHECK (status IN ('ringing', 'active', 'ended')),
    end_reason   text        CHECK (end_reason IN ('completed', 'declined', 'missed', 'failed')),
    ended_by     uuid,
    created_at   timestamptz NOT NULL,
    ring_until   timestamptz NOT NULL,
    started_at   timestamptz,
    ended_at     timestamptz,
    version      integer     NOT NULL DEFAULT 0,
    CONSTRAINT calls_ended_has_reason CHECK ((status = 'ended') = (end_reason IS NOT NULL AND ended_at IS NOT NULL)),
    CONSTRAINT calls_active_has_start CHECK (status <> 'active' OR started_at IS NOT NULL),
    CONSTRAINT calls_end_after_start CHECK (ended_at IS NULL OR ended_at >= created_at)
);

CREATE UNIQUE INDEX calls_one_live_call_per_session ON calls (session_id) WHERE status <> 'ended' AND session_id IS NOT NULL;
CREATE INDEX calls_ringing_due ON calls (ring_until) WHERE status = 'ringing';

-- Everyone in a call, in the order the server ranks them (the caller is 0): the rank decides the
-- perfect-negotiation roles. connection_id is the socket now joined; disconnected_at starts the
-- rejoin grace window; left_at closes the participant's part in the call for good.
CREATE TABLE call_participants (
    call_id         uuid        NOT NULL REFERENCES calls ON DELETE CASCADE,
    user_id         uuid        NOT NULL,
    position        smallint    NOT NULL CHECK (position >= 0),
    joined_at       timestamptz,
    left_at         timestamptz,
    connection_id   text,
    connected_at    timestamptz,
    last_seen_at    timestamptz,
    disconnected_at timestamptz,
    PRIMARY KEY (call_id, user_id),
    CONSTRAINT call_participants_rank UNIQUE (call_id, position),
    CONSTRAINT call_participants_connected_or_not CHECK (connection_id IS NULL OR disconnected_at IS NULL)
);

CREATE INDEX call_participants_by_user ON call_participants (user_id, call_id);
CREATE INDEX call_participants_in_grace ON call_participants (disconnected_at) WHERE disconnected_at IS NOT NULL AND left_at IS NULL;
CREATE INDEX call_participants_connected ON call_participants (last_seen_at) WHERE connection_id IS NOT NULL;

-- The TURN credentials handed out, so each can be found and taken back (their keys live in the
-- database coturn reads: Redis, turn/realm/<realm>/user/<username>/key).
CREATE TABLE turn_credentials (
    username    text        PRIMARY KEY,
    call_id     uuid        NOT NULL REFERENCES calls ON DELETE CASCADE,
    user_id     uuid        NOT NULL,
    issued_at   timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

CREATE INDEX turn_credentials_live_by_call ON turn_credentials (call_id) WHERE revoked_at IS NULL;
CREATE INDEX turn_credentials_live_by_user ON turn_credentials (user_id) WHERE revoked_at IS NULL;

-- Users suspended by user-service or moderation-service: they may not call or join.
CREATE TABLE suspended_users (
    user_id      uuid        NOT NULL,
    source       text        NOT NULL,
    suspended_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, source)
);
