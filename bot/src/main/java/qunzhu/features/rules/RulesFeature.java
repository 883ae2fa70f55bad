package qunzhu.features.rules;

import java.util.List;
import qunzhu.command.Command;
import qunzhu.command.CommandCall;
import qunzhu.command.UsageException;
import qunzhu.config.GroupSection;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Role;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Services;

/** /rules shows the group's rules (群规); moderators change them with /setrules. */
public final class RulesFeature implements Feature {
    private RulesStore store;

    @Override public String name() { return "rules"; }

    @Override public void init(Services s) { store = new RulesStore(s.db()); }

    @Override public List<GroupSection<?>> sections() { return List.of(RulesConfig.SECTION); }

    @Override
    public List<Command> commands() {
        return List.of(
                new Command("rules", List.of("群规"), Role.MEMBER, true, name(), this::show),
                new Command("setrules", List.of("设置群规"), Role.MODERATOR, true, name(), this::set));
    }

    /** The rules text in force for a chat, or null when none is set. Other features quote it. */
    public String rulesOf(ChatRef chat, FeatureContext ctx) {
        String stored = store.get(chat);
        if (stored != null) return stored;
        return ctx.group() == null ? null : ctx.group().section(RulesConfig.class).text();
    }

    private List<Action> show(CommandCall call) {
        String rules = rulesOf(call.message().chat(), call.ctx());
        if (rules == null || rules.isBlank()) return List.of(call.reply(call.ctx().text("rules.none")));
        return List.of(call.reply(call.ctx().text("rules.show", "group", call.ctx().groupTitle(), "rules", rules.strip())));
    }

    private List<Action> set(CommandCall call) {
        if (call.rest().isBlank()) throw new UsageException(null);
        store.set(call.message().chat(), call.rest().strip(), call.caller().id(), call.ctx().now());
        return List.of(call.reply(call.ctx().text("rules.updated")));
    }
}
