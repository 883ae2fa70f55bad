-- For most messages (Telegram's and the sandbox's) the platform's message id is the event's
-- native id, so the unique key (platform, chat_id, native_id) finds them already. The message
-- index now holds only the others (OneBot messages, Telegram edits): one index entry fewer to
-- write for every ordinary logged message.
DROP INDEX activity_message;
CREATE INDEX activity_message ON activity (platform, chat_id, message_id) WHERE message_id <> native_id;
