package qunzhu.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.Action;
import qunzhu.core.Admin;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;
import qunzhu.feature.Arg;
import qunzhu.feature.Args;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.text.DurationText;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Right;
import qunzhu.feature.Setup;
import qunzhu.feature.UsageException;
import qunzhu.platform.Platform;

/**
 * Turns {@code /command args} (and configured aliases such as 签到 for /checkin) into a
 * handler call. On every call, in this order: the caller's role (a moderator command confirms
 * it, which may wait briefly for a cold chat's admins), the place (group-only), the platform
 * rights the caller needs (an admin whose rights lack one is refused; operators and
 * config-listed moderators have them all), the rights the bot's account needs (refused only
 * where the platform says the account lacks them), then the declared arguments. It answers
 * refusals and usage lines itself, so handlers only do their work. {@code /cmd@botname} is
 * accepted as Telegram sends it in groups. /help lists what the caller may run here.
 *
 * <p>The router is installed like a feature, at its place in the wiring (after gatekeeping, so
 * a deleted message runs no command); commands of features installed after it are in its
 * table too, which it reads at the first message.
 */
public final class CommandRouter implements Feature {
    private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);

    /** A refusal said as it is, without the usage line. */
    private static final class Refused extends RuntimeException {
        Refused(String text) { super(text, null, false, false); }
    }

    private record Table(Map<String, CommandSpec> byName, Map<String, CommandSpec> byAlias) {}

    private Setup setup;
    private Members members;
    /** Built at the first message, once every feature has installed (pipeline thread only). */
    private Table table;

    @Override public String name() { return "commands"; }

    @Override public void install(Setup s) {
        this.setup = s;
        this.members = new Members(s.history(), s.accounts(), s.config());
        s.command(CommandSpec.of("help").alias("帮助").namespace("core").handler(this::help));
        s.on(Event.MessagePosted.class, this::on);
    }

    private Table table() {
        if (table != null) return table;
        Map<String, CommandSpec> byName = new LinkedHashMap<>();
        Map<String, CommandSpec> byAlias = new LinkedHashMap<>();
        for (CommandSpec c : setup.commands()) {
            byName.put(c.name(), c);
            for (String a : c.aliases()) byAlias.put(a, c);
        }
        setup.config().aliases().forEach((alias, target) -> {
            CommandSpec c = byName.get(target);
            if (c == null) log.warn("alias {} points at unknown command /{}", alias, target);
            else byAlias.put(alias, c);
        });
        table = new Table(byName, byAlias);
        return table;
    }

    private List<Action> on(Event.MessagePosted m, FeatureContext ctx) {
        String text = m.text().strip();
        if (text.isEmpty()) return List.of();
        int space = firstSpace(text);
        String head = space < 0 ? text : text.substring(0, space);
        String rest = space < 0 ? "" : text.substring(space + 1).strip();
        Table t = table();
        CommandSpec cmd;
        if (head.startsWith("/") && head.length() > 1) {
            String invoked = head.substring(1);
            int at = invoked.indexOf('@');
            if (at >= 0) invoked = invoked.substring(0, at);
            invoked = invoked.toLowerCase(Locale.ROOT);
            cmd = t.byName().get(invoked);
            if (cmd == null) cmd = t.byAlias().get(invoked);
            if (cmd == null) {
                ctx.stop();
                return List.of(reply(m, ctx.text("core.unknown_command", "command", invoked)));
            }
        } else {
            cmd = t.byAlias().get(head);
            if (cmd == null) return List.of();
        }
        ctx.stop();
        // A moderator command may wait briefly for a cold chat's admin list (operators come from config).
        Role role = cmd.role() == Role.MEMBER ? ctx.roleOf(m) : ctx.confirmedRoleOf(m);
        if (!role.atLeast(cmd.role()) && !cmd.alsoAllowed().allows(m, ctx)) {
            if (cmd.deniedKey() != null) return List.of(reply(m, ctx.text(cmd.deniedKey())));
            return List.of(reply(m, ctx.text("core.denied", "command", cmd.name(),
                    "required", ctx.text("core.role." + cmd.role().key()), "role", ctx.text("core.role." + role.key()))));
        }
        if (cmd.groupOnly() && ctx.group() == null) {
            return List.of(reply(m, ctx.text("core.group_only", "command", cmd.name())));
        }
        Right lacking = callerLacks(cmd, m, role);
        if (lacking != null) return List.of(reply(m, ctx.text("core.missing_right", "right", ctx.text("core.right." + lacking.key()))));
        for (Right r : cmd.botRights()) {
            String account = botLacks(m.chat(), r);
            if (account != null) {
                return List.of(reply(m, ctx.text("core.bot_missing_right", "command", cmd.name(), "account", account,
                        "right", ctx.text("core.right." + r.key()))));
            }
        }
        try {
            Args args = parse(cmd, m, rest, ctx);
            return cmd.handler().handle(new CommandCall(cmd, m, args, role, ctx));
        } catch (Refused e) {
            return List.of(reply(m, e.getMessage()));
        } catch (UsageException e) {
            String usage = ctx.text("core.usage", "usage", ctx.text(cmd.usageKey()));
            return List.of(reply(m, e.getMessage() == null ? usage : e.getMessage() + "\n" + usage));
        }
    }

    /** The first right the caller lacks on the platform, or null. */
    private Right callerLacks(CommandSpec cmd, Event.MessagePosted m, Role role) {
        if (cmd.callerRights().isEmpty() || role == Role.OPERATOR) return null;
        Admin a = setup.roles().admin(m.chat(), m.author());
        if (a == null) return null;
        for (Right r : cmd.callerRights()) if (!a.may(r.key())) return r;
        return null;
    }

    /**
     * The id of an account that lacks {@code right} when every serving account whose admin
     * entry the platform gave lacks it; null when one may, or when the platform does not say.
     */
    private String botLacks(ChatRef chat, Right right) {
        String lacking = null;
        for (Platform p : setup.accounts().serving(chat)) {
            if (p.selfId() == null) return null;
            Admin a = setup.roles().admin(chat, MemberRef.of(p.selfId(), p.id()));
            if (a == null || a.may(right.key())) return null;
            if (lacking == null) lacking = p.id();
        }
        return lacking;
    }

    /** Parses the declared arguments in order; throws {@link UsageException} or {@link Refused}. */
    private Args parse(CommandSpec cmd, Event.MessagePosted m, String line, FeatureContext ctx) {
        List<String> words = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < line.length(); ) {
            if (Character.isWhitespace(line.charAt(i))) { i++; continue; }
            int start = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) i++;
            words.add(line.substring(start, i));
            starts.add(start);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        int next = 0;
        for (Arg a : cmd.args()) {
            String word = next < words.size() ? words.get(next) : null;
            Object value = null;
            switch (a.kind()) {
                case MEMBER -> {
                    MemberRef replied = m.replyToAuthor();
                    if (replied != null) {
                        value = replied;
                    } else if (word != null && !DurationText.looksLike(word)) {
                        if (members.isBot(m.chat(), word)) throw new Refused(ctx.text("core.refuse_bot"));
                        MemberRef found = members.find(m.chat(), word);
                        if (found == null) throw new Refused(ctx.text("core.no_member", "name", word.startsWith("@") ? word.substring(1) : word));
                        value = found;
                        next++;
                    }
                    if (value != null && members.isBot(m.chat(), (MemberRef) value)) throw new Refused(ctx.text("core.refuse_bot"));
                }
                case DURATION -> {
                    if (word != null && DurationText.looksLike(word)) {
                        Duration d = DurationText.parse(word);
                        if (d == null) throw new UsageException(ctx.text("core.bad_duration", "value", word));
                        value = d;
                        next++;
                    }
                }
                case INTEGER -> {
                    if (word != null) {
                        try {
                            value = Integer.parseInt(word.startsWith("#") ? word.substring(1) : word);
                        } catch (NumberFormatException e) {
                            throw new UsageException(null);
                        }
                        next++;
                    }
                }
                case TEXT -> {
                    String s = word == null ? "" : line.substring(starts.get(next)).strip();
                    next = words.size();
                    if (!s.isEmpty()) value = s;
                }
            }
            if (value == null && a.required()) throw new UsageException(a.missing() == null ? null : ctx.text(a.missing()));
            if (value != null) values.put(a.name(), value);
        }
        return new Args(values, words, line);
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }

    private static Action.Send reply(Event.MessagePosted m, String text) {
        return Action.Send.of(m.chat(), "host", text).replyingTo(m.messageId());
    }

    /** The commands this caller may run here: role (or the command's own gate), place and platform rights. */
    private List<Action> help(CommandCall call) {
        FeatureContext ctx = call.ctx();
        Event.MessagePosted m = call.message();
        List<String> lines = new ArrayList<>();
        lines.add(ctx.text("core.help_header"));
        for (CommandSpec c : table().byName().values()) {
            if (c.groupOnly() && ctx.group() == null) continue;
            if (!call.role().atLeast(c.role()) && !c.alsoAllowed().allows(m, ctx)) continue;
            if (callerLacks(c, m, call.role()) != null) continue;
            lines.add(ctx.text("core.help_line", "usage", ctx.text(c.usageKey()), "description", ctx.text(c.descriptionKey())));
        }
        return List.of(call.reply(String.join("\n", lines)));
    }
}
