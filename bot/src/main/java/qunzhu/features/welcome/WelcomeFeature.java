package qunzhu.features.welcome;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import qunzhu.config.GroupConfig;
import qunzhu.config.GroupSection;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.MemberRef;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Services;
import qunzhu.features.rules.RulesConfig;
import qunzhu.store.History;
import qunzhu.text.Texts;

/**
 * Greets each person who joins a configured group, through the host persona. The text is the
 * first of: the group's {@code welcome.text}, its profile's, the shipped template for its
 * category and stage ({@code welcome.category.<category>.<stage>}), for its category
 * ({@code welcome.category.<category>}), for its stage ({@code welcome.stage.<stage>}), and
 * {@code welcome.default}. A gatekeeper (verification) may hold the welcome back and call
 * {@link #greet} itself once the member is let in.
 */
public final class WelcomeFeature implements Feature {
    private Services services;
    private final List<BiPredicate<ChatRef, MemberRef>> holds = new ArrayList<>();

    @Override public String name() { return "welcome"; }

    @Override public void init(Services s) { this.services = s; }

    @Override public List<GroupSection<?>> sections() { return List.of(WelcomeConfig.SECTION); }

    /** While {@code hold} is true for a member who joined, the join brings no welcome. */
    public void holdWhile(BiPredicate<ChatRef, MemberRef> hold) { holds.add(hold); }

    @Override
    public List<Action> on(Event event, FeatureContext ctx) {
        if (event instanceof Event.ServiceMessage s && ctx.group() != null
                && ctx.group().section(WelcomeConfig.class).cleanServiceMessages()) {
            return List.of(new Action.Delete(s.chat(), s.messageId(), "service message"));
        }
        if (!(event instanceof Event.MemberJoined j) || ctx.group() == null) return List.of();
        if (j.member().bot() || services.accounts().isOwnAccount(j.chat().platform(), j.member().id())) return List.of();
        for (BiPredicate<ChatRef, MemberRef> hold : holds) if (hold.test(j.chat(), j.member())) return List.of();
        return greet(j.chat(), j.member(), ctx);
    }

    /** The welcome for {@code member} in the context's group, or nothing when welcomes are off. */
    public List<Action> greet(ChatRef chat, MemberRef member, FeatureContext ctx) {
        GroupConfig g = ctx.group();
        if (g == null) return List.of();
        WelcomeConfig cfg = g.section(WelcomeConfig.class);
        if (!cfg.enabled()) return List.of();
        Object rules = g.sections().get(RulesConfig.class);
        String url = rules instanceof RulesConfig r ? r.url() : null;
        String rulesLink = url != null ? url : "/rules";
        Object[] vars = {"name", member.name(), "group", ctx.groupTitle(), "members", members(chat),
                "rules_link", rulesLink,
                "rules_hint", url != null ? ctx.text("welcome.rules_hint_link", "rules_link", url) : ctx.text("welcome.rules_hint")};
        String text = cfg.text() != null ? Texts.fill(cfg.text(), vars) : ctx.text(templateKey(g), vars);
        Action.Send send = Action.Send.of(chat, "host", text);
        return List.of(cfg.deleteAfter() == null ? send : send.deletingAfter(cfg.deleteAfter()));
    }

    /** The most specific shipped (or config-overridden) template for the group's category and stage. */
    String templateKey(GroupConfig g) {
        for (String key : List.of("welcome.category." + g.category() + "." + g.stage(), "welcome.category." + g.category(),
                "welcome.stage." + g.stage())) {
            if (services.texts().has(key)) return key;
        }
        return "welcome.default";
    }

    private long members(ChatRef chat) {
        return new History(services.db()).memberCount(chat);
    }
}
