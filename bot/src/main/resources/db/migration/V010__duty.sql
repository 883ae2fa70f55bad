-- Duty roster swaps (/duty swap): on `day` (yyyy-MM-dd, bot zone) a's shifts go to b and b's to a.
CREATE TABLE duty_swaps (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    platform  TEXT   NOT NULL,
    chat_id   TEXT   NOT NULL,
    day       TEXT   NOT NULL,
    a_id      TEXT   NOT NULL,
    b_id      TEXT   NOT NULL,
    set_by    TEXT   NOT NULL,
    set_at_ms BIGINT NOT NULL
);
CREATE INDEX duty_swaps_chat ON duty_swaps (platform, chat_id, day);

-- 首问必答: questions waiting for a first answer, and how they ended.
-- state: pending, answered, held (the holding answer went out; still counted when answered later).
CREATE TABLE questions (
    platform     TEXT   NOT NULL,
    chat_id      TEXT   NOT NULL,
    message_id   TEXT   NOT NULL,
    author_id    TEXT   NOT NULL,
    author_name  TEXT   NOT NULL,
    text         TEXT   NOT NULL,
    asked_ms     BIGINT NOT NULL,
    state        TEXT   NOT NULL,
    flagged      INTEGER NOT NULL DEFAULT 0,
    answered_ms  BIGINT,
    answered_by  TEXT,
    PRIMARY KEY (platform, chat_id, message_id)
);
CREATE INDEX questions_open ON questions (platform, chat_id, state);

-- Highlights (精华) marked with /highlight.
CREATE TABLE highlights (
    platform    TEXT   NOT NULL,
    chat_id     TEXT   NOT NULL,
    message_id  TEXT   NOT NULL,
    author_id   TEXT   NOT NULL,
    author_name TEXT   NOT NULL,
    excerpt     TEXT   NOT NULL,
    marked_by   TEXT   NOT NULL,
    marked_ms   BIGINT NOT NULL,
    PRIMARY KEY (platform, chat_id, message_id)
);
CREATE INDEX highlights_week ON highlights (platform, chat_id, marked_ms);

-- When members joined, as the questions feature saw it (who counts as a newcomer).
CREATE TABLE question_joins (
    platform   TEXT   NOT NULL,
    chat_id    TEXT   NOT NULL,
    member_id  TEXT   NOT NULL,
    joined_ms  BIGINT NOT NULL,
    PRIMARY KEY (platform, chat_id, member_id)
);
