-- Each person who signed in, with the state of their identity verification.
CREATE TABLE users (
    -- `usr_` and 32 hex digits: the reference id Persona knows the person by.
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL UNIQUE,
    created_at_ms INTEGER NOT NULL,
    -- The person's inquiry (`inq_…`), once one was started.
    inquiry_id TEXT,
    -- Persona's status (`created`, `pending`, `completed`, `approved`, …).
    status TEXT,
    -- Where the status came from: a webhook event, or a read of Persona's API.
    status_source TEXT CHECK (status_source IN ('webhook', 'api')),
    -- The event's name when the source is a webhook.
    status_event TEXT,
    -- When this app stored the status (Unix milliseconds).
    status_updated_at_ms INTEGER,
    -- The `created-at` of the newest event applied (Unix nanoseconds), or the
    -- inquiry's `updated-at` read from the API: older events are not applied.
    applied_through_ns INTEGER
);

CREATE INDEX users_by_inquiry ON users (inquiry_id);

-- Every webhook event received once, by its id: a repeated delivery finds its
-- id here and is not applied again.
CREATE TABLE webhook_events (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    -- The event's `created-at` (Unix nanoseconds).
    created_at_ns INTEGER NOT NULL,
    inquiry_id TEXT,
    user_id TEXT,
    status TEXT,
    -- `applied`, `stale` (an event newer than it was applied first),
    -- `unknown-user` or `ignored` (no inquiry in its payload).
    outcome TEXT NOT NULL,
    received_at_ms INTEGER NOT NULL
);
