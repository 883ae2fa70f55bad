-- Built-in filters' cases are named by their config keys: invite_links became invites,
-- channel_forwards became forwards. Past cases and allowlisted false positives follow.
UPDATE moderation_cases SET rule = 'invites' WHERE rule = 'invite_links';
UPDATE moderation_cases SET rule = 'forwards' WHERE rule = 'channel_forwards';
UPDATE moderation_allow SET value = 'invites|' || substr(value, 14)
    WHERE kind = 'rule_member' AND substr(value, 1, 13) = 'invite_links|';
UPDATE moderation_allow SET value = 'forwards|' || substr(value, 18)
    WHERE kind = 'rule_member' AND substr(value, 1, 17) = 'channel_forwards|';
