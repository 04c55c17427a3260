-- Ingestion: imported transactions, one row per import request/file, and uploaded statement files.

-- One row per import (JSON request, statement file, training file): what came in and what happened to it.
CREATE TABLE imports (
    import_id           uuid        PRIMARY KEY,
    user_id             text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 128),
    source              text        NOT NULL CHECK (length(source) BETWEEN 1 AND 64),
    upload_id           uuid        NULL,
    received            int         NOT NULL CHECK (received >= 0),
    inserted            int         NOT NULL CHECK (inserted >= 0),
    skipped_duplicates  int         NOT NULL CHECK (skipped_duplicates >= 0),
    skipped_zero_amount int         NOT NULL CHECK (skipped_zero_amount >= 0),
    rejected            int         NOT NULL CHECK (rejected >= 0),
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX imports_user_created ON imports (user_id, created_at DESC);

CREATE TABLE transactions (
    id             bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        text          NOT NULL CHECK (length(user_id) BETWEEN 1 AND 128),
    -- TransactionFingerprint (Scale.Domain/Ingestion): lower-case SHA-256 hex, the row's identity per user.
    -- Checks here are cheap on purpose: regex checks cost ~30% of a bulk import; DraftRules validates the rest.
    fingerprint    text          NOT NULL CHECK (length(fingerprint) = 64),
    txn_date       date          NOT NULL,
    amount         numeric(14,2) NOT NULL CHECK (amount > 0),
    type           text          NOT NULL CHECK (type IN ('debit', 'credit')),
    currency       char(3)       NOT NULL DEFAULT 'INR' CHECK (currency = upper(currency)),
    description    text          NOT NULL,
    merchant       text          NULL,
    category       text          NULL,
    payment_method text          NULL,
    reference      text          NULL,
    raw_data       jsonb         NULL,
    import_id      uuid          NOT NULL,
    upload_id      uuid          NULL,
    created_at     timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT transactions_user_fingerprint UNIQUE (user_id, fingerprint)
);
-- The listing's order and keyset (GET /transactions), and its filters. No (user_id, category) index: a category
-- filter walks one user's rows by date (thousands, not millions), and every index taxes each bulk import.
CREATE INDEX transactions_user_date_id ON transactions (user_id, txn_date DESC, id DESC);
CREATE INDEX transactions_user_merchant ON transactions (user_id, merchant);
CREATE INDEX transactions_user_amount ON transactions (user_id, amount);
-- Containment queries over the original statement columns (raw_data @> '{"Chq./Ref.No.": "..."}').
-- A 64 MB pending list lets a bulk import append GIN entries instead of merging them row by row (measured: the
-- index's share of a 100k-row insert falls from 0.87 s to 0.48 s); autovacuum, tuned to 5% below, folds the list
-- into the index soon after, and queries meanwhile also scan the list. raw_data lookups are rare; imports are not.
CREATE INDEX transactions_raw_data ON transactions USING gin (raw_data jsonb_path_ops) WITH (gin_pending_list_limit = 65536);

-- Bulk imports make this table grow in steps: analyze and vacuum after 5% changes, not the default 10/20%.
ALTER TABLE transactions SET (
    autovacuum_vacuum_scale_factor = 0.05,
    autovacuum_analyze_scale_factor = 0.05,
    autovacuum_vacuum_insert_scale_factor = 0.05);

-- A statement file: uploaded through the API (row first, then the blob) or dropped into the container directly.
CREATE TABLE uploaded_files (
    upload_id           uuid        PRIMARY KEY,
    user_id             text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 128),
    file_name           text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    blob_name           text        NOT NULL,
    origin              text        NOT NULL DEFAULT 'api' CHECK (origin IN ('api', 'blob')),
    status              text        NOT NULL DEFAULT 'pending'
                                    CHECK (status IN ('pending', 'processing', 'completed', 'failed')),
    bank                text        NULL,
    format              text        NULL,
    import_id           uuid        NULL,
    inserted            int         NULL,
    skipped_duplicates  int         NULL,
    skipped_zero_amount int         NULL,
    rejected            int         NULL,
    error               text        NULL,
    attempts            int         NOT NULL DEFAULT 0,
    -- Claim: the processor that set status 'processing' and until when; a lapsed lease may be taken over.
    claimed_by          text        NULL,
    lease_until         timestamptz NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    started_at          timestamptz NULL,
    completed_at        timestamptz NULL,
    CONSTRAINT uploaded_files_blob_name UNIQUE (blob_name)
);
CREATE INDEX uploaded_files_user_created ON uploaded_files (user_id, created_at DESC, upload_id DESC);
-- The stalled-upload sweep looks only at unfinished uploads: a handful among many finished ones.
CREATE INDEX uploaded_files_unfinished ON uploaded_files (created_at) WHERE status IN ('pending', 'processing');
