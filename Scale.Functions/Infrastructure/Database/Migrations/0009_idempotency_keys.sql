-- Idempotency-Key (API.md): the first response to a create request, replayed to a retry with the same key and
-- body. Scoped per user (one user's key never answers another's request), kept 24 hours (the purge job deletes
-- older rows; a row past its age is never replayed even before it is purged).

CREATE TABLE idempotency_keys (
    user_id       text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 128),
    idem_key      text        NOT NULL CHECK (length(idem_key) BETWEEN 1 AND 255),
    -- Which route and which body the key was first used with (SHA-256 of route + canonical body): the same key
    -- on another route or with another body is 422, never a replay of something else.
    request_hash  bytea       NOT NULL CHECK (length(request_hash) = 32),
    -- 'in_progress' while the first request runs (a concurrent retry gets 409); 'completed' once its response is
    -- stored. A claim whose request died with its host is taken over after a few minutes.
    state         text        NOT NULL DEFAULT 'in_progress' CHECK (state IN ('in_progress', 'completed')),
    status_code   integer     NULL CHECK (status_code BETWEEN 200 AND 499),
    content_type  text        NULL,
    location      text        NULL,
    body          bytea       NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    completed_at  timestamptz NULL,
    PRIMARY KEY (user_id, idem_key),
    CHECK ((state = 'completed') = (status_code IS NOT NULL AND completed_at IS NOT NULL))
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
