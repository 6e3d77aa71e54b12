-- Accounts. Usernames and emails are unique case-insensitively; a Google-only account has no password.
CREATE TABLE users (
    user_id          UUID PRIMARY KEY DEFAULT uuidv7(),
    username         VARCHAR(50)  NOT NULL,
    email            VARCHAR(255) NOT NULL,
    roles            TEXT[]       NOT NULL DEFAULT '{mentee}',
    hashed_password  VARCHAR(255),
    email_verified   BOOLEAN      NOT NULL DEFAULT FALSE,
    google_subject   VARCHAR(255) UNIQUE,
    status           VARCHAR(20)  NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    suspended_reason TEXT,
    suspended_at     TIMESTAMPTZ,
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT users_roles_known CHECK (roles <@ ARRAY['mentee', 'mentor', 'admin']::TEXT[]),
    CONSTRAINT users_roles_not_empty CHECK (cardinality(roles) > 0)
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_created_at ON users (created_at, user_id);

CREATE TABLE profiles (
    user_id             UUID PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    display_name        VARCHAR(100),
    bio                 TEXT,
    payment_preferences JSONB,
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- search_vector covers the username, display name, bio and specializations; the service
-- recomputes it whenever one of them changes (they live in three tables).
CREATE TABLE mentor_profiles (
    user_id                  UUID PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    headline                 VARCHAR(200),
    specializations          JSONB         NOT NULL DEFAULT '[]',
    specialization_tags      TEXT[]        NOT NULL DEFAULT '{}',
    hourly_rate              NUMERIC(10, 2),
    currency                 VARCHAR(3)    NOT NULL DEFAULT 'INR',
    availability             JSONB,
    rating                   NUMERIC(3, 2) NOT NULL DEFAULT 0.00 CHECK (rating BETWEEN 0 AND 5),
    total_sessions_as_mentor INTEGER       NOT NULL DEFAULT 0,
    years_of_experience      INTEGER CHECK (years_of_experience BETWEEN 0 AND 80),
    certifications           TEXT[]        NOT NULL DEFAULT '{}',
    is_accepting_mentees     BOOLEAN       NOT NULL DEFAULT TRUE,
    search_vector            TSVECTOR      NOT NULL DEFAULT ''::tsvector,
    created_at               TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at               TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX mentor_profiles_search ON mentor_profiles USING GIN (search_vector);
CREATE INDEX mentor_profiles_tags ON mentor_profiles USING GIN (specialization_tags);
CREATE INDEX mentor_profiles_rating ON mentor_profiles (rating DESC, user_id);
CREATE INDEX mentor_profiles_rate ON mentor_profiles (hourly_rate, user_id);

CREATE TABLE mentee_profiles (
    user_id                  UUID PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    learning_goals           JSONB       NOT NULL DEFAULT '[]',
    interests                TEXT[]      NOT NULL DEFAULT '{}',
    experience_level         VARCHAR(20) NOT NULL DEFAULT 'beginner'
        CHECK (experience_level IN ('beginner', 'intermediate', 'advanced')),
    total_sessions_as_mentee INTEGER     NOT NULL DEFAULT 0,
    preferred_session_types  TEXT[]      NOT NULL DEFAULT '{}',
    created_at               TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at               TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- At most one primary method per user: a partial unique index (the seed's EXCLUDE clause is not valid SQL).
CREATE TABLE payment_methods (
    payment_method_id UUID PRIMARY KEY DEFAULT uuidv7(),
    user_id           UUID         NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    label             VARCHAR(100) NOT NULL,
    provider          VARCHAR(20)  NOT NULL CHECK (provider IN ('upi', 'paypal', 'google_pay', 'stripe', 'razorpay')),
    vpa_address       VARCHAR(255) NOT NULL,
    is_primary        BOOLEAN      NOT NULL DEFAULT FALSE,
    is_active         BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX payment_methods_user ON payment_methods (user_id, is_active);
CREATE UNIQUE INDEX payment_methods_one_primary ON payment_methods (user_id) WHERE is_primary;
CREATE UNIQUE INDEX payment_methods_no_duplicates ON payment_methods (user_id, provider, lower(vpa_address));

-- Refresh tokens: opaque, stored as SHA-256, rotated on use. All tokens of one login share a
-- family (= the login session id, the access token's sid); reusing a rotated token revokes it.
CREATE TABLE refresh_tokens (
    token_hash  BYTEA PRIMARY KEY,
    session_id  UUID        NOT NULL,
    user_id     UUID        NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    active_role VARCHAR(20) NOT NULL,
    issued_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at  TIMESTAMPTZ NOT NULL,
    rotated_at  TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id) WHERE revoked_at IS NULL;

-- Single-use emailed tokens (email verification, password reset), stored as SHA-256.
CREATE TABLE one_time_tokens (
    token_hash BYTEA PRIMARY KEY,
    user_id    UUID        NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    purpose    VARCHAR(20) NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    email      VARCHAR(255) NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at    TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX one_time_tokens_user ON one_time_tokens (user_id, purpose);

-- Token signing keys generated when none are configured (development). Production supplies
-- them through configuration and this table stays empty.
CREATE TABLE signing_keys (
    key_id     VARCHAR(64) PRIMARY KEY,
    jwk        TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
