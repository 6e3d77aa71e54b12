-- The ledger: the record of all money (docs: payment-service package-info). Double entry: every
-- movement is one journal entry whose postings sum to zero per currency; amounts are integers of
-- minor units (paise); a posting's sign is its side (+ debit, - credit). Whatever the application
-- does, the database refuses an unbalanced entry, a negative balance on an account that must never
-- go negative, a balance that is not the sum of its postings, and any change to history.

CREATE TABLE accounts (
    account_id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code          VARCHAR(200) NOT NULL,
    kind          VARCHAR(30)  NOT NULL CHECK (kind IN ('provider_clearing', 'platform_revenue', 'escrow', 'mentor_pending',
                                                        'mentor_available', 'payouts_in_flight', 'refunds_in_flight')),
    owner_id      UUID,
    subject_id    UUID,
    currency      CHAR(3)      NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    normal_side   VARCHAR(6)   NOT NULL CHECK (normal_side IN ('debit', 'credit')),
    non_negative  BOOLEAN      NOT NULL,
    -- Kept by the postings trigger only (see accounts_guard); always the sum of the account's postings.
    balance_minor BIGINT       NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT accounts_code_currency UNIQUE (code, currency),
    CONSTRAINT accounts_id_currency UNIQUE (account_id, currency),
    CONSTRAINT accounts_never_negative CHECK (NOT non_negative OR balance_minor >= 0)
);
CREATE INDEX accounts_owner ON accounts (owner_id, kind) WHERE owner_id IS NOT NULL;

CREATE TABLE journal_entries (
    entry_id    UUID         PRIMARY KEY,
    kind        VARCHAR(40)  NOT NULL,
    tx_id       UUID,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX journal_entries_tx ON journal_entries (tx_id);

CREATE TABLE postings (
    posting_id   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    entry_id     UUID        NOT NULL REFERENCES journal_entries (entry_id),
    account_id   BIGINT      NOT NULL,
    currency     CHAR(3)     NOT NULL,
    amount_minor BIGINT      NOT NULL CHECK (amount_minor <> 0),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- A posting is in its account's currency.
    CONSTRAINT postings_account_currency FOREIGN KEY (account_id, currency) REFERENCES accounts (account_id, currency)
);
CREATE INDEX postings_entry ON postings (entry_id);
CREATE INDEX postings_account ON postings (account_id);

-- A posting moves its account's balance, in the same transaction (row lock on the account).
CREATE FUNCTION postings_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('payments.applying_posting', 'on', true);
    UPDATE accounts
       SET balance_minor = balance_minor + CASE normal_side WHEN 'debit' THEN NEW.amount_minor ELSE -NEW.amount_minor END
     WHERE account_id = NEW.account_id;
    PERFORM set_config('payments.applying_posting', 'off', true);
    RETURN NEW;
END
$$;
CREATE TRIGGER postings_apply AFTER INSERT ON postings FOR EACH ROW EXECUTE FUNCTION postings_apply();

-- A balance changes only through postings; an account starts at zero and keeps what it is.
CREATE FUNCTION accounts_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.balance_minor <> 0 THEN
            RAISE EXCEPTION 'account % must start at a zero balance', NEW.code USING ERRCODE = 'P0001';
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'accounts are never deleted' USING ERRCODE = 'P0001';
    END IF;
    IF NEW.balance_minor IS DISTINCT FROM OLD.balance_minor
            AND coalesce(current_setting('payments.applying_posting', true), 'off') <> 'on' THEN
        RAISE EXCEPTION 'the balance of account % changes only through postings', OLD.code USING ERRCODE = 'P0001';
    END IF;
    IF (NEW.code, NEW.kind, NEW.currency, NEW.normal_side, NEW.non_negative)
            IS DISTINCT FROM (OLD.code, OLD.kind, OLD.currency, OLD.normal_side, OLD.non_negative) THEN
        RAISE EXCEPTION 'account % cannot be redefined', OLD.code USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER accounts_guard BEFORE INSERT OR UPDATE OR DELETE ON accounts FOR EACH ROW EXECUTE FUNCTION accounts_guard();

-- Debits equal credits: checked at commit, once all of an entry's postings are in.
CREATE FUNCTION journal_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    unbalanced TEXT;
    postings_count INT;
BEGIN
    SELECT string_agg(currency || ' ' || total, ', ') INTO unbalanced FROM (
        SELECT currency, sum(amount_minor) AS total FROM postings WHERE entry_id = NEW.entry_id
         GROUP BY currency HAVING sum(amount_minor) <> 0) off_by;
    IF unbalanced IS NOT NULL THEN
        RAISE EXCEPTION 'journal entry % does not balance (%)', NEW.entry_id, unbalanced USING ERRCODE = '23514';
    END IF;
    SELECT count(*) INTO postings_count FROM postings WHERE entry_id = NEW.entry_id;
    IF postings_count < 2 THEN
        RAISE EXCEPTION 'journal entry % needs at least two postings', NEW.entry_id USING ERRCODE = '23514';
    END IF;
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER postings_balanced AFTER INSERT ON postings
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balanced();
CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balanced();

-- History is append-only: a correction is a reversing entry, never an edit.
CREATE FUNCTION refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: post a reversing entry instead', TG_TABLE_NAME USING ERRCODE = 'P0001';
END
$$;
CREATE TRIGGER postings_append_only BEFORE UPDATE OR DELETE ON postings FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER postings_no_truncate BEFORE TRUNCATE ON postings FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries FOR EACH ROW EXECUTE FUNCTION refuse_history_change();
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries FOR EACH STATEMENT EXECUTE FUNCTION refuse_history_change();
