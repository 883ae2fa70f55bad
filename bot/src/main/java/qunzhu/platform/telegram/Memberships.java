package qunzhu.platform.telegram;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import qunzhu.core.ChatRef;

/**
 * Telegram reports one join twice when the bot is an admin: a {@code new_chat_members}
 * message and a {@code chat_member} update (same for leaves). Both get the key
 * {@code j<user>-<date>}, so the activity log keeps one; this remembers the first report for a
 * while, so a second report stamped a second or two later is dropped too. Re-parsing the same
 * update (a retried batch) reports the same second from the same kind of report and passes: the
 * log dedupes that one.
 *
 * <p>Only the {@code chat_member} update carries the {@code invite_link} a member joined
 * through, and either report may come first. When the second report names an inviter the first
 * did not, it is {@link Kind#NAMES_INVITER}: the adapter then reports the inviter of the join
 * already reported, so the invite is not lost.
 */
final class Memberships {
    private static final long SAME_CHANGE_SECONDS = 5;

    /** What a report is, given the reports seen a moment ago. */
    enum Kind {
        /** The first report of this change (or the same report again): report it. */
        NEW,
        /** The other report of a change already reported, with nothing new: drop it. */
        REPEAT,
        /** The other report of a join already reported without an inviter, and it names one. */
        NAMES_INVITER
    }

    /** {@code first}: when the first report of this change said it happened. */
    record Report(Kind kind, Instant first) {}

    /** The first report of a change: second (negative for a leave), which kind of report, whether it named an inviter. */
    private record Seen(long signed, boolean viaMessage, boolean inviter) {}

    private final Cache<String, Seen> recent = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(2)).maximumSize(10_000).build();

    /**
     * Classifies a report of a join ({@code joined}) or leave of {@code memberId} at {@code at};
     * {@code viaMessage} is true for the service message, false for the chat_member update;
     * {@code inviter} is true when this report names who brought the member.
     */
    Report report(ChatRef chat, String memberId, boolean joined, Instant at, boolean viaMessage, boolean inviter) {
        String key = chat.id() + "|" + memberId;
        long second = at.getEpochSecond();
        long signed = joined ? second : -second;
        Seen seen = recent.getIfPresent(key);
        boolean near = seen != null && (seen.signed() > 0) == joined && Math.abs(Math.abs(seen.signed()) - second) <= SAME_CHANGE_SECONDS;
        if (!near) {
            recent.put(key, new Seen(signed, viaMessage, inviter));
            return new Report(Kind.NEW, at);
        }
        Instant first = Instant.ofEpochSecond(Math.abs(seen.signed()));
        if (seen.viaMessage() == viaMessage) return new Report(seen.signed() == signed ? Kind.NEW : Kind.REPEAT, first);
        // The other report of the same change. Nothing remembers that an inviter was reported
        // already: a retried batch reports it again, and the log dedupes it by its key.
        return new Report(joined && inviter && !seen.inviter() ? Kind.NAMES_INVITER : Kind.REPEAT, first);
    }
}
