-- Moderation events: every flag, block, warning, mute, suspension and reinstatement (the seed's
-- ModerationEvent, plus review state). content_text is kept only for flagged or blocked content,
-- for reviewers and the affected user. Strikes count toward sanctions while strikes_active.
CREATE TABLE moderation_events (
    event_id        UUID PRIMARY KEY DEFAULT uuidv7(),
    user_id         UUID         NOT NULL,
    content_id      VARCHAR(200),
    content_type    VARCHAR(20),
    severity        VARCHAR(10)  NOT NULL CHECK (severity IN ('none', 'low', 'medium', 'high', 'critical')),
    policy_violated TEXT[]       NOT NULL DEFAULT '{}',
    action_taken    VARCHAR(20)  NOT NULL CHECK (action_taken IN ('flag', 'block', 'warn', 'mute', 'suspend', 'reinstate')),
    source          VARCHAR(20)  NOT NULL CHECK (source IN ('analysis', 'behaviour', 'report', 'admin', 'appeal')),
    reason          TEXT,
    policy_version  VARCHAR(80),
    matches         JSONB        NOT NULL DEFAULT '[]',
    content_text    TEXT,
    context         JSONB,
    strikes         SMALLINT     NOT NULL DEFAULT 0 CHECK (strikes >= 0),
    strikes_active  BOOLEAN      NOT NULL DEFAULT FALSE,
    until           TIMESTAMPTZ,
    review_status   VARCHAR(20)  NOT NULL DEFAULT 'none'
        CHECK (review_status IN ('none', 'pending', 'escalated', 'upheld', 'overturned')),
    priority        INTEGER      NOT NULL DEFAULT 0,
    reviewed_by     UUID,
    reviewed_at     TIMESTAMPTZ,
    review_reason   TEXT,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX moderation_events_user ON moderation_events (user_id, event_id DESC);
CREATE INDEX moderation_events_strikes ON moderation_events (user_id, created_at) WHERE strikes_active;
CREATE INDEX moderation_events_queue ON moderation_events (priority DESC, created_at, event_id)
    WHERE review_status IN ('pending', 'escalated');

-- Each user's current standing; no row means good standing. Locked by every change to a user's
-- strikes or sanctions, which serializes them per user.
CREATE TABLE user_standing (
    user_id            UUID PRIMARY KEY,
    status             VARCHAR(20) NOT NULL DEFAULT 'good' CHECK (status IN ('good', 'warned', 'muted', 'suspended')),
    muted_until        TIMESTAMPTZ,
    reason             TEXT,
    sanction_event_id  UUID REFERENCES moderation_events (event_id),
    sanction_threshold INTEGER,
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT user_standing_mute_has_end CHECK (status <> 'muted' OR muted_until IS NOT NULL)
);

-- Reports: one open case per target, one report per reporter in it.
CREATE TABLE report_cases (
    case_id          UUID PRIMARY KEY DEFAULT uuidv7(),
    target_type      VARCHAR(20)  NOT NULL CHECK (target_type IN ('message', 'user', 'session', 'lecture')),
    target_id        VARCHAR(200) NOT NULL,
    reported_user_id UUID         NOT NULL,
    status           VARCHAR(20)  NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'escalated', 'upheld', 'overturned')),
    priority         INTEGER      NOT NULL DEFAULT 0,
    reporter_count   INTEGER      NOT NULL DEFAULT 0,
    decided_by       UUID,
    decided_at       TIMESTAMPTZ,
    decision_reason  TEXT,
    outcome_event_id UUID REFERENCES moderation_events (event_id),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX report_cases_one_open ON report_cases (target_type, target_id) WHERE status IN ('open', 'escalated');
CREATE INDEX report_cases_queue ON report_cases (priority DESC, created_at, case_id) WHERE status IN ('open', 'escalated');
CREATE INDEX report_cases_reported_user ON report_cases (reported_user_id, created_at);

CREATE TABLE reports (
    report_id   UUID PRIMARY KEY DEFAULT uuidv7(),
    case_id     UUID        NOT NULL REFERENCES report_cases (case_id),
    reporter_id UUID        NOT NULL,
    reason      VARCHAR(40) NOT NULL,
    details     TEXT,
    submissions INTEGER     NOT NULL DEFAULT 1,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT reports_one_per_reporter UNIQUE (case_id, reporter_id)
);
CREATE INDEX reports_reporter ON reports (reporter_id, created_at);

-- Appeals by the affected user: one per decision.
CREATE TABLE appeals (
    appeal_id       UUID PRIMARY KEY DEFAULT uuidv7(),
    event_id        UUID        NOT NULL UNIQUE REFERENCES moderation_events (event_id),
    user_id         UUID        NOT NULL,
    reason          TEXT        NOT NULL,
    status          VARCHAR(20) NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'escalated', 'upheld', 'overturned')),
    decided_by      UUID,
    decided_at      TIMESTAMPTZ,
    decision_reason TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX appeals_queue ON appeals (status, created_at, appeal_id);

-- Every admin action, append-only: the triggers below refuse UPDATE, DELETE and TRUNCATE for
-- everyone, this service included. (In production the service role should additionally hold
-- only INSERT and SELECT on it; dropping the triggers then needs the schema owner.)
CREATE TABLE admin_audit_log (
    audit_id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    admin_id    UUID         NOT NULL,
    action      VARCHAR(60)  NOT NULL,
    target_type VARCHAR(30)  NOT NULL,
    target_id   VARCHAR(200) NOT NULL,
    reason      TEXT,
    details     JSONB        NOT NULL DEFAULT '{}',
    request_id  VARCHAR(128),
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX admin_audit_log_admin ON admin_audit_log (admin_id, audit_id DESC);
CREATE INDEX admin_audit_log_target ON admin_audit_log (target_id, audit_id DESC);

CREATE FUNCTION admin_audit_log_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'admin_audit_log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER admin_audit_log_no_update_or_delete
    BEFORE UPDATE OR DELETE ON admin_audit_log
    FOR EACH ROW EXECUTE FUNCTION admin_audit_log_is_append_only();

CREATE TRIGGER admin_audit_log_no_truncate
    BEFORE TRUNCATE ON admin_audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION admin_audit_log_is_append_only();
