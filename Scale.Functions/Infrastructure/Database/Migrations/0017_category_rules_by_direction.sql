-- A rule can apply to one direction: correcting a Swiggy payment to Food says nothing about the Swiggy refund the
-- model files under Refunds. Rules for one direction get a table of their own; category_rules keeps the rules for
-- both directions (every rule stored before this migration, and feedback that named no transaction and no type)
-- with its schema unchanged, so the previous release still reads and writes it: a rollback ignores the
-- one-direction rules (those rows fall back to the model) instead of failing on a changed key.
CREATE TABLE category_rules_by_direction (
    user_id    text        NOT NULL,
    rule_key   text        NOT NULL CHECK (length(rule_key) BETWEEN 1 AND 200),
    direction  text        NOT NULL CHECK (direction IN ('debit', 'credit')),
    category   text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, rule_key, direction)
);

-- Every rule of a user as the app reads, lists and stamps them: direction 'any' for a rule of both directions.
CREATE VIEW user_category_rules AS
    SELECT user_id, rule_key, 'any'::text AS direction, category, created_at, updated_at FROM category_rules
    UNION ALL
    SELECT user_id, rule_key, direction, category, created_at, updated_at FROM category_rules_by_direction;
