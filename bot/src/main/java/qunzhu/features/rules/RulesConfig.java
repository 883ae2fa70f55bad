package qunzhu.features.rules;

import qunzhu.config.ConfigNode;
import qunzhu.config.GroupSection;

/** {@code rules:} of a group or profile: the rules text (群规) shown by /rules. */
public record RulesConfig(String text) {
    public static final GroupSection<RulesConfig> SECTION = new GroupSection<>() {
        @Override public String key() { return "rules"; }
        @Override public Class<RulesConfig> type() { return RulesConfig.class; }
        @Override public RulesConfig parse(ConfigNode n) {
            RulesConfig c = new RulesConfig(n.string("text", null));
            n.done();
            return c;
        }
    };
}
