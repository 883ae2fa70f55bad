package qunzhu.features.tiers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import qunzhu.feature.MemberTiers.Tier;
import qunzhu.store.History;

/**
 * Sorts the members of one chat into tiers, from the log only (pure: seats and message counts
 * in, tiers out). The first rule that holds wins:
 * <ol>
 * <li>{@link Tier#CHURNED}: left;</li>
 * <li>{@link Tier#NEWCOMER}: joined (or first seen) less than {@code newcomer_for} ago;</li>
 * <li>{@link Tier#AT_RISK}: active in the window before the last {@code silent_for}, silent since;</li>
 * <li>{@link Tier#CORE}: among the top {@code core_top_percent} by messages in the window, with at least {@code core_messages};</li>
 * <li>{@link Tier#ACTIVE}: at least {@code active_messages} in the window;</li>
 * <li>{@link Tier#QUIET}: everyone else (a member a while, who rarely speaks).</li>
 * </ol>
 */
final class Tiering {
    /** One member's tier and the message count that ranks them. */
    record Placed(String memberId, Tier tier, long windowMessages) {}

    private Tiering() {}

    /**
     * @param inWindow messages per member from now - window to now
     * @param recent   messages per member in the last silent_for
     */
    static Map<String, Placed> place(List<History.Seat> seats, Map<String, Long> inWindow, Map<String, Long> recent,
                                     Instant now, TiersConfig cfg) {
        long present = seats.stream().filter(s -> s.left() == null).count();
        long coreSlots = Math.max(1, (present * cfg.coreTopPercent()) / 100);
        List<History.Seat> ranked = new ArrayList<>(seats);
        ranked.sort(Comparator.comparingLong((History.Seat s) -> -inWindow.getOrDefault(s.memberId(), 0L)).thenComparing(History.Seat::memberId));
        Map<String, Placed> out = new LinkedHashMap<>();
        int coreTaken = 0;
        for (History.Seat s : ranked) {
            long n = inWindow.getOrDefault(s.memberId(), 0L);
            long lately = recent.getOrDefault(s.memberId(), 0L);
            Instant since = s.joined() != null ? s.joined() : s.firstSeen();
            Tier t;
            if (s.left() != null) t = Tier.CHURNED;
            else if (since.isAfter(now.minus(cfg.newcomerFor()))) t = Tier.NEWCOMER;
            else if (lately == 0 && n >= cfg.activeMessages()) t = Tier.AT_RISK;
            else if (n >= cfg.coreMessages() && coreTaken < coreSlots) { t = Tier.CORE; coreTaken++; }
            else if (n >= cfg.activeMessages()) t = Tier.ACTIVE;
            else t = Tier.QUIET;
            out.put(s.memberId(), new Placed(s.memberId(), t, n));
        }
        return out;
    }
}
