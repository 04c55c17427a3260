-- Categorization: each user's learned rules (their corrections), labelled examples for training, and the
-- classifier versions published to every instance (hot-swapped without a restart).
CREATE TABLE category_rules (
    user_id    text        NOT NULL,
    rule_key   text        NOT NULL CHECK (length(rule_key) BETWEEN 1 AND 200),
    category   text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, rule_key)
);

CREATE TABLE labelled_examples (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id        text          NOT NULL,
    description    text          NOT NULL,
    merchant       text          NULL,
    amount         numeric(14,2) NULL,
    type           text          NULL CHECK (type IN ('debit', 'credit')),
    txn_date       date          NULL,
    category       text          NOT NULL,
    source         text          NOT NULL CHECK (source IN ('feedback', 'training_upload')),
    transaction_id bigint        NULL,
    created_at     timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX ix_labelled_examples_user ON labelled_examples (user_id, created_at DESC);

CREATE TABLE classifier_models (
    version      text        PRIMARY KEY,
    artifact     bytea       NOT NULL,
    sha256       text        NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now()
);
