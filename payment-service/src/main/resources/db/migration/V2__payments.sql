-- The user-facing record of money (the Transaction model): one row per payment, hold, release,
-- refund, payout, subscription charge or fee. Its status moves through a state machine the
-- database enforces too: a terminal row never changes, except succeeded -> reversed.
CREATE TABLE transactions (
    tx_id                    UUID         PRIMARY KEY,
    source_user_id           UUID,
    target_user_id           UUID,
    source_payment_method_id UUID,
    target_payment_method_id UUID,
    purpose                  VARCHAR(12)  NOT NULL CHECK (purpose IN ('session', 'course', 'subscription', 'payout')),
    session_id               UUID,
    enrollment_id            UUID,
    course_id                UUID,
    subscription_id          UUID,
    amount_minor             BIGINT       NOT NULL CHECK (amount_minor > 0),
    currency                 CHAR(3)      NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    transaction_type         VARCHAR(20)  NOT NULL CHECK (transaction_type IN ('payment', 'escrow_hold', 'escrow_release',
                                                           'refund', 'payout', 'subscription_charge', 'fee')),
    status                   VARCHAR(12)  NOT NULL CHECK (status IN ('pending', 'processing', 'succeeded', 'failed', 'reversed')),
    provider                 VARCHAR(20),
    gateway_ref              VARCHAR(255),
    provider_payment_id      VARCHAR(255),
    mandate_ref              VARCHAR(255),
    payment_method           VARCHAR(10),
    service_fee_minor        BIGINT       NOT NULL DEFAULT 0 CHECK (service_fee_minor >= 0),
    fee_bps                  INT          CHECK (fee_bps BETWEEN 0 AND 10000),
    parent_tx_id             UUID         REFERENCES transactions (tx_id),
    failure_reason           VARCHAR(200),
    next_action              JSONB,
    created_at               TIMESTAMPTZ  NOT NULL DEFAULT now(),
    completed_at             TIMESTAMPTZ
);
-- One live payment per session and per enrollment: a second checkout finds the first.
CREATE UNIQUE INDEX transactions_one_live_session_payment ON transactions (session_id)
    WHERE transaction_type = 'payment' AND purpose = 'session' AND status IN ('pending', 'processing', 'succeeded');
CREATE UNIQUE INDEX transactions_one_live_enrollment_payment ON transactions (enrollment_id)
    WHERE transaction_type = 'payment' AND purpose = 'course' AND status IN ('pending', 'processing', 'succeeded');
CREATE UNIQUE INDEX transactions_gateway_ref ON transactions (provider, gateway_ref) WHERE gateway_ref IS NOT NULL;
CREATE INDEX transactions_source ON transactions (source_user_id, created_at DESC, tx_id DESC);
CREATE INDEX transactions_target ON transactions (target_user_id, created_at DESC, tx_id DESC);
CREATE INDEX transactions_session ON transactions (session_id) WHERE session_id IS NOT NULL;
CREATE INDEX transactions_subscription ON transactions (subscription_id) WHERE subscription_id IS NOT NULL;
CREATE INDEX transactions_created ON transactions (created_at DESC, tx_id DESC);

CREATE FUNCTION transactions_state_machine() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.tx_id <> OLD.tx_id OR NEW.amount_minor <> OLD.amount_minor OR NEW.currency <> OLD.currency
            OR NEW.transaction_type <> OLD.transaction_type THEN
        RAISE EXCEPTION 'transaction % cannot change its id, amount, currency or type', OLD.tx_id USING ERRCODE = 'P0001';
    END IF;
    IF OLD.status IN ('failed', 'reversed') AND NEW.status <> OLD.status
            OR OLD.status = 'succeeded' AND NEW.status NOT IN ('succeeded', 'reversed') THEN
        RAISE EXCEPTION 'transaction % is % and cannot become %', OLD.tx_id, OLD.status, NEW.status USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER transactions_state_machine BEFORE UPDATE ON transactions FOR EACH ROW EXECUTE FUNCTION transactions_state_machine();

-- Escrow: the mentee's money for one session (or course enrollment), held once and resolved once.
CREATE TABLE holds (
    hold_id        UUID        PRIMARY KEY,
    purpose        VARCHAR(12) NOT NULL CHECK (purpose IN ('session', 'course')),
    subject_id     UUID        NOT NULL UNIQUE,
    course_id      UUID,
    payment_tx_id  UUID        NOT NULL REFERENCES transactions (tx_id),
    payer_id       UUID        NOT NULL,
    mentor_id      UUID        NOT NULL,
    account_id     BIGINT      NOT NULL REFERENCES accounts (account_id),
    amount_minor   BIGINT      NOT NULL CHECK (amount_minor > 0),
    currency       CHAR(3)     NOT NULL,
    fee_bps        INT         NOT NULL CHECK (fee_bps BETWEEN 0 AND 10000),
    status         VARCHAR(12) NOT NULL CHECK (status IN ('held', 'released', 'refunded', 'split')),
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    resolved_at    TIMESTAMPTZ,
    release_after  TIMESTAMPTZ,
    CONSTRAINT holds_resolved_once CHECK ((status = 'held') = (resolved_at IS NULL))
);
CREATE INDEX holds_release_after ON holds (release_after) WHERE status = 'held' AND release_after IS NOT NULL;

CREATE FUNCTION holds_resolve_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status <> 'held' AND (NEW.status, NEW.resolved_at) IS DISTINCT FROM (OLD.status, OLD.resolved_at) THEN
        RAISE EXCEPTION 'hold % is already %', OLD.hold_id, OLD.status USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER holds_resolve_once BEFORE UPDATE ON holds FOR EACH ROW EXECUTE FUNCTION holds_resolve_once();

-- A mentor's earning from a release: pending until the dispute window passes, frozen by a dispute.
CREATE TABLE earnings (
    earning_id   UUID        PRIMARY KEY,
    mentor_id    UUID        NOT NULL,
    source       VARCHAR(12) NOT NULL CHECK (source IN ('session', 'course', 'subscription')),
    subject_id   UUID        NOT NULL,
    tx_id        UUID        NOT NULL REFERENCES transactions (tx_id),
    gross_minor  BIGINT      NOT NULL CHECK (gross_minor > 0),
    fee_minor    BIGINT      NOT NULL CHECK (fee_minor >= 0),
    net_minor    BIGINT      NOT NULL CHECK (net_minor >= 0 AND net_minor = gross_minor - fee_minor),
    currency     CHAR(3)     NOT NULL,
    status       VARCHAR(12) NOT NULL CHECK (status IN ('pending', 'frozen', 'available', 'refunded', 'split')),
    available_at TIMESTAMPTZ NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    settled_at   TIMESTAMPTZ
);
CREATE INDEX earnings_due ON earnings (available_at) WHERE status = 'pending';
CREATE INDEX earnings_subject ON earnings (subject_id);

CREATE TABLE disputes (
    dispute_id    UUID          PRIMARY KEY,
    session_id    UUID          NOT NULL UNIQUE,
    earning_id    UUID          NOT NULL REFERENCES earnings (earning_id),
    mentee_id     UUID          NOT NULL,
    mentor_id     UUID          NOT NULL,
    reason        VARCHAR(2000) NOT NULL,
    status        VARCHAR(10)   NOT NULL CHECK (status IN ('open', 'decided')),
    decision      VARCHAR(10)   CHECK (decision IN ('refund', 'partial', 'release')),
    refund_minor  BIGINT        CHECK (refund_minor >= 0),
    currency      CHAR(3)       NOT NULL,
    decided_by    UUID,
    decision_note VARCHAR(2000),
    created_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    decided_at    TIMESTAMPTZ,
    CONSTRAINT disputes_decided CHECK ((status = 'decided') = (decision IS NOT NULL AND decided_at IS NOT NULL))
);
CREATE INDEX disputes_open ON disputes (created_at) WHERE status = 'open';

-- Local copies of what other services own, from their events (or a service-token call).
CREATE TABLE session_copies (
    session_id      UUID        PRIMARY KEY,
    mentor_id       UUID        NOT NULL,
    mentee_id       UUID        NOT NULL,
    amount_minor    BIGINT      NOT NULL CHECK (amount_minor >= 0),
    currency        CHAR(3)     NOT NULL,
    status          VARCHAR(20) NOT NULL,
    hold_expires_at TIMESTAMPTZ,
    completed_at    TIMESTAMPTZ,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE enrollment_copies (
    enrollment_id UUID        PRIMARY KEY,
    course_id     UUID        NOT NULL,
    mentee_id     UUID        NOT NULL,
    mentor_id     UUID        NOT NULL,
    amount_minor  BIGINT      NOT NULL CHECK (amount_minor >= 0),
    currency      CHAR(3)     NOT NULL,
    status        VARCHAR(20) NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- What must be sent to a provider, written with the change that needs it and sent by the
-- dispatcher (at once, and again with back-off while the provider is down). The provider sees
-- our transaction id as its reference, so a repeated send is the same operation there.
CREATE TABLE provider_commands (
    command_id      UUID         PRIMARY KEY,
    tx_id           UUID         NOT NULL REFERENCES transactions (tx_id),
    kind            VARCHAR(20)  NOT NULL CHECK (kind IN ('create_payment', 'refund', 'payout', 'mandate_charge')),
    provider        VARCHAR(20)  NOT NULL,
    payload         JSONB        NOT NULL,
    status          VARCHAR(10)  NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    attempts        INT          NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ  NOT NULL,
    last_error      VARCHAR(500),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    sent_at         TIMESTAMPTZ,
    CONSTRAINT provider_commands_one_per_tx UNIQUE (tx_id, kind)
);
CREATE INDEX provider_commands_due ON provider_commands (next_attempt_at) WHERE status = 'queued';

-- Webhooks already applied, by the provider's own event id.
CREATE TABLE webhook_events (
    provider    VARCHAR(20)  NOT NULL,
    event_id    VARCHAR(255) NOT NULL,
    event_type  VARCHAR(100) NOT NULL,
    gateway_ref VARCHAR(255),
    outcome     VARCHAR(20)  NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (provider, event_id)
);

-- Idempotency keys (Stripe's rules): per caller, the request's hash and the first response.
CREATE TABLE idempotency_keys (
    caller_id        VARCHAR(100) NOT NULL,
    idempotency_key  VARCHAR(255) NOT NULL,
    request_method   VARCHAR(10)  NOT NULL,
    request_path     VARCHAR(500) NOT NULL,
    request_hash     CHAR(64)     NOT NULL,
    status           VARCHAR(12)  NOT NULL CHECK (status IN ('in_progress', 'completed')),
    response_status  INT,
    response_body    TEXT,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    locked_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at       TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (caller_id, idempotency_key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

-- Subscriptions (Spring Data JPA aggregates): a mentor's plans and a mentee's subscriptions.
CREATE TABLE subscription_plans (
    plan_id           UUID         PRIMARY KEY,
    mentor_id         UUID         NOT NULL,
    name              VARCHAR(100) NOT NULL,
    plan_interval     VARCHAR(10)  NOT NULL CHECK (plan_interval IN ('weekly', 'monthly')),
    price_minor       BIGINT       NOT NULL CHECK (price_minor > 0),
    currency          VARCHAR(3)   NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    sessions_included INT          NOT NULL CHECK (sessions_included BETWEEN 0 AND 1000),
    active            BOOLEAN      NOT NULL DEFAULT true,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version           BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX subscription_plans_mentor ON subscription_plans (mentor_id) WHERE active;

CREATE TABLE subscriptions (
    subscription_id      UUID         PRIMARY KEY,
    plan_id              UUID         NOT NULL REFERENCES subscription_plans (plan_id),
    mentee_id            UUID         NOT NULL,
    mentor_id            UUID         NOT NULL,
    plan_type            VARCHAR(10)  NOT NULL CHECK (plan_type IN ('weekly', 'monthly')),
    price_minor          BIGINT       NOT NULL CHECK (price_minor > 0),
    currency             VARCHAR(3)   NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    sessions_included    INT          NOT NULL,
    status               VARCHAR(12)  NOT NULL CHECK (status IN ('incomplete', 'active', 'past_due', 'cancelled')),
    start_date           TIMESTAMPTZ,
    end_date             TIMESTAMPTZ,
    auto_renew           BOOLEAN      NOT NULL DEFAULT true,
    cancel_at_period_end BOOLEAN      NOT NULL DEFAULT false,
    provider             VARCHAR(20),
    mandate_ref          VARCHAR(255),
    renewal_attempts     INT          NOT NULL DEFAULT 0,
    next_renewal_at      TIMESTAMPTZ,
    past_due_since       TIMESTAMPTZ,
    cancelled_at         TIMESTAMPTZ,
    cancellation_reason  VARCHAR(40),
    created_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at           TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version              BIGINT       NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX subscriptions_one_live_per_plan ON subscriptions (mentee_id, plan_id)
    WHERE status IN ('incomplete', 'active', 'past_due');
CREATE INDEX subscriptions_due ON subscriptions (next_renewal_at) WHERE status IN ('active', 'past_due');
CREATE INDEX subscriptions_mentee ON subscriptions (mentee_id, created_at DESC);
CREATE INDEX subscriptions_mentor ON subscriptions (mentor_id, created_at DESC);

-- Reconciliation: the provider's settlement report against the ledger, every difference kept.
CREATE TABLE reconciliation_runs (
    run_id      UUID        PRIMARY KEY,
    provider    VARCHAR(20) NOT NULL,
    report_date DATE        NOT NULL,
    lines       INT         NOT NULL,
    matched     INT         NOT NULL,
    mismatches  INT         NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE reconciliation_mismatches (
    mismatch_id           UUID         PRIMARY KEY,
    run_id                UUID         NOT NULL REFERENCES reconciliation_runs (run_id),
    provider              VARCHAR(20)  NOT NULL,
    report_date           DATE         NOT NULL,
    kind                  VARCHAR(30)  NOT NULL CHECK (kind IN ('missing_in_ledger', 'missing_at_provider', 'amount_mismatch')),
    gateway_ref           VARCHAR(255),
    tx_id                 UUID,
    ledger_amount_minor   BIGINT,
    provider_amount_minor BIGINT,
    currency              CHAR(3),
    created_at            TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX reconciliation_mismatches_run ON reconciliation_mismatches (run_id);
