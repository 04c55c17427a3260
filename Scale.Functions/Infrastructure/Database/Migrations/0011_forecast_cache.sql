-- Fitted forecasts per user (issue 9): GET /forecast answers from here when the entry is fresh, so a user with two
-- years of history is not refitted on every request. An entry holds every category and TOTAL for one granularity
-- and horizon (the category filter is applied on read). A change to the user's transactions marks their entries
-- stale (ForecastCacheListener) and upserts a stale default entry, which the ForecastRefresh timer refits, so the
-- next read is usually a hit; a read of a stale or missing entry refits at once (never an out-of-date answer).
CREATE TABLE forecast_cache (
    user_id     text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 128),
    granularity text        NOT NULL CHECK (granularity IN ('day', 'week', 'month')),
    horizon     integer     NOT NULL CHECK (horizon BETWEEN 1 AND 90),
    payload     jsonb,
    stale       boolean     NOT NULL DEFAULT false,
    computed_at timestamptz NOT NULL DEFAULT now(),
    -- A fresh entry has a payload; a stale one may not yet (the default entry a first import asks for).
    CONSTRAINT forecast_cache_fresh_has_payload CHECK (stale OR payload IS NOT NULL),
    PRIMARY KEY (user_id, granularity, horizon)
);
-- The refresh timer: stale entries, oldest first.
CREATE INDEX forecast_cache_stale ON forecast_cache (computed_at) WHERE stale;
