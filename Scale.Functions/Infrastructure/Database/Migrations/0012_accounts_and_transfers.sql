-- Issue 12 item 4 (own-account transfers). Which of the user's accounts a row came from, masked as Scale.Domain's
-- AccountLabel writes it ("HDFC XX6789": bank and last four digits, never a full account number); NULL where the
-- source did not say (JSON rows without account, statements without a number above the header, rows from before
-- this migration).
ALTER TABLE transactions
    ADD COLUMN account text NULL CHECK (account IS NULL OR length(account) BETWEEN 1 AND 40),
    -- The two rows of one own-account transfer (a debit and a credit in different accounts) share this id; such
    -- rows are not spending or income. Set by TransferMatcher after an import, cleared by
    -- DELETE /transactions/transfers/{pair_id}.
    ADD COLUMN transfer_pair_id uuid NULL;
-- A pair's rows by its id (the listing's counterpart, the undo). Partial: unpaired rows, nearly all, cost nothing
-- to bulk imports.
CREATE INDEX transactions_user_transfer_pair ON transactions (user_id, transfer_pair_id) WHERE transfer_pair_id IS NOT NULL;

-- Pairs a user undid: the matcher never links exactly these two rows again (an undo sticks across re-imports).
-- Either row may still pair with another row.
CREATE TABLE transfer_dismissals (
    user_id    text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 128),
    debit_id   bigint      NOT NULL,
    credit_id  bigint      NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, debit_id, credit_id)
);
