-- Quiz rounds (有奖问答): one row per round; at most one running round per chat.
CREATE TABLE quiz_round (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    platform      TEXT    NOT NULL,
    chat_id       TEXT    NOT NULL,
    bank          TEXT    NOT NULL,
    bank_locale   TEXT,
    picks         TEXT    NOT NULL,   -- the bank's question numbers asked, in order: "3,0,2"
    current       INTEGER NOT NULL,   -- the question being asked (index into picks)
    state         TEXT    NOT NULL,   -- running, done, stopped
    started_by    TEXT,
    started_at_ms BIGINT  NOT NULL,
    ended_at_ms   BIGINT
);
CREATE UNIQUE INDEX quiz_round_running ON quiz_round (platform, chat_id) WHERE state = 'running';
CREATE INDEX quiz_round_chat ON quiz_round (platform, chat_id);

-- Each question as it was asked: when, until when, and whether it is closed.
CREATE TABLE quiz_question (
    round_id    BIGINT  NOT NULL,
    seq         INTEGER NOT NULL,
    question    INTEGER NOT NULL,
    asked_at_ms BIGINT  NOT NULL,
    due_ms      BIGINT  NOT NULL,
    closed      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (round_id, seq)
);

-- One row per member per question: their answering, and the points it won.
CREATE TABLE quiz_answer (
    round_id    BIGINT  NOT NULL,
    seq         INTEGER NOT NULL,
    member_id   TEXT    NOT NULL,
    member_name TEXT    NOT NULL,
    choice      INTEGER,              -- a choice question: the one choice they took
    correct     INTEGER NOT NULL DEFAULT 0,
    points      INTEGER NOT NULL DEFAULT 0,
    at_ms       BIGINT  NOT NULL,
    PRIMARY KEY (round_id, seq, member_id)
);
