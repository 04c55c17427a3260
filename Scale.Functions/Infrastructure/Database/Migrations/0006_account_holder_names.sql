-- What a user tells us about their own accounts, so categorization can tell a self-transfer from a payment to
-- someone else: the names their accounts are held in (as banks print them) and their own account numbers.
ALTER TABLE profiles
    ADD COLUMN account_holder_names text[] NOT NULL DEFAULT '{}'
        CHECK (cardinality(account_holder_names) <= 5),
    ADD COLUMN own_account_numbers  text[] NOT NULL DEFAULT '{}'
        CHECK (cardinality(own_account_numbers) <= 10);
