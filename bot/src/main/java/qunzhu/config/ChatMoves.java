package qunzhu.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import qunzhu.core.ChatRef;

/**
 * Chats that moved to a new id (a Telegram group upgraded to a supergroup gets a new -100...
 * id), as one immutable snapshot. The configured id stays in config/; lookups through
 * {@link BotConfig#group(ChatRef, ChatMoves)} follow the moves. The store keeps the moves and
 * hands out the current snapshot (MovedChats, in the store package).
 */
public record ChatMoves(Map<ChatRef, ChatRef> to) {
    public static final ChatMoves NONE = new ChatMoves(Map.of());

    public ChatMoves { to = Map.copyOf(to); }

    /** These moves and one more; {@code this} when {@code from} is {@code now}. */
    public ChatMoves with(ChatRef from, ChatRef now) {
        if (from.equals(now)) return this;
        Map<ChatRef, ChatRef> next = new HashMap<>(to);
        next.put(from, now);
        return new ChatMoves(next);
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
    public List<ChatRef> origins(ChatRef now) {
        List<ChatRef> out = new ArrayList<>();
        for (ChatRef from : to.keySet()) if (!from.equals(now) && current(from).equals(now)) out.add(from);
        return out;
    }
}
