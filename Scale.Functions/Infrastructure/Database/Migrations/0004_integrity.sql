-- Issue 15 (data integrity): identity across requests and uploads keyed by their content.

-- A statement a client imports in several POST /ingestion/import requests (statement_key). The occurrence index
-- of identical rows counts over the whole statement, by each row's position in it, so splitting a statement
-- into requests and re-sending any part of it change nothing (TransactionFingerprint, Ingestion README).
CREATE TABLE import_statements (
    user_id       text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 128),
    statement_key text        NOT NULL CHECK (length(statement_key) BETWEEN 1 AND 128),
    -- Positions 0 .. rows_seen-1 have been sent: a part may start at rows_seen at the latest (no gaps).
    rows_seen     int         NOT NULL DEFAULT 0 CHECK (rows_seen >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, statement_key)
);

-- Which row (SHA-256 of its canonical key, without the occurrence) stood at which position of a statement.
-- Only for imports that name a statement; rejected and zero-amount rows have no entry.
CREATE TABLE import_statement_rows (
    user_id        text  NOT NULL,
    statement_key  text  NOT NULL,
    position       int   NOT NULL CHECK (position >= 0),
    canonical_hash bytea NOT NULL CHECK (length(canonical_hash) = 32),
    PRIMARY KEY (user_id, statement_key, position),
    FOREIGN KEY (user_id, statement_key) REFERENCES import_statements (user_id, statement_key) ON DELETE CASCADE
);

-- A blob name can be reused ({user}/exports/statement.csv dropped in March and again in April): a dropped blob's
-- upload is identified by its name AND the SHA-256 of its content. API uploads (a fresh upload_id in every name)
-- keep content_sha256 NULL; so do rows from before this migration (an unfinished one adopts the hash of the
-- content it is next delivered with; a finished one never matches new content).
ALTER TABLE uploaded_files ADD COLUMN content_sha256 text NULL CHECK (content_sha256 IS NULL OR length(content_sha256) = 64);
ALTER TABLE uploaded_files DROP CONSTRAINT uploaded_files_blob_name;
CREATE UNIQUE INDEX uploaded_files_blob_content ON uploaded_files (blob_name, content_sha256) NULLS NOT DISTINCT;
