-- Who chose a transaction's category: 'source' (the client or the statement gave it, a labelled upload included),
-- 'rule' (one of the user's rules), 'model', 'default' (Uncategorized: the model was not confident), or 'feedback'
-- (the user set it on this row). Feedback recategorizes the user's rows of the same merchant and direction whose
-- category SCALE chose (rule, model, default; they become 'rule'), never one the user or the source gave; and the classification-accuracy SLO counts
-- corrections of SCALE's answers against the answers stored. NULL: stored before this migration (unknown, so never
-- recategorized). Nullable without a default, so adding it rewrites no rows; the check is NOT VALID because every
-- stored row is NULL (validating would only scan the whole table to prove it), and it holds for every later write.
ALTER TABLE transactions ADD COLUMN category_source text NULL;
ALTER TABLE transactions ADD CONSTRAINT transactions_category_source
    CHECK (category_source IN ('source', 'rule', 'model', 'default', 'feedback')) NOT VALID;
