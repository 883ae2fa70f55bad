package qunzhu.outbox;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import qunzhu.core.Button;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.text.Normalizer;

/**
 * Buttons on platforms that have none (QQ): the adapter shows each button's keyword, and a
 * member who types exactly that keyword presses the button. The outbox registers the buttons
 * of every message it sent to such a platform; the pipeline turns a matching message into a
 * {@link Event.ButtonPressed} before the features see it, so features handle one kind of
 * event whatever the platform.
 *
 * <p>A keyword shared by several live buttons in one chat (every verification prompt says
 * 验证) is ambiguous and not translated: the feature that offered it reads the message itself.
 */
public final class KeywordPresses {
    private record Live(String messageId, String data) {}

    /** chat → normalised keyword → live buttons with it (message id → button). */
    private final Cache<ChatRef, Map<String, Map<String, Live>>> byChat = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(Duration.ofDays(1)).build();

    /** A message with buttons was sent where buttons are typed keywords. */
    public void sent(ChatRef chat, String messageId, List<Button> buttons) {
        for (Button b : buttons) {
            if (b.keyword() == null || b.keyword().isBlank()) continue;
            byChat.get(chat, c -> new ConcurrentHashMap<>())
                    .computeIfAbsent(Normalizer.forAnswer(b.keyword()), k -> new ConcurrentHashMap<>())
                    .put(messageId, new Live(messageId, b.data()));
        }
    }

    /** The message is gone: its buttons can no longer be pressed. */
    public void removed(ChatRef chat, String messageId) {
        Map<String, Map<String, Live>> live = byChat.getIfPresent(chat);
        if (live == null) return;
        live.values().forEach(m -> m.remove(messageId));
        live.values().removeIf(Map::isEmpty);
    }

    /** The press a message stands for, or null when it is just a message. */
    public Event.ButtonPressed press(Event.MessagePosted m) {
        Map<String, Map<String, Live>> live = byChat.getIfPresent(m.chat());
        if (live == null || m.text().isBlank()) return null;
        Map<String, Live> buttons = live.get(Normalizer.forAnswer(m.text()));
        if (buttons == null || buttons.size() != 1) return null;
        Live b = buttons.values().iterator().next();
        return new Event.ButtonPressed(new EventKey(m.key().platform(), m.key().chat(), m.key().nativeId() + "#press"), m.chat(),
                m.at(), m.account(), m.author(), b.messageId(), b.data(), null);
    }
}
