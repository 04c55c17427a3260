-- A rule applies to the direction of the row it was taught from: correcting a Swiggy payment to Food says nothing
-- about the Swiggy refund the model files under Refunds. 'any' is a rule for both directions: every rule stored
-- before this migration, and feedback that named no transaction and no type. The key now includes the direction,
-- so a user can keep one rule for a merchant's debits and another for its credits. The constant default adds the
-- column without rewriting rows; rebuilding the primary key reads the (small, per-user) rules table once.
ALTER TABLE category_rules
    ADD COLUMN direction text NOT NULL DEFAULT 'any' CONSTRAINT category_rules_direction CHECK (direction IN ('any', 'debit', 'credit'));
ALTER TABLE category_rules DROP CONSTRAINT category_rules_pkey;
ALTER TABLE category_rules ADD PRIMARY KEY (user_id, rule_key, direction);
