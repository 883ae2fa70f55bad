package qunzhu.config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import qunzhu.core.ChatRef;

/**
 * Chats that moved to a new id while the bot ran (a Telegram group upgraded to a supergroup
 * gets a new -100... id). The configured id stays in config/; lookups follow the move. Loaded
 * from the store at start, so a move is remembered across restarts.
 */
public final class ChatMoves {
    private final Map<ChatRef, ChatRef> to = new ConcurrentHashMap<>();

    public void moved(ChatRef from, ChatRef now) {
        if (!from.equals(now)) to.put(from, now);
    }

    /** Where {@code chat} lives now (itself when it never moved); follows chains of moves. */
    public ChatRef current(ChatRef chat) {
        ChatRef c = chat;
        for (int i = 0; i < 8; i++) {          // a chain longer than this would be a loop
            ChatRef next = to.get(c);
            if (next == null) return c;
            c = next;
        }
        return c;
    }

    public boolean isEmpty() { return to.isEmpty(); }

    /** Every chat that moved, directly or through others, to {@code now}. */
    public java.util.List<ChatRef> origins(ChatRef now) {
        java.util.List<ChatRef> out = new java.util.ArrayList<>();
        for (ChatRef from : to.keySet()) if (!from.equals(now) && current(from).equals(now)) out.add(from);
        return out;
    }
}
