package qunzhu.features.welcome;

import java.time.Duration;
import qunzhu.config.ConfigNode;
import qunzhu.config.GroupSection;

/**
 * {@code welcome:} of a group or profile. {@code text} is a template with {name}, {group},
 * {members} and {rules_hint}; null uses the shipped template of the group's locale.
 * {@code delete_after} removes the welcome again so it does not bury the conversation;
 * {@code clean_service_messages} removes the platform's own "joined"/"left" lines where it has
 * them (Telegram; the bot needs the right to delete messages).
 */
public record WelcomeConfig(boolean enabled, String text, Duration deleteAfter, boolean cleanServiceMessages) {
    public static final GroupSection<WelcomeConfig> SECTION = new GroupSection<>() {
        @Override public String key() { return "welcome"; }
        @Override public Class<WelcomeConfig> type() { return WelcomeConfig.class; }
        @Override public WelcomeConfig parse(ConfigNode n) {
            WelcomeConfig c = new WelcomeConfig(n.bool("enabled", true), n.string("text", null), n.duration("delete_after", null),
                    n.bool("clean_service_messages", false));
            n.done();
            return c;
        }
    };
}
