-- Profiles and settings: one row per user, created on first use.
CREATE TABLE profiles (
    user_id      text        PRIMARY KEY CHECK (length(user_id) BETWEEN 1 AND 128),
    display_name text        NULL CHECK (display_name IS NULL OR length(display_name) <= 100),
    currency     char(3)     NOT NULL DEFAULT 'INR',
    timezone     text        NOT NULL DEFAULT 'Asia/Kolkata',
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
