package qunzhu.features.welcome;

import java.util.List;
import qunzhu.config.GroupConfig;
import qunzhu.config.GroupSection;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.MemberRef;
import qunzhu.core.PersonaRole;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Provided;
import qunzhu.feature.RulesText;
import qunzhu.feature.Setup;
import qunzhu.store.History;
import qunzhu.text.Texts;

/**
 * Greets each person admitted to a configured group ({@link Event.MemberAdmitted}: they joined
 * and no gatekeeper stopped the join, or they passed verification later), through the host
 * persona, in its voice. The text is the first of: the group's {@code welcome.text}, its profile's, the
 * shipped template for its category and stage ({@code welcome.category.<category>.<stage>}),
 * for its category ({@code welcome.category.<category>}), for its stage
 * ({@code welcome.stage.<stage>}), and {@code welcome.default}. It links to the rules the
 * rules feature keeps ({@link RulesText}), or to /rules.
 */
public final class WelcomeFeature implements Feature {
    @Override public String name() { return "welcome"; }

    @Override public List<GroupSection<?>> sections() { return List.of(WelcomeConfig.SECTION); }

    @Override public void install(Setup s) {
        Greeter greeter = new Greeter(s, s.history(), s.find(RulesText.class));
        s.on(Event.MemberAdmitted.class, greeter::admitted);
        s.on(Event.ServiceMessage.class, Greeter::serviceMessage);
    }

    private record Greeter(Setup s, History history, Provided<RulesText> rules) {
        static List<Action> serviceMessage(Event.ServiceMessage m, FeatureContext ctx) {
            if (ctx.group() == null || !ctx.group().section(WelcomeConfig.class).cleanServiceMessages()) return List.of();
            return List.of(new Action.Delete(m.chat(), m.messageId(), "service message"));
        }

        List<Action> admitted(Event.MemberAdmitted a, FeatureContext ctx) {
            if (ctx.group() == null || a.member().bot() || s.accounts().isOwnAccount(a.chat().platform(), a.member().id())) return List.of();
            return greet(a.chat(), a.member(), ctx);
        }

        List<Action> greet(ChatRef chat, MemberRef member, FeatureContext ctx) {
            GroupConfig g = ctx.group();
            WelcomeConfig cfg = g.section(WelcomeConfig.class);
            if (!cfg.enabled()) return List.of();
            String url = rules.orElse(RulesText.NONE).url(chat);
            String rulesLink = url != null ? url : "/rules";
            Object[] vars = {"name", member.name(), "group", ctx.groupTitle(), "members", members(chat),
                    "rules_link", rulesLink,
                    "rules_hint", url != null ? ctx.phrase(PersonaRole.HOST, "welcome.rules_hint_link", "rules_link", url)
                            : ctx.phrase(PersonaRole.HOST, "welcome.rules_hint")};
            String text = cfg.text() != null ? ctx.signed(PersonaRole.HOST, Texts.fill(cfg.text(), vars))
                    : ctx.text(PersonaRole.HOST, templateKey(g, ctx), vars);
            Action.Send send = Action.Send.of(chat, PersonaRole.HOST, text);
            return List.of(cfg.deleteAfter() == null ? send : send.deletingAfter(cfg.deleteAfter()));
        }

        /**
         * The template for the group's category and stage: the host persona's own version first
         * (most specific, then its welcome.default), then the most specific shipped (or
         * config-overridden) one.
         */
        String templateKey(GroupConfig g, FeatureContext ctx) {
            List<String> keys = List.of("welcome.category." + g.category() + "." + g.stage(), "welcome.category." + g.category(),
                    "welcome.stage." + g.stage(), "welcome.default");
            for (String key : keys) if (ctx.voiced(PersonaRole.HOST, key)) return key;
            for (String key : keys) if (s.texts().has(key)) return key;
            return "welcome.default";
        }

        private long members(ChatRef chat) {
            return history.memberCount(chat);
        }
    }
}
