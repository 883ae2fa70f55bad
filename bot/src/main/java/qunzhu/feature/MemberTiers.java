package qunzhu.feature;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import qunzhu.core.ChatRef;

/**
 * Which tier each member of a chat is in, computed from the activity log with the thresholds
 * of the chat's profile. Read-only; provided through {@link Setup#provide}; used by /whois,
 * lottery conditions and the digests.
 */
public interface MemberTiers {
    /** Tiers, from the most to the least engaged; {@link #CHURNED} members have left. */
    enum Tier { NEWCOMER, CORE, ACTIVE, QUIET, AT_RISK, CHURNED }

    /** Nobody computes tiers: nothing is known. */
    MemberTiers NONE = new MemberTiers() {
        @Override public Tier tierOf(ChatRef chat, String memberId) { return null; }
        @Override public List<String> members(ChatRef chat, Tier tier) { return List.of(); }
    };

    /** The member's tier now, or null for a member the log does not know in that chat. */
    Tier tierOf(ChatRef chat, String memberId);

    /** Member ids of a chat in {@code tier} now, most active first. */
    List<String> members(ChatRef chat, Tier tier);

    /**
     * Every tier of a chat at once (each list most active first; a tier nobody is in is left
     * out). The digests ask for all tiers of every group: computed per tier, that read the
     * log six times over.
     */
    default Map<Tier, List<String>> byTier(ChatRef chat) {
        Map<Tier, List<String>> out = new EnumMap<>(Tier.class);
        for (Tier t : Tier.values()) {
            List<String> ids = members(chat, t);
            if (!ids.isEmpty()) out.put(t, ids);
        }
        return out;
    }
}
