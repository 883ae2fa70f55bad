-- Lotteries (with their committed seeds) and their entries; polls and their votes.

-- status: open, drawn, cancelled. seed stays secret (never posted) until the draw; commitment
-- is SHA-256(seed) as posted at the start. result: winner ids in the order drawn, one a line.
CREATE TABLE lottery_lotteries (
    id            INTEGER PRIMARY KEY,
    platform      TEXT    NOT NULL,
    chat_id       TEXT    NOT NULL,
    winners       INTEGER NOT NULL,
    prize         TEXT    NOT NULL,
    created_ms    BIGINT  NOT NULL,
    created_by    TEXT,
    draw_ms       BIGINT,
    min_days      INTEGER NOT NULL DEFAULT 0,
    min_messages  INTEGER NOT NULL DEFAULT 0,
    min_points    BIGINT  NOT NULL DEFAULT 0,
    cost          BIGINT  NOT NULL DEFAULT 0,
    seed          TEXT    NOT NULL,
    commitment    TEXT    NOT NULL,
    status        TEXT    NOT NULL,
    drawn_ms      BIGINT,
    late          INTEGER NOT NULL DEFAULT 0,
    entries_hash  TEXT,
    result        TEXT
);
CREATE INDEX lottery_lotteries_chat ON lottery_lotteries (platform, chat_id, status);

-- One entry per member and lottery; paid is the points the entry cost.
CREATE TABLE lottery_entries (
    lottery_id  BIGINT NOT NULL,
    member_id   TEXT   NOT NULL,
    member_name TEXT,
    at_ms       BIGINT NOT NULL,
    paid        BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (lottery_id, member_id)
);

-- status: open, closed. options: one a line. edit_pending: a live-count edit is scheduled.
CREATE TABLE poll_polls (
    id           INTEGER PRIMARY KEY,
    platform     TEXT    NOT NULL,
    chat_id      TEXT    NOT NULL,
    question     TEXT    NOT NULL,
    options      TEXT    NOT NULL,
    anonymous    INTEGER NOT NULL DEFAULT 0,
    created_ms   BIGINT  NOT NULL,
    created_by   TEXT,
    close_ms     BIGINT,
    status       TEXT    NOT NULL,
    edit_pending INTEGER NOT NULL DEFAULT 0,
    last_edit_ms BIGINT  NOT NULL DEFAULT 0
);
CREATE INDEX poll_polls_chat ON poll_polls (platform, chat_id, status);

-- One vote per member and poll (changeable until the poll closes); choice counts from 1.
CREATE TABLE poll_votes (
    poll_id     BIGINT  NOT NULL,
    member_id   TEXT    NOT NULL,
    member_name TEXT,
    choice      INTEGER NOT NULL,
    at_ms       BIGINT  NOT NULL,
    PRIMARY KEY (poll_id, member_id)
);
