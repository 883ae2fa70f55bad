package qunzhu.config;

import java.util.List;

/**
 * How a group is managed (管理策略). Each strategy is a preset of moderation and newcomer
 * settings that the group may override key by key.
 * <ul>
 * <li>CENTRALIZED 集中管理: strict filters, newcomers restricted, only staff announce.</li>
 * <li>LAYERED 分层管理: trusted/core members are exempt from some filters and may /warn.</li>
 * <li>SELF_GOVERNED 自治管理: members can vote to mute a spammer (/votemute with a quorum).</li>
 * <li>LAISSEZ_FAIRE 放任管理: only hard spam is acted on.</li>
 * </ul>
 */
public enum Strategy {
    CENTRALIZED("centralized"), LAYERED("layered"), SELF_GOVERNED("self_governed"), LAISSEZ_FAIRE("laissez_faire");

    private final String key;

    Strategy(String key) { this.key = key; }

    public String key() { return key; }

    public static List<String> keys() { return java.util.Arrays.stream(values()).map(Strategy::key).toList(); }

    public static Strategy of(String key) {
        for (Strategy s : values()) if (s.key.equals(key)) return s;
        throw new IllegalArgumentException("unknown strategy " + key);
    }
}
