package qunzhu.core;

/**
 * The replay key of an event: platform kind, chat and the platform's native id. Two accounts
 * that see the same group message produce the same key, so it is processed once.
 */
public record EventKey(String platform, String chat, String nativeId) {
    public static EventKey of(ChatRef chat, String nativeId) {
        return new EventKey(chat.platform(), chat.id(), nativeId);
    }
}
