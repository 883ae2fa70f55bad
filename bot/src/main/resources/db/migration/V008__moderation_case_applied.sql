-- Whether the platform carried out a case's action: NULL while unknown (or no platform action),
-- 1 once it confirmed, 0 when it refused for good; failure keeps the platform's reason.
ALTER TABLE moderation_cases ADD COLUMN applied INTEGER;
ALTER TABLE moderation_cases ADD COLUMN failure TEXT;
-- 1 while an automatic case waits for its rule's summary card in the log chat (see Enforcer.DIGEST).
ALTER TABLE moderation_cases ADD COLUMN digest_pending INTEGER NOT NULL DEFAULT 0;
