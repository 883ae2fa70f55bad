-- Newcomers: verification in progress, its log, newcomer restrictions, join requests.

-- One row per member who joined and has not verified yet. token is the button data.
CREATE TABLE verify_pending (
    platform    TEXT    NOT NULL,
    chat_id     TEXT    NOT NULL,
    member_id   TEXT    NOT NULL,
    member_name TEXT,
    mode        TEXT    NOT NULL,
    token       TEXT    NOT NULL,
    question    INTEGER NOT NULL DEFAULT 0,
    attempts    INTEGER NOT NULL DEFAULT 0,
    muted       INTEGER NOT NULL DEFAULT 0,
    started_ms  BIGINT  NOT NULL,
    deadline_ms BIGINT  NOT NULL,
    PRIMARY KEY (platform, chat_id, member_id)
);

-- Messages a member sent while verifying (answers, anything that slipped through a mute):
-- removed once verification ends.
CREATE TABLE verify_messages (
    platform   TEXT NOT NULL,
    chat_id    TEXT NOT NULL,
    member_id  TEXT NOT NULL,
    message_id TEXT NOT NULL,
    PRIMARY KEY (platform, chat_id, message_id)
);

-- Every verification outcome: passed, wrong_answer, timeout, left.
CREATE TABLE verify_log (
    id        INTEGER PRIMARY KEY,
    platform  TEXT   NOT NULL,
    chat_id   TEXT   NOT NULL,
    member_id TEXT   NOT NULL,
    outcome   TEXT   NOT NULL,
    at_ms     BIGINT NOT NULL
);
CREATE INDEX verify_log_chat ON verify_log (platform, chat_id, at_ms);

-- Newcomers still under restrictions: when they joined and how many messages they posted.
CREATE TABLE newcomers (
    platform  TEXT    NOT NULL,
    chat_id   TEXT    NOT NULL,
    member_id TEXT    NOT NULL,
    joined_ms BIGINT  NOT NULL,
    messages  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (platform, chat_id, member_id)
);

-- Join requests and what became of them: pending, approved, declined.
CREATE TABLE join_requests (
    id          INTEGER PRIMARY KEY,
    platform    TEXT   NOT NULL,
    chat_id     TEXT   NOT NULL,
    member_id   TEXT   NOT NULL,
    member_name TEXT,
    request_id  TEXT   NOT NULL,
    comment     TEXT,
    status      TEXT   NOT NULL,
    at_ms       BIGINT NOT NULL,
    decided_by  TEXT,
    decided_ms  BIGINT
);
CREATE INDEX join_requests_member ON join_requests (platform, chat_id, member_id);
