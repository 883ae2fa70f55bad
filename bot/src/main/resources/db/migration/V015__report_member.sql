-- Reports (feature "reports"): per member per chat, the last local day they posted and the
-- last day they left (null: never), kept with the other rollups and rebuilt with them. The
-- digest's "core members gone silent" reads the few members whose last message falls in its
-- window instead of summing three weeks of report_member_day for everyone.
CREATE TABLE report_member (
    platform         TEXT NOT NULL,
    chat_id          TEXT NOT NULL,
    member_id        TEXT NOT NULL,
    last_message_day TEXT,
    last_leave_day   TEXT,
    PRIMARY KEY (platform, chat_id, member_id)
);
CREATE INDEX report_member_last_message ON report_member (platform, chat_id, last_message_day, last_leave_day, member_id);
INSERT INTO report_member (platform, chat_id, member_id, last_message_day, last_leave_day)
    SELECT platform, chat_id, member_id, MAX(CASE WHEN messages > 0 THEN day END), MAX(CASE WHEN leaves > 0 THEN day END)
    FROM report_member_day GROUP BY platform, chat_id, member_id;

-- The few member-days with a join, and those that ended outside the chat: newcomers,
-- activation and retention read these instead of every member-day of their range.
CREATE INDEX report_member_day_joined ON report_member_day (platform, chat_id, day, member_id) WHERE joins > 0;
CREATE INDEX report_member_day_left ON report_member_day (platform, chat_id, member_id, day) WHERE leaves > joins;

-- Members who posted in the chat that day (report_member_day rows with messages), kept as a
-- member's first message of the day is counted: the digests' daily active members and the
-- 30-day chart read report_chat_day alone.
ALTER TABLE report_chat_day ADD COLUMN active INTEGER NOT NULL DEFAULT 0;
UPDATE report_chat_day SET active = (SELECT COUNT(*) FROM report_member_day m WHERE m.platform = report_chat_day.platform
    AND m.chat_id = report_chat_day.chat_id AND m.day = report_chat_day.day AND m.messages > 0);
