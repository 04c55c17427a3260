-- Training: one row per training run (the API reads status from here, never from the Durable state store), and
-- each user's model versions (artifact, metrics, which one is in use). Every row carries user_id.

CREATE TABLE training_jobs (
    job_id        uuid        PRIMARY KEY,   -- also the Durable orchestration instance id
    user_id       text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 128),
    status        text        NOT NULL DEFAULT 'queued'
                              CHECK (status IN ('queued', 'processing', 'completed', 'failed')),
    step          text        NOT NULL DEFAULT 'queued' CHECK (length(step) BETWEEN 1 AND 64),
    progress      real        NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
    metrics       jsonb       NULL,
    model_version text        NULL,
    error         text        NULL,
    -- "api" (POST /training/jobs) or "upload" (POST /training/upload, with the import it started from).
    origin        text        NOT NULL DEFAULT 'api' CHECK (origin IN ('api', 'upload')),
    import_id     uuid        NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz NULL,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    completed_at  timestamptz NULL,
    -- A finished job says when; a failed one says why.
    CHECK ((status IN ('completed', 'failed')) = (completed_at IS NOT NULL)),
    CHECK (status <> 'failed' OR error IS NOT NULL)
);
CREATE INDEX training_jobs_user_created ON training_jobs (user_id, created_at DESC);
-- The stuck-job sweeper reads only unfinished jobs.
CREATE INDEX training_jobs_unfinished ON training_jobs (created_at) WHERE status IN ('queued', 'processing');

-- A user's trained models. At most one active per user; the job that produced a version publishes it once.
CREATE TABLE user_models (
    user_id       text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 128),
    model_version text        NOT NULL CHECK (length(model_version) BETWEEN 1 AND 100),
    job_id        uuid        NOT NULL UNIQUE,
    artifact      bytea       NOT NULL,
    sha256        text        NOT NULL CHECK (length(sha256) = 64),
    metrics       jsonb       NOT NULL,
    active        boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, model_version)
);
CREATE UNIQUE INDEX user_models_one_active ON user_models (user_id) WHERE active;

-- Labelled rows from training uploads are keyed by the transaction's fingerprint, so uploading the same file
-- twice adds no second copy of its examples (feedback rows keep no fingerprint: each correction counts).
ALTER TABLE labelled_examples ADD COLUMN fingerprint text NULL CHECK (fingerprint IS NULL OR length(fingerprint) = 64);
CREATE UNIQUE INDEX labelled_examples_upload_fingerprint ON labelled_examples (user_id, fingerprint)
    WHERE fingerprint IS NOT NULL;
