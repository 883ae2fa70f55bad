-- Events a feature could not handle (it threw), kept so they are retried and reported instead of
-- skipped: one row per (event, feature). feature 'pipeline' marks an event that failed below the
-- features while the store could write. The event itself is the activity row (its payload).
CREATE TABLE dead_letter (
    id          INTEGER PRIMARY KEY,
    activity_id INTEGER NOT NULL,
    platform    TEXT NOT NULL,
    chat_id     TEXT NOT NULL,
    native_id   TEXT NOT NULL,
    feature     TEXT NOT NULL,
    error       TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 1,
    first_ms    INTEGER NOT NULL,
    last_ms     INTEGER NOT NULL,
    UNIQUE (activity_id, feature)
);
