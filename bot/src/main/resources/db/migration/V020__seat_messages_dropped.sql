-- A seat's message count was written with every message and read by nothing: the activity log
-- (and the reports' report_member_day) count messages. Without it, a message from a member seen
-- a moment ago writes no seat row at all (store/SeenPeople).
ALTER TABLE chat_members DROP COLUMN messages;
