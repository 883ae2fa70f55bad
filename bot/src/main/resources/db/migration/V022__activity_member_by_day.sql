-- The member index (platform, member_id, at_ms) put every logged event at a place of its own
-- in a B-tree as large as the whole history: each intake commit rewrote about one index page
-- per event (at 400 events a commit, 8.8 KB written an event against 4.1 KB without it), and
-- more so as the log grows. The chat's day index, widened by the member, answers the same
-- questions (a member's messages in a chat since a time, their last message) with one seek per
-- day, and its writes stay in the chat's current day: pages that are few and already cached.
DROP INDEX activity_member;
DROP INDEX activity_chat_day;
CREATE INDEX activity_chat_day_member ON activity (platform, chat_id, day, member_id);
