-- Engagement: the points ledger, check-ins, daily activity points, feedback and invites.

-- Append-only points ledger: every earn, spend, claw-back and grant, with its reason and the
-- cause (source) it came from. One cause counts once per member: the unique key drops a second
-- entry with the same source, so replays and retries never pay twice.
CREATE TABLE points_ledger (
    id        INTEGER PRIMARY KEY,
    platform  TEXT   NOT NULL,
    chat_id   TEXT   NOT NULL,
    member_id TEXT   NOT NULL,
    delta     BIGINT NOT NULL,
    kind      TEXT   NOT NULL,
    reason    TEXT,
    source    TEXT   NOT NULL,
    at_ms     BIGINT NOT NULL,
    UNIQUE (platform, chat_id, member_id, source)
);
CREATE INDEX points_ledger_member ON points_ledger (platform, chat_id, member_id, id);

-- Balances derived from the ledger, updated in the same transaction as each entry.
CREATE TABLE points_balance (
    platform  TEXT   NOT NULL,
    chat_id   TEXT   NOT NULL,
    member_id TEXT   NOT NULL,
    balance   BIGINT NOT NULL,
    PRIMARY KEY (platform, chat_id, member_id)
);

-- Each member's check-in streak (day is the bot's local date, yyyy-mm-dd).
CREATE TABLE points_checkin (
    platform  TEXT    NOT NULL,
    chat_id   TEXT    NOT NULL,
    member_id TEXT    NOT NULL,
    last_day  TEXT    NOT NULL,
    streak    INTEGER NOT NULL,
    best      INTEGER NOT NULL,
    total     INTEGER NOT NULL,
    PRIMARY KEY (platform, chat_id, member_id)
);

-- Daily activity points so far, and the last text that earned (duplicates earn nothing).
CREATE TABLE points_activity (
    platform  TEXT    NOT NULL,
    chat_id   TEXT    NOT NULL,
    member_id TEXT    NOT NULL,
    day       TEXT    NOT NULL,
    earned    INTEGER NOT NULL,
    last_text TEXT,
    PRIMARY KEY (platform, chat_id, member_id, day)
);

-- /feedback as members sent it.
CREATE TABLE feedback (
    id          INTEGER PRIMARY KEY,
    platform    TEXT   NOT NULL,
    chat_id     TEXT   NOT NULL,
    member_id   TEXT   NOT NULL,
    member_name TEXT,
    text        TEXT   NOT NULL,
    at_ms       BIGINT NOT NULL
);

-- Who brought whom. One row per invitee and chat: the first inviter is the one who counts.
-- state: pending (within the grace period), accepted (stayed), left (left within it).
CREATE TABLE invites (
    platform     TEXT   NOT NULL,
    chat_id      TEXT   NOT NULL,
    member_id    TEXT   NOT NULL,
    member_name  TEXT,
    inviter_id   TEXT   NOT NULL,
    inviter_name TEXT,
    joined_ms    BIGINT NOT NULL,
    state        TEXT   NOT NULL,
    decided_ms   BIGINT,
    PRIMARY KEY (platform, chat_id, member_id)
);
CREATE INDEX invites_inviter ON invites (platform, chat_id, inviter_id);
