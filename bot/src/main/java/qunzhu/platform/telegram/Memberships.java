package qunzhu.platform.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import qunzhu.core.ChatRef;

/**
 * Telegram reports one join twice when the bot is an admin: a {@code new_chat_members}
 * message and a {@code chat_member} update (same for leaves). Both get the key
 * {@code j<user>-<date>}, so the activity log keeps one; this remembers the first report's
 * second for a while, so a second report stamped a second or two later is dropped too.
 * Re-parsing the same update (a retried batch) reports the same second and passes: the log
 * dedupes that one.
 */
final class Memberships {
    private static final long SAME_CHANGE_SECONDS = 5;

    private final Cache<String, Long> recent = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(2)).maximumSize(10_000).build();

    /** False when this is the other report of a join (or leave) already seen a moment ago. */
    boolean first(ChatRef chat, String memberId, boolean joined, Instant at) {
        String key = chat.id() + "|" + memberId;
        long second = at.getEpochSecond();
        long signed = joined ? second : -second;
        Long seen = recent.getIfPresent(key);
        if (seen != null && (seen > 0) == joined && seen != signed && Math.abs(Math.abs(seen) - second) <= SAME_CHANGE_SECONDS) {
            return false;
        }
        if (seen == null || seen != signed) recent.put(key, signed);
        return true;
    }
}
