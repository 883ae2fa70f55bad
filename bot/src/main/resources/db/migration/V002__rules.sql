-- Rules set with /setrules; the configured text is the fallback.
CREATE TABLE rules_text (
    platform  TEXT   NOT NULL,
    chat_id   TEXT   NOT NULL,
    text      TEXT   NOT NULL,
    set_by    TEXT   NOT NULL,
    set_at_ms BIGINT NOT NULL,
    PRIMARY KEY (platform, chat_id)
);
