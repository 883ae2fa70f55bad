package qunzhu.command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.core.Role;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Services;

/**
 * Turns {@code /command args} (and configured aliases such as 签到 for /checkin) into a
 * handler call, after checking role and place on every call. Answers wrong role, wrong
 * place and wrong arguments itself, so handlers only do their work. {@code /cmd@botname}
 * is accepted as Telegram sends it in groups.
 */
public final class CommandRouter implements Feature {
    private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);

    private final Map<String, Command> byName = new LinkedHashMap<>();
    private final Map<String, Command> byAlias = new LinkedHashMap<>();
    private Services services;

    public CommandRouter(List<Feature> features) {
        for (Feature f : features) for (Command c : f.commands()) add(c);
        add(new Command("help", List.of("帮助"), Role.MEMBER, false, "core", this::help));
    }

    private void add(Command c) {
        if (byName.putIfAbsent(c.name(), c) != null) throw new IllegalStateException("command /" + c.name() + " is defined twice");
        for (String a : c.aliases()) byAlias.put(a, c);
    }

    @Override public String name() { return "commands"; }

    @Override public void init(Services s) {
        this.services = s;
        s.config().aliases().forEach((alias, target) -> {
            Command c = byName.get(target);
            if (c == null) log.warn("alias {} points at unknown command /{}", alias, target);
            else byAlias.put(alias, c);
        });
    }

    public Map<String, Command> table() { return byName; }

    @Override
    public List<Action> on(Event event, FeatureContext ctx) {
        if (!(event instanceof Event.MessagePosted m)) return List.of();
        String text = m.text().strip();
        if (text.isEmpty()) return List.of();
        String head;
        String rest;
        int space = firstSpace(text);
        head = space < 0 ? text : text.substring(0, space);
        rest = space < 0 ? "" : text.substring(space + 1).strip();
        Command cmd;
        String invoked;
        if (head.startsWith("/") && head.length() > 1) {
            invoked = head.substring(1);
            int at = invoked.indexOf('@');
            if (at >= 0) invoked = invoked.substring(0, at);
            invoked = invoked.toLowerCase(Locale.ROOT);
            cmd = byName.get(invoked);
            if (cmd == null) cmd = byAlias.get(invoked);
            if (cmd == null) {
                ctx.stop();
                return List.of(reply(m, ctx.text("core.unknown_command", "command", invoked)));
            }
        } else {
            cmd = byAlias.get(head);
            if (cmd == null) return List.of();
            invoked = cmd.name();
        }
        ctx.stop();
        // A moderator command may wait briefly for a cold chat's admin list (operators come from config).
        Role role = cmd.role() == Role.MODERATOR ? ctx.confirmedRoleOf(m) : ctx.roleOf(m);
        if (!role.atLeast(cmd.role())) {
            return List.of(reply(m, ctx.text("core.denied", "command", cmd.name(),
                    "required", ctx.text("core.role." + cmd.role().key()), "role", ctx.text("core.role." + role.key()))));
        }
        if (cmd.groupOnly() && ctx.group() == null) {
            return List.of(reply(m, ctx.text("core.group_only", "command", cmd.name())));
        }
        List<String> args = rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
        try {
            return cmd.handler().handle(new CommandCall(cmd, m, args, rest, role, ctx));
        } catch (UsageException e) {
            String usage = ctx.text("core.usage", "usage", ctx.text(cmd.usageKey()));
            return List.of(reply(m, e.getMessage() == null ? usage : e.getMessage() + "\n" + usage));
        }
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }

    private static Action.Send reply(Event.MessagePosted m, String text) {
        return Action.Send.of(m.chat(), "host", text).replyingTo(m.messageId());
    }

    private List<Action> help(CommandCall call) {
        FeatureContext ctx = call.ctx();
        List<String> lines = new ArrayList<>();
        lines.add(ctx.text("core.help_header"));
        for (Command c : byName.values()) {
            if (!call.role().atLeast(c.role())) continue;
            lines.add(ctx.text("core.help_line", "usage", ctx.text(c.usageKey()), "description", ctx.text(c.descriptionKey())));
        }
        return List.of(call.reply(String.join("\n", lines)));
    }
}
