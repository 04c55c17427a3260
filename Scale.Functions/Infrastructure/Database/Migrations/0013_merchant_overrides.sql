-- Issue 12 item 5: the names a user gave their merchants, learned from feedback (POST /categorization/feedback
-- with transaction_id and a merchant other than the one shown). merchant_key is Scale.Domain's MerchantKey of the
-- name SCALE resolved (the lexicon's brand, or the counterparty as printed): imports show display_name for every
-- row whose merchant has that key. The newest rename of a key wins.
CREATE TABLE merchant_overrides (
    user_id      text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 128),
    merchant_key text        NOT NULL CHECK (length(merchant_key) BETWEEN 1 AND 200),
    display_name text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, merchant_key)
);
-- A second rename of a row already shown under the user's name finds the keys behind that name.
CREATE INDEX merchant_overrides_user_display ON merchant_overrides (user_id, display_name);
