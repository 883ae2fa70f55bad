-- Core tables. SQL kept to what PostgreSQL also runs.

-- Append-only activity log: every event the bot saw, once. The unique key makes replays
-- (restarts, several accounts in one group, redelivered webhooks) add nothing.
CREATE TABLE activity (
    id          INTEGER PRIMARY KEY,
    platform    TEXT    NOT NULL,
    chat_id     TEXT    NOT NULL,
    native_id   TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    account     TEXT,
    member_id   TEXT,
    member_name TEXT,
    at_ms       BIGINT  NOT NULL,
    day         TEXT    NOT NULL,
    message_id  TEXT,
    reply_to    TEXT,
    text        TEXT,
    text_len    INTEGER NOT NULL DEFAULT 0,
    payload     TEXT    NOT NULL,
    UNIQUE (platform, chat_id, native_id)
);
CREATE INDEX activity_chat_day ON activity (platform, chat_id, day);
CREATE INDEX activity_member ON activity (platform, member_id, at_ms);

-- Every action the bot performed or tried, with its outcome.
CREATE TABLE action_log (
    id         INTEGER PRIMARY KEY,
    at_ms      BIGINT NOT NULL,
    day        TEXT   NOT NULL,
    account    TEXT,
    platform   TEXT   NOT NULL,
    chat_id    TEXT   NOT NULL,
    kind       TEXT   NOT NULL,
    persona    TEXT,
    member_id  TEXT,
    text       TEXT,
    reason     TEXT,
    outcome    TEXT   NOT NULL,
    detail     TEXT,
    message_id TEXT
);
CREATE INDEX action_log_chat_day ON action_log (platform, chat_id, day);

CREATE TABLE members (
    platform      TEXT   NOT NULL,
    member_id     TEXT   NOT NULL,
    name          TEXT,
    first_seen_ms BIGINT NOT NULL,
    last_seen_ms  BIGINT NOT NULL,
    PRIMARY KEY (platform, member_id)
);

CREATE TABLE chats (
    platform      TEXT   NOT NULL,
    chat_id       TEXT   NOT NULL,
    first_seen_ms BIGINT NOT NULL,
    last_seen_ms  BIGINT NOT NULL,
    moved_to      TEXT,
    PRIMARY KEY (platform, chat_id)
);

CREATE TABLE chat_members (
    platform      TEXT   NOT NULL,
    chat_id       TEXT   NOT NULL,
    member_id     TEXT   NOT NULL,
    first_seen_ms BIGINT NOT NULL,
    last_seen_ms  BIGINT NOT NULL,
    joined_ms     BIGINT,
    left_ms       BIGINT,
    messages      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (platform, chat_id, member_id)
);

-- Timed work (auto-delete, verification deadlines, calendar posts) survives restarts.
CREATE TABLE jobs (
    id      INTEGER PRIMARY KEY,
    due_ms  BIGINT NOT NULL,
    owner   TEXT   NOT NULL,
    kind    TEXT   NOT NULL,
    payload TEXT   NOT NULL,
    done    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX jobs_due ON jobs (done, due_ms);

-- Actions not yet performed when the bot stopped; sent first at the next start.
CREATE TABLE outbox_pending (
    id      INTEGER PRIMARY KEY,
    payload TEXT NOT NULL
);

-- Small durable state: processed-up-to marks, adapter offsets.
CREATE TABLE kv (
    k TEXT PRIMARY KEY,
    v TEXT NOT NULL
);
