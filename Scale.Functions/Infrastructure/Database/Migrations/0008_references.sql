-- Bank references as a second identity (Scale.Domain/Ingestion/ReferenceIdentity): SHA-256 of date, amount,
-- direction, currency and the bank's reference (UPI/IMPS RRN, NEFT/RTGS UTR, cheque number, card authorization
-- code). A row is a duplicate when its fingerprint OR its reference key is stored for the user, so one transaction
-- exported in two layouts (truncated vs full narration, CSV vs XLS) is stored once. NULL where the reference cannot
-- identify the row; the partial unique index costs nothing for those.
ALTER TABLE transactions ADD COLUMN reference_key text NULL CHECK (reference_key IS NULL OR length(reference_key) = 64);
CREATE UNIQUE INDEX transactions_user_reference_key ON transactions (user_id, reference_key) WHERE reference_key IS NOT NULL;
-- Rows stored before this migration keep reference_key NULL: their key needs the narration parser, which SQL does
-- not have, and a backfill that gave two stored rows one key would fail the index. Such a row still dedupes by its
-- fingerprint; the same transaction arriving in ANOTHER layout inserts once more (see Ingestion/README.md).

-- Rows of an upload that were already stored (issue 12 item 3): [{line_number, transaction_id}], the first 100 in
-- file order (skipped_duplicates is exact). NULL for uploads processed before this migration.
ALTER TABLE uploaded_files ADD COLUMN duplicates jsonb NULL;
