-- Moderation: case files, warnings, timed punishments, shared bans, allowlisted false
-- positives, filters and locks set in chat, reports, raid mode and vote-mutes.

CREATE TABLE moderation_cases (
    id          INTEGER PRIMARY KEY,
    platform    TEXT    NOT NULL,
    chat_id     TEXT    NOT NULL,
    number      INTEGER NOT NULL,
    at_ms       BIGINT  NOT NULL,
    actor_id    TEXT,
    actor_name  TEXT,
    automatic   INTEGER NOT NULL,
    target_id   TEXT,
    target_name TEXT,
    action      TEXT    NOT NULL,
    length_ms   BIGINT,
    reason      TEXT    NOT NULL,
    rule        TEXT,
    evidence    TEXT,
    message_id  TEXT,
    undone_ms   BIGINT,
    undone_by   TEXT,
    UNIQUE (platform, chat_id, number)
);

CREATE TABLE moderation_warns (
    id         INTEGER PRIMARY KEY,
    platform   TEXT   NOT NULL,
    chat_id    TEXT   NOT NULL,
    member_id  TEXT   NOT NULL,
    at_ms      BIGINT NOT NULL,
    expires_ms BIGINT NOT NULL,
    by_id      TEXT,
    reason     TEXT   NOT NULL,
    case_no    INTEGER,
    removed    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX moderation_warns_member ON moderation_warns (platform, chat_id, member_id);

-- Active and past mutes and bans; until_ms NULL is forever.
CREATE TABLE moderation_punishments (
    id          INTEGER PRIMARY KEY,
    platform    TEXT   NOT NULL,
    chat_id     TEXT   NOT NULL,
    member_id   TEXT   NOT NULL,
    member_name TEXT,
    kind        TEXT   NOT NULL,
    from_ms     BIGINT NOT NULL,
    until_ms    BIGINT,
    active      INTEGER NOT NULL DEFAULT 1,
    case_no     INTEGER
);
CREATE INDEX moderation_punishments_member ON moderation_punishments (platform, chat_id, member_id, active);

-- Shared ban lists: set "*" is the operators' global list, otherwise a profile name.
CREATE TABLE moderation_shared_bans (
    set_name    TEXT   NOT NULL,
    platform    TEXT   NOT NULL,
    member_id   TEXT   NOT NULL,
    member_name TEXT,
    by_id       TEXT   NOT NULL,
    at_ms       BIGINT NOT NULL,
    reason      TEXT   NOT NULL,
    PRIMARY KEY (set_name, platform, member_id)
);

-- False positives: kind "text" (normalised text) or "rule_member" (rule + member id).
CREATE TABLE moderation_allow (
    platform TEXT   NOT NULL,
    chat_id  TEXT   NOT NULL,
    kind     TEXT   NOT NULL,
    value    TEXT   NOT NULL,
    by_id    TEXT,
    at_ms    BIGINT NOT NULL,
    PRIMARY KEY (platform, chat_id, kind, value)
);

CREATE TABLE moderation_filters (
    platform TEXT   NOT NULL,
    chat_id  TEXT   NOT NULL,
    name     TEXT   NOT NULL,
    pattern  TEXT   NOT NULL,
    action   TEXT   NOT NULL,
    by_id    TEXT,
    at_ms    BIGINT NOT NULL,
    PRIMARY KEY (platform, chat_id, name)
);

CREATE TABLE moderation_locks (
    platform TEXT NOT NULL,
    chat_id  TEXT NOT NULL,
    what     TEXT NOT NULL,
    PRIMARY KEY (platform, chat_id, what)
);

CREATE TABLE moderation_reports (
    id          INTEGER PRIMARY KEY,
    platform    TEXT   NOT NULL,
    chat_id     TEXT   NOT NULL,
    at_ms       BIGINT NOT NULL,
    reporter_id TEXT   NOT NULL,
    target_id   TEXT,
    message_id  TEXT,
    text        TEXT
);

CREATE TABLE moderation_raid (
    platform TEXT   NOT NULL,
    chat_id  TEXT   NOT NULL,
    until_ms BIGINT NOT NULL,
    PRIMARY KEY (platform, chat_id)
);

CREATE TABLE moderation_votes (
    platform  TEXT   NOT NULL,
    chat_id   TEXT   NOT NULL,
    target_id TEXT   NOT NULL,
    voter_id  TEXT   NOT NULL,
    at_ms     BIGINT NOT NULL,
    PRIMARY KEY (platform, chat_id, target_id, voter_id)
);
