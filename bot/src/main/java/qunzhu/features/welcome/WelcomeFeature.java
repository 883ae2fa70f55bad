package qunzhu.features.welcome;

import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Services;
import qunzhu.config.GroupSection;
import qunzhu.text.Texts;

/** Greets each person who joins a configured group, through the host persona. */
public final class WelcomeFeature implements Feature {
    private Services services;

    @Override public String name() { return "welcome"; }

    @Override public void init(Services s) { this.services = s; }

    @Override public List<GroupSection<?>> sections() { return List.of(WelcomeConfig.SECTION); }

    @Override
    public List<Action> on(Event event, FeatureContext ctx) {
        if (!(event instanceof Event.MemberJoined j) || ctx.group() == null) return List.of();
        if (j.member().bot() || services.accounts().isOwnAccount(j.chat().platform(), j.member().id())) return List.of();
        WelcomeConfig cfg = ctx.group().section(WelcomeConfig.class);
        if (!cfg.enabled()) return List.of();
        Object[] vars = {"name", j.member().name(), "group", ctx.groupTitle(), "members", members(j),
                "rules_hint", ctx.text("welcome.rules_hint")};
        String text = cfg.text() != null ? Texts.fill(cfg.text(), vars) : ctx.text("welcome.default", vars);
        Action.Send send = Action.Send.of(j.chat(), "host", text);
        return List.of(cfg.deleteAfter() == null ? send : send.deletingAfter(cfg.deleteAfter()));
    }

    private long members(Event.MemberJoined j) {
        return services.db().count("SELECT COUNT(*) FROM chat_members WHERE platform = ? AND chat_id = ? AND left_ms IS NULL",
                j.chat().platform(), j.chat().id());
    }

}
