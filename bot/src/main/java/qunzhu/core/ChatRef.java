package qunzhu.core;

import java.util.Objects;

/**
 * A chat on one platform kind. The id is the platform's own id as text, so 64-bit Telegram
 * supergroup ids ({@code -1001234567890}) and QQ group numbers fit without loss.
 *
 * <p>A private chat between a member and one of our accounts ({@link #direct}) has the id
 * {@code private:<account>:<member id>}: the same member talking to two of our accounts holds
 * two chats (each account numbers its messages on its own), and a reply goes back through the
 * account that received the message. No configured group ever has such an id, so group features
 * (which act only in configured groups) never act in a private chat.
 */
public record ChatRef(String platform, String id) {
    private static final String PRIVATE = "private:";

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

    /** The private chat between {@code memberId} and our account {@code account}. */
    public static ChatRef direct(String platform, String account, String memberId) {
        return new ChatRef(platform, PRIVATE + account + ":" + memberId);
    }

    /** True for a private chat between a member and one of our accounts. */
    public boolean isPrivate() { return id.startsWith(PRIVATE) && id.lastIndexOf(':') > PRIVATE.length(); }

    /** The account of a private chat, or null for a group. */
    public String privateAccount() { return isPrivate() ? id.substring(PRIVATE.length(), id.lastIndexOf(':')) : null; }

    /** The member of a private chat (the platform's user id), or null for a group. */
    public String privateMember() { return isPrivate() ? id.substring(id.lastIndexOf(':') + 1) : null; }

    @Override public String toString() { return platform + ":" + id; }

    /** The key of many maps: hashed and compared without the record's method handles (see {@link Keys}). */
    @Override public int hashCode() { return Keys.hash(platform, id); }

    @Override public boolean equals(Object o) { return o instanceof ChatRef c && id.equals(c.id) && platform.equals(c.platform); }
}
