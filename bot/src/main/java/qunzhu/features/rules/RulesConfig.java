package qunzhu.features.rules;

import qunzhu.config.ConfigNode;
import qunzhu.config.GroupSection;

/**
 * {@code rules:} of a group or profile: the rules text (群规) shown by /rules, and an optional
 * {@code url} of a longer rules page that welcomes link to ({rules_link}).
 */
public record RulesConfig(String text, String url) {
    public static final GroupSection<RulesConfig> SECTION = new GroupSection<>() {
        @Override public String key() { return "rules"; }
        @Override public Class<RulesConfig> type() { return RulesConfig.class; }
        @Override public RulesConfig parse(ConfigNode n) {
            RulesConfig c = new RulesConfig(n.string("text", null), n.string("url", null));
            n.done();
            return c;
        }
    };
}
