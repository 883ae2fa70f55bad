-- The activity log moves into a file of its own, attached to every connection as "log" (for
-- qunzhu.db, qunzhu.activity.db): a second connection, on a thread of its own, writes it
-- beside the features' transactions (SQLite has one writer per file). Queries name the table
-- as before ("activity" is found in the attached file once the main file has none).
--
-- Two transactions, one file each: first the copy (only the log's file changes, and it is
-- emptied first, so a copy cut short by a crash is simply made again), then the main file
-- drops its table and records this version.
DROP TABLE IF EXISTS log.activity;
DROP TABLE IF EXISTS log.probe;
CREATE TABLE log.activity (
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
INSERT INTO log.activity (id, platform, chat_id, native_id, kind, account, member_id, member_name, at_ms, day,
                          message_id, reply_to, text, text_len, payload)
    SELECT id, platform, chat_id, native_id, kind, account, member_id, member_name, at_ms, day,
           message_id, reply_to, text, text_len, payload FROM main.activity ORDER BY id;
CREATE INDEX log.activity_chat_day_member ON activity (platform, chat_id, day, member_id);
CREATE INDEX log.activity_message ON activity (platform, chat_id, message_id) WHERE message_id <> native_id;
-- a row the store writes to learn whether the log's file takes writes again after an outage
CREATE TABLE log.probe (k TEXT PRIMARY KEY, v TEXT NOT NULL);
COMMIT;
DROP TABLE main.activity;
