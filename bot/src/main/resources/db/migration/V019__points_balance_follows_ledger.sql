-- The balance follows its ledger in the schema: every entry moves it, and so does an entry that
-- grows (a member's activity points of a day are one line that grows with each paying message,
-- where they were one line per message). Kept by the store, a balance cannot drift from the sum
-- of its entries, and an entry costs the bot one statement, not two.
CREATE TRIGGER points_balance_on_entry AFTER INSERT ON points_ledger
BEGIN
    INSERT INTO points_balance (platform, chat_id, member_id, balance) VALUES (new.platform, new.chat_id, new.member_id, new.delta)
    ON CONFLICT (platform, chat_id, member_id) DO UPDATE SET balance = points_balance.balance + excluded.balance;
END;

CREATE TRIGGER points_balance_on_growth AFTER UPDATE OF delta ON points_ledger
BEGIN
    INSERT INTO points_balance (platform, chat_id, member_id, balance) VALUES (new.platform, new.chat_id, new.member_id, new.delta - old.delta)
    ON CONFLICT (platform, chat_id, member_id) DO UPDATE SET balance = points_balance.balance + excluded.balance;
END;
