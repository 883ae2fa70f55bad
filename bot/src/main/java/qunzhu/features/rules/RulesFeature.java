package qunzhu.features.rules;

import java.util.List;
import qunzhu.config.GroupConfig;
import qunzhu.config.GroupSection;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.Priority;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.RulesText;
import qunzhu.feature.Setup;

/**
 * /rules shows the group's rules (群规); moderators change them with /setrules. Other features
 * read them through {@link RulesText}, which this feature provides. The calendar's trigger
 * {@code rules} posts them on a schedule.
 */
public final class RulesFeature implements Feature {
    @Override public String name() { return "rules"; }

    @Override public List<GroupSection<?>> sections() { return List.of(RulesConfig.SECTION); }

    @Override public void install(Setup s) {
        s.moveWithChat("rules_text");
        Rules rules = new Rules(new RulesStore(s.store()), s);
        s.provide(RulesText.class, rules);
        s.command(CommandSpec.of("rules").alias("群规").groupOnly().handler(rules::show));
        s.on(Event.Triggered.class, rules::triggered);
        s.command(CommandSpec.of("setrules").alias("设置群规").moderator().groupOnly()
                .arg(Arg.text("rules")).handler(rules::set));
    }

    /** The rules in force: set with /setrules, else the configured text. */
    private record Rules(RulesStore store, Setup s) implements RulesText {
        @Override public String text(ChatRef chat) {
            String stored = store.get(chat);
            if (stored != null) return stored;
            GroupConfig g = s.group(chat);
            return g == null ? null : g.section(RulesConfig.class).text();
        }

        @Override public String url(ChatRef chat) {
            GroupConfig g = s.group(chat);
            Object r = g == null ? null : g.sections().get(RulesConfig.class);
            return r instanceof RulesConfig c ? c.url() : null;
        }

        List<Action> show(CommandCall call) {
            String rules = text(call.message().chat());
            if (rules == null || rules.isBlank()) return List.of(call.reply(call.ctx().text("rules.none")));
            return List.of(call.reply(call.ctx().text("rules.show", "group", call.ctx().groupTitle(), "rules", rules.strip())));
        }

        /** The calendar's trigger "rules": the rules posted in the chat by the entry's persona (nothing when there are none). */
        List<Action> triggered(Event.Triggered t, FeatureContext ctx) {
            if (!"rules".equals(t.trigger())) return List.of();
            String rules = text(t.chat());
            if (rules == null || rules.isBlank()) return List.of();
            String body = ctx.text(t.persona(), t.late() ? "rules.posted_late" : "rules.posted", "group", ctx.groupTitle(), "rules", rules.strip());
            return List.of(Action.Send.of(t.chat(), t.persona(), body).withPriority(Priority.CHATTER));
        }

        List<Action> set(CommandCall call) {
            store.set(call.message().chat(), call.args().text("rules"), call.caller().id(), call.ctx().now());
            return List.of(call.reply(call.ctx().text("rules.updated")));
        }
    }
}
