-- Issue 12 item 5: a merchant rename can be undone (DELETE /categorization/merchants/{merchant_key}). A rename
-- overwrites transactions.merchant, so the name SCALE had resolved is kept beside it: set by the rename for the rows
-- it moved, and by an import for each row it showed under the user's name. NULL: no rename applies to the row.
-- Nullable without a default, so adding it rewrites no rows.
ALTER TABLE transactions ADD COLUMN merchant_before_rename text NULL;
