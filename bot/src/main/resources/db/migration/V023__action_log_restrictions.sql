-- A member's last mute or ban in a chat (checked on every lottery entry) was found by reading
-- every action the bot had logged in the chat. Those actions are few among the deletes and
-- sends: this index holds only them, and costs nothing to the other actions' rows.
CREATE INDEX action_log_restriction ON action_log (platform, chat_id, member_id, id)
    WHERE kind IN ('mute', 'unmute', 'ban', 'unban') AND outcome = 'done';
