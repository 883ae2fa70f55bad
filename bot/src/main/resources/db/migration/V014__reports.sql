-- Rollups for the digests and exports (feature "reports"), kept in the spine's transaction as
-- events are handled and rebuilt exactly from the activity log by `qunzhu rebuild-rollups`.
-- Days are local days in the bot's time zone; chat_id is the chat's current id (a chat that
-- moved keeps its history under the new id).

-- One row per chat per day; h00..h23 are messages per hour of the day.
CREATE TABLE report_chat_day (
    platform      TEXT    NOT NULL,
    chat_id       TEXT    NOT NULL,
    day           TEXT    NOT NULL,
    messages      INTEGER NOT NULL DEFAULT 0,
    replies       INTEGER NOT NULL DEFAULT 0,
    joins         INTEGER NOT NULL DEFAULT 0,
    joins_invited INTEGER NOT NULL DEFAULT 0,
    leaves        INTEGER NOT NULL DEFAULT 0,
    removals      INTEGER NOT NULL DEFAULT 0,
    join_requests INTEGER NOT NULL DEFAULT 0,
    h00 INTEGER NOT NULL DEFAULT 0, h01 INTEGER NOT NULL DEFAULT 0, h02 INTEGER NOT NULL DEFAULT 0, h03 INTEGER NOT NULL DEFAULT 0,
    h04 INTEGER NOT NULL DEFAULT 0, h05 INTEGER NOT NULL DEFAULT 0, h06 INTEGER NOT NULL DEFAULT 0, h07 INTEGER NOT NULL DEFAULT 0,
    h08 INTEGER NOT NULL DEFAULT 0, h09 INTEGER NOT NULL DEFAULT 0, h10 INTEGER NOT NULL DEFAULT 0, h11 INTEGER NOT NULL DEFAULT 0,
    h12 INTEGER NOT NULL DEFAULT 0, h13 INTEGER NOT NULL DEFAULT 0, h14 INTEGER NOT NULL DEFAULT 0, h15 INTEGER NOT NULL DEFAULT 0,
    h16 INTEGER NOT NULL DEFAULT 0, h17 INTEGER NOT NULL DEFAULT 0, h18 INTEGER NOT NULL DEFAULT 0, h19 INTEGER NOT NULL DEFAULT 0,
    h20 INTEGER NOT NULL DEFAULT 0, h21 INTEGER NOT NULL DEFAULT 0, h22 INTEGER NOT NULL DEFAULT 0, h23 INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (platform, chat_id, day)
);
CREATE INDEX report_chat_day_day ON report_chat_day (day);

-- One row per member per chat per day they did something.
CREATE TABLE report_member_day (
    platform  TEXT    NOT NULL,
    chat_id   TEXT    NOT NULL,
    day       TEXT    NOT NULL,
    member_id TEXT    NOT NULL,
    messages  INTEGER NOT NULL DEFAULT 0,
    replies   INTEGER NOT NULL DEFAULT 0,
    joins     INTEGER NOT NULL DEFAULT 0,
    leaves    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (platform, chat_id, day, member_id)
);
CREATE INDEX report_member_day_member ON report_member_day (platform, chat_id, member_id, day);

-- Every Event.Counted (check-ins, quiz answers, moderation actions ...): not in the activity
-- log, so this table is their record; tallies are sums over it.
CREATE TABLE report_counted (
    id        INTEGER PRIMARY KEY,
    platform  TEXT   NOT NULL,
    chat_id   TEXT   NOT NULL,
    day       TEXT   NOT NULL,
    at_ms     BIGINT NOT NULL,
    tally     TEXT   NOT NULL,
    member_id TEXT,
    value     BIGINT NOT NULL DEFAULT 0,
    detail    TEXT
);
CREATE INDEX report_counted_chat_day ON report_counted (platform, chat_id, day);

-- Digests posted, one row per target chat, scope and period: a restart never posts one twice.
CREATE TABLE report_sent (
    target  TEXT   NOT NULL,
    period  TEXT   NOT NULL,
    sent_ms BIGINT NOT NULL,
    PRIMARY KEY (target, period)
);
