package qunzhu.features.lottery;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.feature.Points;
import qunzhu.store.History;

/**
 * Whether a member may enter a lottery, in this order: not muted or banned (as far as the
 * bot's own actions tell), a member for at least the days asked (since their join, or since
 * the bot first saw them), enough messages in the 7 days before (the entry message itself
 * not counted), a balance of at least the minimum points, and enough points to pay the cost.
 * One entry each is checked by the store.
 */
final class Eligibility {
    /** Why an entry is refused: the template (under lottery.refused.) and the numbers it shows. */
    record Refusal(String reason, long needed, long has) {}

    static final Duration ACTIVITY_WINDOW = Duration.ofDays(7);

    private final History history;
    private final Supplier<Points> points;

    /** {@code points} is asked each time: the points feature may install after this one. */
    Eligibility(History history, Supplier<Points> points) {
        this.history = history;
        this.points = points;
    }

    /** Null when the member may enter. */
    Refusal check(LotteryStore.Lottery l, ChatRef chat, MemberRef member, Instant now, String entryMessageId) {
        String restriction = history.restriction(chat, member.id());
        if (restriction != null) return new Refusal(restriction, 0, 0);
        if (l.minDays() > 0) {
            Instant since = history.memberSince(chat, member.id());
            long days = since == null ? 0 : Duration.between(since, now).toDays();
            if (days < l.minDays()) return new Refusal("days", l.minDays(), days);
        }
        if (l.minMessages() > 0) {
            long n = history.messagesSince(chat, member.id(), now.minus(ACTIVITY_WINDOW), entryMessageId);
            if (n < l.minMessages()) return new Refusal("messages", l.minMessages(), n);
        }
        if (l.minPoints() > 0 || l.cost() > 0) {
            long balance = points.get().balance(chat, member.id());
            if (balance < l.minPoints()) return new Refusal("points", l.minPoints(), balance);
            if (balance < l.cost()) return new Refusal("cost", l.cost(), balance);
        }
        return null;
    }
}
