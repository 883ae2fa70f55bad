package qunzhu.core;

/**
 * The replay key of an event: platform kind, chat and the platform's native id. Two accounts
 * that see the same group message produce the same key, so it is processed once.
 */
public record EventKey(String platform, String chat, String nativeId) {
    public static EventKey of(ChatRef chat, String nativeId) {
        return new EventKey(chat.platform(), chat.id(), nativeId);
    }

    /** Mixed, and compared without the record's method handles: see {@link Keys}. */
    @Override public int hashCode() { return Keys.hash(platform, chat, nativeId); }

    @Override public boolean equals(Object o) {
        return o instanceof EventKey k && java.util.Objects.equals(nativeId, k.nativeId) && java.util.Objects.equals(chat, k.chat)
                && java.util.Objects.equals(platform, k.platform);
    }
}
