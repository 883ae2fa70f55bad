-- Finding a message by the platform's message id (who wrote the message a reply points at,
-- where the platform does not say: OneBot's reply segment carries only the id).
CREATE INDEX activity_message ON activity (platform, chat_id, message_id);
CREATE INDEX action_log_message ON action_log (platform, chat_id, message_id);
