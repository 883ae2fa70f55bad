package qunzhu.core;

/**
 * The replay key of an event: platform kind, chat and the platform's native id. Two accounts
 * that see the same group message produce the same key, so it is processed once.
 */
public record EventKey(String platform, String chat, String nativeId) {
    public static EventKey of(ChatRef chat, String nativeId) {
        return new EventKey(chat.platform(), chat.id(), nativeId);
    }

    /**
     * Mixes the parts' hashes: a record's 31-polynomial over ids that are themselves
     * 31-polynomials (sequential chat ids, sequential message ids) gave 200,000 Telegram-like
     * keys fewer than 10,000 distinct hashes, and the dedupe cache long collision chains.
     */
    @Override public int hashCode() {
        int h = (java.util.Objects.hashCode(platform) * 0x9E3779B1) ^ java.util.Objects.hashCode(chat);
        h = (h * 0x9E3779B1) ^ java.util.Objects.hashCode(nativeId);
        h *= 0x9E3779B1;
        return h ^ (h >>> 16);
    }
}
