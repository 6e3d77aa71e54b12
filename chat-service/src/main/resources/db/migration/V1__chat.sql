-- Conversations: a direct (1:1) conversation between two users, a group with an owner, or the
-- conversation of one mentorship session (its id lives in the meetings schema: no foreign key).
-- A direct conversation stores its pair ordered (low < high), so one pair has exactly one.
CREATE TABLE conversations (
    conversation_id  UUID PRIMARY KEY DEFAULT uuidv7(),
    kind             VARCHAR(10)  NOT NULL CHECK (kind IN ('direct', 'group', 'session')),
    title            VARCHAR(200),
    created_by       UUID         NOT NULL,
    direct_user_low  UUID,
    direct_user_high UUID,
    session_id       UUID,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT conversations_direct_pair CHECK (
        (kind = 'direct') = (direct_user_low IS NOT NULL AND direct_user_high IS NOT NULL)),
    CONSTRAINT conversations_direct_pair_ordered CHECK (direct_user_low < direct_user_high),
    CONSTRAINT conversations_session_id CHECK ((kind = 'session') = (session_id IS NOT NULL))
);
CREATE UNIQUE INDEX conversations_one_per_pair ON conversations (direct_user_low, direct_user_high) WHERE kind = 'direct';
CREATE UNIQUE INDEX conversations_one_per_session ON conversations (session_id) WHERE kind = 'session';

-- The per-conversation message counter. Sending a message increments it in the sending
-- transaction, so sequence numbers are gap-free among committed visible messages, and the row
-- lock orders concurrent senders of one conversation without touching the conversation row.
CREATE TABLE conversation_sequences (
    conversation_id UUID PRIMARY KEY REFERENCES conversations (conversation_id) ON DELETE CASCADE,
    last_seq        BIGINT      NOT NULL DEFAULT 0,
    last_message_at TIMESTAMPTZ
);

-- Membership. A member who leaves keeps the row (left_at set), so a former member is told
-- "you left" rather than "not found", and rejoining keeps the read position.
CREATE TABLE conversation_members (
    conversation_id UUID        NOT NULL REFERENCES conversations (conversation_id) ON DELETE CASCADE,
    user_id         UUID        NOT NULL,
    role            VARCHAR(10) NOT NULL CHECK (role IN ('owner', 'member')),
    last_read_seq   BIGINT      NOT NULL DEFAULT 0,
    joined_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    left_at         TIMESTAMPTZ,
    PRIMARY KEY (conversation_id, user_id)
);
CREATE INDEX conversation_members_active_by_user ON conversation_members (user_id, conversation_id) WHERE left_at IS NULL;

-- Messages. seq is assigned by the server from conversation_sequences; a message blocked by
-- moderation when sent gets none (it is stored for the sender's idempotent resend and for
-- review, never shown to anyone else). client_msg_id makes a resend return the first result.
CREATE TABLE messages (
    message_id            UUID PRIMARY KEY DEFAULT uuidv7(),
    conversation_id       UUID         NOT NULL REFERENCES conversations (conversation_id) ON DELETE CASCADE,
    seq                   BIGINT,
    sender_id             UUID         NOT NULL,
    client_msg_id         VARCHAR(64)  NOT NULL,
    content               TEXT         NOT NULL,
    message_type          VARCHAR(20)  NOT NULL DEFAULT 'text' CHECK (message_type IN ('text')),
    moderation_status     VARCHAR(10)  NOT NULL
        CHECK (moderation_status IN ('approved', 'flagged', 'pending', 'blocked')),
    moderation_categories TEXT[]       NOT NULL DEFAULT '{}',
    moderation_checked_at TIMESTAMPTZ,
    recheck_attempts      INTEGER      NOT NULL DEFAULT 0,
    recheck_not_before    TIMESTAMPTZ,
    created_at            TIMESTAMPTZ  NOT NULL DEFAULT now(),
    edited_at             TIMESTAMPTZ,
    deleted_at            TIMESTAMPTZ,
    CONSTRAINT messages_visible_have_seq CHECK (seq IS NOT NULL OR moderation_status = 'blocked'),
    CONSTRAINT messages_content_bounded CHECK (char_length(content) <= 20000)
);
CREATE UNIQUE INDEX messages_conversation_seq ON messages (conversation_id, seq);
CREATE UNIQUE INDEX messages_sender_client_msg ON messages (sender_id, client_msg_id);
CREATE INDEX messages_pending_review ON messages (sender_id, created_at) WHERE moderation_status = 'pending';

-- Who may not send, as moderation-service (events.moderation) and user-service (events.users)
-- said. One row per source and kind, so lifting one source's suspension leaves the other's.
CREATE TABLE sender_restrictions (
    user_id    UUID        NOT NULL,
    source     VARCHAR(20) NOT NULL CHECK (source IN ('moderation', 'users')),
    kind       VARCHAR(10) NOT NULL CHECK (kind IN ('muted', 'suspended')),
    reason     TEXT,
    until      TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, source, kind)
);
