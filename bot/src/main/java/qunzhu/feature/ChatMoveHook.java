package qunzhu.feature;

import qunzhu.core.ChatRef;

/**
 * A feature's part of a chat move (a Telegram group upgraded to a supergroup): it moves its
 * own per-chat rows from the old id to the new one. The spine runs every feature's hooks in the
 * event's transaction, each under its own savepoint: a hook that fails (the new chat already has
 * a row under the same key) is undone alone, and the chat keeps the newer rows.
 */
@FunctionalInterface
public interface ChatMoveHook {
    void move(ChatRef from, ChatRef to, FeatureStore store);

    /** Moves the rows of {@code table} (with platform and chat_id columns) to the new chat. */
    static ChatMoveHook table(String table) {
        if (!table.matches("[A-Za-z0-9_]+")) throw new IllegalArgumentException("not a table name: " + table);
        String sql = "UPDATE " + table + " SET chat_id = ? WHERE platform = ? AND chat_id = ?";
        return (from, to, store) -> store.update(sql, to.id(), from.platform(), from.id());
    }
}
