-- Issue 12 item 2: rows stored before 0008 have no reference_key (computing one needs the narration parser, which
-- SQL does not have), so the same transaction arriving later in another layout was not recognized by its bank
-- reference. ReferenceKeyBackfillJob (a timer job) computes their keys in .NET, in id order, and records how far it
-- got here. Every such row was already stored when this migration ran, so the job's range is fixed: ids up to
-- upper_id; it is finished once last_id reaches it (a database created after 0008 starts finished).
CREATE TABLE reference_key_backfill (
    only_row   boolean     PRIMARY KEY DEFAULT true CHECK (only_row),
    cutoff     timestamptz NOT NULL,
    upper_id   bigint      NOT NULL,
    last_id    bigint      NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO reference_key_backfill (cutoff, upper_id)
SELECT (SELECT applied_at FROM schema_migrations WHERE version = 8), coalesce((SELECT max(id) FROM transactions), 0);
