package qunzhu.core;

import java.util.Objects;

/**
 * A chat on one platform kind. The id is the platform's own id as text, so 64-bit Telegram
 * supergroup ids ({@code -1001234567890}) and QQ group numbers fit without loss.
 */
public record ChatRef(String platform, String id) {
    public ChatRef {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(id, "id");
    }

    /** Parses {@code "sandbox:tech"}; the platform is everything before the first colon. */
    public static ChatRef parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected platform:chat like sandbox:tech or telegram:-1001234567890, got \"" + text + "\"");
        }
        return new ChatRef(text.substring(0, colon), text.substring(colon + 1));
    }

    @Override public String toString() { return platform + ":" + id; }
}
