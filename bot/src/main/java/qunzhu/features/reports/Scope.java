package qunzhu.features.reports;

import java.util.ArrayList;
import java.util.List;
import qunzhu.config.BotConfig;
import qunzhu.config.GroupConfig;
import qunzhu.core.ChatRef;

/**
 * What a report covers: one configured group (by its key), the groups of one profile (or
 * category), or every group.
 */
public record Scope(Kind kind, String name) {
    public enum Kind { GROUP, PROFILE, ALL }

    public static final Scope ALL = new Scope(Kind.ALL, null);

    public static Scope group(String key) { return new Scope(Kind.GROUP, key); }
    public static Scope profile(String name) { return new Scope(Kind.PROFILE, name); }

    /** The configured groups in this scope, in config order. */
    public List<GroupConfig> groups(BotConfig config) {
        List<GroupConfig> out = new ArrayList<>();
        for (GroupConfig g : config.groups().values()) {
            boolean in = switch (kind) {
                case GROUP -> g.key().equals(name);
                case PROFILE -> name.equals(g.profile()) || name.equals(g.category());
                case ALL -> true;
            };
            if (in) out.add(g);
        }
        return out;
    }

    public List<ChatRef> chats(BotConfig config) { return groups(config).stream().map(GroupConfig::chat).toList(); }

    /** "group tech", "profile tech", "all": stable, for the sent-digest record. */
    public String id() { return kind == Kind.ALL ? "all" : kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name; }
}
