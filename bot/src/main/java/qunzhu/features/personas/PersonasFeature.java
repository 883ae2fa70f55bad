package qunzhu.features.personas;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import qunzhu.config.GroupConfig;
import qunzhu.config.Persona;
import qunzhu.config.SendBudget;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.PersonaRole;
import qunzhu.feature.Accounts;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;
import qunzhu.feature.UsageException;
import qunzhu.persona.AccountHealth;
import qunzhu.platform.Platform;

/**
 * {@code /persona list [all]} (operators): per group, each persona that speaks there, the
 * account it speaks through now, that account's send budget left and its health in the group
 * (ok, rate-limited until, muted, not in the group, silent drops, since when). In a group it
 * lists that group; {@code all}, or outside a configured group, every configured group.
 */
public final class PersonasFeature implements Feature {
    @Override public String name() { return "personas"; }

    @Override public void install(Setup s) {
        s.command(CommandSpec.of("persona").alias("人设").operator().arg(Arg.text("what").optional()).handler(call -> list(s, call)));
    }

    private static List<Action> list(Setup s, CommandCall call) {
        FeatureContext ctx = call.ctx();
        String rest = call.rest() == null ? "" : call.rest().strip().toLowerCase(Locale.ROOT);
        if (!rest.isEmpty() && !rest.equals("list") && !rest.equals("list all") && !rest.equals("all")) throw new UsageException(null);
        boolean all = rest.endsWith("all") || ctx.group() == null;
        List<GroupConfig> groups = all ? List.copyOf(s.config().groups().values()) : List.of(ctx.group());
        StringBuilder out = new StringBuilder(ctx.text("personas.title"));
        for (GroupConfig g : groups) {
            out.append('\n').append(ctx.text("personas.group", "group", g.title(), "chat", g.chat()));
            List<String> lines = lines(s.accounts(), g.chat(), ctx);
            if (lines.isEmpty()) out.append('\n').append(ctx.text("personas.nobody"));
            for (String l : lines) out.append('\n').append(l);
        }
        return List.of(call.reply(out.toString()));
    }

    private static List<String> lines(Accounts accounts, ChatRef chat, FeatureContext ctx) {
        Set<PersonaRole> roles = new LinkedHashSet<>();
        for (Platform p : accounts.serving(chat)) if (accounts.persona(p.id()) != null) roles.add(accounts.persona(p.id()));
        List<String> out = new ArrayList<>();
        for (PersonaRole role : roles) {
            Platform via = accounts.route(Action.Send.of(chat, role, "?"));
            if (via == null) continue;
            Persona persona = accounts.speaker(chat, role);
            out.add(ctx.text("personas.line", "persona", persona == null ? role.name() : persona.name(), "role", role.name(),
                    "account", via.id(), "budget", budget(accounts, via.id(), ctx), "health", health(accounts, via.id(), chat, ctx)));
            // The persona's own accounts that do not speak now, and why.
            for (Platform p : accounts.serving(chat)) {
                if (p == via || !role.equals(accounts.persona(p.id()))) continue;
                out.add(ctx.text("personas.resting", "account", p.id(), "budget", budget(accounts, p.id(), ctx),
                        "health", health(accounts, p.id(), chat, ctx)));
            }
        }
        return out;
    }

    private static String budget(Accounts accounts, String account, FeatureContext ctx) {
        int left = accounts.budgetLeft(account);
        qunzhu.config.AccountConfig a = accounts.config(account);
        SendBudget b = a == null ? SendBudget.NONE : a.budget();
        if (left == Integer.MAX_VALUE || b.unlimited()) return ctx.text("personas.budget_none");
        if (left < 0) return ctx.text("personas.budget_unknown", "budget", b);
        return ctx.text("personas.budget", "left", left, "budget", b);
    }

    private static String health(Accounts accounts, String account, ChatRef chat, FeatureContext ctx) {
        AccountHealth.Status st = accounts.health().status(account, chat);
        java.time.Instant spent = accounts.health().budgetSpentUntil(account);
        if (st.state() == AccountHealth.State.OK && spent != null) return ctx.text("personas.health.budget_spent", "until", ctx.time(spent));
        String key = "personas.health." + st.state().name().toLowerCase(Locale.ROOT);
        return ctx.text(key, "since", st.since() == null ? "" : ctx.time(st.since()), "until", st.until() == null ? "" : ctx.time(st.until()),
                "drops", st.drops());
    }
}
