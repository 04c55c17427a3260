-- What parsing an upload found besides its rows (issue 14): the bank the user named at upload (so the stored blob is
-- read with the same layout that validated it), the rows passed over with their reasons (so an upload never says
-- "completed" while rows vanished unseen) and the balance/footer proof of the parse.
ALTER TABLE uploaded_files
    ADD COLUMN bank_hint         text  NULL CHECK (bank_hint IS NULL OR length(bank_hint) BETWEEN 1 AND 32),
    ADD COLUMN skipped_row_count int   NULL CHECK (skipped_row_count >= 0),
    -- [{line_number, reason}], at most 100 (skipped_row_count is exact).
    ADD COLUMN skipped_rows      jsonb NULL,
    -- {status: verified|gap|not_available, gaps: [{after_row, expected_balance, found_balance}], totals: [...]}
    ADD COLUMN balance_check     jsonb NULL;
