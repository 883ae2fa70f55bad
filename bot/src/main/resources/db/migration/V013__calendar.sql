-- The content calendar: each entry's next run and pause, each run, what each chat got, the pools' rotation.
CREATE TABLE calendar_entry (
    entry      TEXT    NOT NULL PRIMARY KEY,
    schedule   TEXT    NOT NULL,              -- as configured; a change reschedules from now
    next_ms    BIGINT,                        -- the run its job waits for (null: none left)
    paused     INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE calendar_run (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    entry         TEXT    NOT NULL,
    occurrence_ms BIGINT  NOT NULL,           -- the scheduled time (a /post now: when it was asked)
    manual        INTEGER NOT NULL,
    late          INTEGER NOT NULL,
    started_ms    BIGINT  NOT NULL,
    UNIQUE (entry, occurrence_ms, manual)
);
-- The post a run picked from each pool it uses: every target chat of that pool gets the same one.
CREATE TABLE calendar_run_pick (
    run_id   BIGINT NOT NULL,
    pool     TEXT   NOT NULL,
    post_key TEXT   NOT NULL,
    PRIMARY KEY (run_id, pool)
);
-- One row per run and chat, written in the transaction that queues the post: never twice.
CREATE TABLE calendar_post (
    run_id    BIGINT NOT NULL,
    platform  TEXT   NOT NULL,
    chat_id   TEXT   NOT NULL,
    what      TEXT   NOT NULL,                -- text, pool:<post key> or trigger:<name>
    posted_ms BIGINT NOT NULL,
    PRIMARY KEY (run_id, platform, chat_id)
);
CREATE TABLE calendar_pool_used (
    entry    TEXT    NOT NULL,
    pool     TEXT    NOT NULL,
    cycle    INTEGER NOT NULL,
    post_key TEXT    NOT NULL,
    PRIMARY KEY (entry, pool, cycle, post_key)
);
-- /broadcast: one row per broadcast, one per target chat with its outcome.
CREATE TABLE broadcast (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    platform   TEXT   NOT NULL,               -- where it was asked: progress and the report go there
    chat_id    TEXT   NOT NULL,
    reply_to   TEXT,
    by_member  TEXT   NOT NULL,
    text       TEXT   NOT NULL,
    created_ms BIGINT NOT NULL,
    reported   INTEGER NOT NULL DEFAULT 0     -- progress steps told so far (4: the final report)
);
CREATE TABLE broadcast_target (
    broadcast_id BIGINT NOT NULL,
    platform     TEXT   NOT NULL,
    chat_id      TEXT   NOT NULL,
    state        TEXT   NOT NULL,             -- queued, sent, failed
    reason       TEXT,
    PRIMARY KEY (broadcast_id, platform, chat_id)
);
