-- lecture-service: courses, their lectures, uploads and transcoding jobs, enrollments, progress.
-- Ids of other services (mentor, mentee) are plain UUIDs: no key crosses a schema.

CREATE TABLE courses (
    course_id     UUID PRIMARY KEY,
    mentor_id     UUID         NOT NULL,
    title         VARCHAR(200) NOT NULL,
    description   VARCHAR(5000) NOT NULL DEFAULT '',
    price_amount  NUMERIC(12, 2) CHECK (price_amount > 0),
    currency      VARCHAR(3),
    visibility    VARCHAR(20)  NOT NULL CHECK (visibility IN ('draft', 'published', 'unlisted')),
    cover_key     VARCHAR(300),
    published_at  TIMESTAMPTZ,
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    version       BIGINT       NOT NULL DEFAULT 0,
    -- Title matches rank before description-only ones (see CourseSearch).
    search_title  TSVECTOR GENERATED ALWAYS AS (to_tsvector('english', title)) STORED,
    search_all    TSVECTOR GENERATED ALWAYS AS (setweight(to_tsvector('english', title), 'A')
                                                || setweight(to_tsvector('english', description), 'B')) STORED,
    CHECK ((price_amount IS NULL) = (currency IS NULL)),
    CHECK ((visibility = 'draft') OR published_at IS NOT NULL)
);

CREATE INDEX courses_mentor ON courses (mentor_id, created_at DESC);
CREATE INDEX courses_published ON courses (published_at DESC, course_id) WHERE visibility = 'published';
CREATE INDEX courses_search_title ON courses USING GIN (search_title) WITH (fastupdate = off);
CREATE INDEX courses_search_all ON courses USING GIN (search_all) WITH (fastupdate = off);

CREATE TABLE lectures (
    lecture_id        UUID PRIMARY KEY,
    course_id         UUID         NOT NULL REFERENCES courses (course_id) ON DELETE CASCADE,
    title             VARCHAR(200) NOT NULL,
    description       VARCHAR(5000) NOT NULL DEFAULT '',
    position          INTEGER      NOT NULL CHECK (position BETWEEN 1 AND 10000),
    free_preview      BOOLEAN      NOT NULL DEFAULT false,
    status            VARCHAR(20)  NOT NULL
        CHECK (status IN ('awaiting_upload', 'uploaded', 'processing', 'ready', 'failed')),
    progress_percent  INTEGER      NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100),
    duration_ms       BIGINT       CHECK (duration_ms >= 0),
    source_height     INTEGER,
    failure_reason    VARCHAR(500),
    thumbnail_key     VARCHAR(300),
    media_prefix      VARCHAR(300),
    created_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    CHECK (status <> 'failed' OR failure_reason IS NOT NULL),
    CHECK (status <> 'ready' OR (duration_ms IS NOT NULL AND media_prefix IS NOT NULL))
);

CREATE INDEX lectures_course ON lectures (course_id, position, created_at);

-- The HLS ladder a lecture was transcoded to: only rungs at or below the source height.
CREATE TABLE lecture_renditions (
    lecture_id  UUID    NOT NULL REFERENCES lectures (lecture_id) ON DELETE CASCADE,
    height      INTEGER NOT NULL CHECK (height > 0),
    width       INTEGER NOT NULL CHECK (width > 0),
    bandwidth   INTEGER NOT NULL CHECK (bandwidth > 0),
    PRIMARY KEY (lecture_id, height)
);

-- A tus upload: its bytes are staged on local disk until complete, then handed to a transcode job.
CREATE TABLE uploads (
    upload_id     UUID PRIMARY KEY,
    lecture_id    UUID         NOT NULL REFERENCES lectures (lecture_id) ON DELETE CASCADE,
    owner_id      UUID         NOT NULL,
    upload_length BIGINT       NOT NULL CHECK (upload_length > 0),
    upload_offset BIGINT       NOT NULL DEFAULT 0,
    metadata      VARCHAR(2000),
    status        VARCHAR(20)  NOT NULL CHECK (status IN ('receiving', 'complete', 'refused', 'terminated')),
    detected_type VARCHAR(100),
    created_at    TIMESTAMPTZ  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    expires_at    TIMESTAMPTZ  NOT NULL,
    CHECK (upload_offset BETWEEN 0 AND upload_length)
);

CREATE INDEX uploads_lecture ON uploads (lecture_id);
CREATE INDEX uploads_expiry ON uploads (expires_at) WHERE status = 'receiving';

-- Transcoding work, claimed with FOR UPDATE SKIP LOCKED; a running job whose heartbeat stops
-- (its instance crashed) is claimed again.
CREATE TABLE transcode_jobs (
    job_id        UUID PRIMARY KEY,
    lecture_id    UUID         NOT NULL REFERENCES lectures (lecture_id) ON DELETE CASCADE,
    upload_id     UUID         NOT NULL,
    source_path   VARCHAR(1000) NOT NULL,
    status        VARCHAR(20)  NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts      INTEGER      NOT NULL DEFAULT 0,
    claimed_by    VARCHAR(100),
    heartbeat_at  TIMESTAMPTZ,
    error         VARCHAR(500),
    created_at    TIMESTAMPTZ  NOT NULL,
    finished_at   TIMESTAMPTZ
);

CREATE INDEX transcode_jobs_open ON transcode_jobs (created_at) WHERE status IN ('queued', 'running');
-- One open job per lecture: a new upload supersedes a queued one (see Transcoding).
CREATE UNIQUE INDEX transcode_jobs_one_open ON transcode_jobs (lecture_id) WHERE status IN ('queued', 'running');

CREATE TABLE enrollments (
    enrollment_id  UUID PRIMARY KEY,
    course_id      UUID        NOT NULL REFERENCES courses (course_id),
    mentee_id      UUID        NOT NULL,
    mentor_id      UUID        NOT NULL,
    status         VARCHAR(20) NOT NULL CHECK (status IN ('pending_payment', 'enrolled', 'cancelled')),
    price_amount   NUMERIC(12, 2),
    currency       VARCHAR(3),
    payment_tx_id  VARCHAR(100),
    refund_percent INTEGER CHECK (refund_percent BETWEEN 0 AND 100),
    enrolled_at    TIMESTAMPTZ,
    cancelled_at   TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    version        BIGINT      NOT NULL DEFAULT 0,
    CHECK ((price_amount IS NULL) = (currency IS NULL)),
    CHECK (status <> 'enrolled' OR enrolled_at IS NOT NULL)
);

-- A mentee holds at most one live enrollment per course.
CREATE UNIQUE INDEX enrollments_one_live ON enrollments (course_id, mentee_id)
    WHERE status IN ('pending_payment', 'enrolled');
CREATE INDEX enrollments_mentee ON enrollments (mentee_id);

-- Where a viewer is in a lecture, and which parts they really watched (merged intervals, seconds).
CREATE TABLE lecture_progress (
    user_id          UUID           NOT NULL,
    lecture_id       UUID           NOT NULL REFERENCES lectures (lecture_id) ON DELETE CASCADE,
    course_id        UUID           NOT NULL,
    position_seconds NUMERIC(10, 3) NOT NULL CHECK (position_seconds >= 0),
    watched          JSONB          NOT NULL DEFAULT '[]',
    watched_seconds  NUMERIC(10, 3) NOT NULL DEFAULT 0 CHECK (watched_seconds >= 0),
    completed_at     TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ    NOT NULL,
    PRIMARY KEY (user_id, lecture_id)
);

CREATE INDEX lecture_progress_course ON lecture_progress (course_id, lecture_id);
