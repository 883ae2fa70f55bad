-- Look-ups that read every row a chat ever had where they want the few that are still open.
-- Each index is partial: it holds only those rows, so the rows' other writes cost it nothing.

-- Every automatic moderation case asks how many of its rule and action wait for a summary card.
CREATE INDEX moderation_cases_digest ON moderation_cases (platform, chat_id, rule, action, number)
    WHERE digest_pending = 1;

-- A welcome's {members}: the people present now, not everyone ever seen in the chat (left_ms in
-- the index lets the count read the index alone).
CREATE INDEX chat_members_present ON chat_members (platform, chat_id, left_ms) WHERE left_ms IS NULL;

-- A moderator's message looks for the questions still without an answer, oldest first.
CREATE INDEX questions_unanswered ON questions (platform, chat_id, asked_ms) WHERE state <> 'answered';

-- Undoing a case takes back its warn or punishment.
CREATE INDEX moderation_warns_case ON moderation_warns (platform, chat_id, case_no) WHERE case_no IS NOT NULL;
CREATE INDEX moderation_punishments_case ON moderation_punishments (platform, chat_id, case_no) WHERE case_no IS NOT NULL;

-- /gunban finds a member's shared bans by member (the key leads with the ban list's name).
CREATE INDEX moderation_shared_bans_member ON moderation_shared_bans (platform, member_id);
