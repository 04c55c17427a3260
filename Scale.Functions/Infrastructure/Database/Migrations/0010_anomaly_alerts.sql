-- Anomaly alerts (issue 9): what Scale.Domain/Anomalies found in a user's debits, recomputed after every change to
-- their transactions (import, recategorization) in one transaction, so GET /anomaly/alerts is a plain read.
-- The recompute runs off the request path (anomaly_recompute_requests below), so a 40,000-row import does not wait
-- for a pass over the user's whole history.
-- alert_id is derived from (user, transaction, kind) (AnomalyAlertIds), so a recomputation that finds the same
-- alert gives it the same id. Amount and description are read from the transaction; its date is kept here for the
-- listing's keyset index (a stored transaction's date never changes).
CREATE TABLE anomaly_alerts (
    user_id        text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 128),
    alert_id       uuid        NOT NULL,
    transaction_id bigint      NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
    kind           text        NOT NULL CHECK (kind IN ('amount_spike', 'duplicate_charge', 'new_merchant', 'unusual_frequency')),
    score          real        NOT NULL CHECK (score BETWEEN 0 AND 1),
    explanation    text        NOT NULL CHECK (length(explanation) BETWEEN 1 AND 1000),
    txn_date       date        NOT NULL,
    computed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, alert_id),
    CONSTRAINT anomaly_alerts_one_per_kind UNIQUE (user_id, transaction_id, kind)
);
-- The listing: one user's alerts newest first, from a date on.
CREATE INDEX anomaly_alerts_user_date ON anomaly_alerts (user_id, txn_date DESC, alert_id DESC);
CREATE INDEX anomaly_alerts_transaction ON anomaly_alerts (transaction_id);

-- Dismissals live apart from the alerts: recomputation replaces a user's alerts wholesale, and an alert that
-- disappears (later history made it ordinary) and comes back keeps its id, so it comes back dismissed.
CREATE TABLE anomaly_dismissals (
    user_id      text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 128),
    alert_id     uuid        NOT NULL,
    dismissed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, alert_id)
);

-- Users whose alerts are out of date: a change to their transactions upserts the row (cheap, inside the request);
-- the AnomalyRecompute timer recomputes and deletes it only if requested_at did not move meanwhile, so a change
-- that lands during a recompute is recomputed again on the next tick. One row per user coalesces bursts of imports.
CREATE TABLE anomaly_recompute_requests (
    user_id      text        PRIMARY KEY CHECK (length(user_id) BETWEEN 1 AND 128),
    requested_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX anomaly_recompute_requests_oldest ON anomaly_recompute_requests (requested_at);
