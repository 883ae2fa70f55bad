-- Reports (feature "reports"): the member-day index by member also holds the day's messages,
-- so "core gone silent" (the three weeks of every member whose last message is 8-28 days old)
-- and retention's "posted in the period" read the index alone, without a row lookup per
-- member-day. A message now also rewrites this index entry (the row's messages change).
DROP INDEX report_member_day_member;
CREATE INDEX report_member_day_member_messages ON report_member_day (platform, chat_id, member_id, day, messages);
