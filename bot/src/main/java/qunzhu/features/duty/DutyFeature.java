package qunzhu.features.duty;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import qunzhu.config.GroupConfig;
import qunzhu.config.GroupSection;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.DutyRoster;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;
import qunzhu.feature.UsageException;

/**
 * The duty roster (值班) of each group, from its {@code duty:} section (or its profile's) and
 * the swaps moderators made with {@code /duty swap @a @b <date>}. {@code /duty} says who is on
 * duty now and who is next; the feature provides {@link DutyRoster} for reports and escalations.
 */
public final class DutyFeature implements Feature {
    @Override public String name() { return "duty"; }

    @Override public List<GroupSection<?>> sections() { return List.of(DutyConfig.SECTION); }

    @Override public void install(Setup s) {
        s.moveWithChat("duty_swaps");
        Duty duty = new Duty(s, new DutyStore(s.store()));
        s.provide(DutyRoster.class, duty);
        s.command(CommandSpec.of("duty").alias("值班").groupOnly().arg(Arg.text("what").optional()).handler(duty::command));
    }

    private record Duty(Setup s, DutyStore store) implements DutyRoster {
        private DutyConfig config(ChatRef chat) {
            GroupConfig g = s.group(chat);
            return g == null ? DutyConfig.NONE : g.section(DutyConfig.class);
        }

        private Roster roster(ChatRef chat) { return new Roster(config(chat), s.config().zone(), store.swaps(chat)); }

        @Override public List<MemberRef> onDuty(ChatRef chat, Instant at) {
            if (config(chat).empty()) return List.of();
            return members(chat, roster(chat).onDuty(at));
        }

        @Override public Duration escalateAfter(ChatRef chat) { return config(chat).escalateAfter(); }

        /** The members of the chat's platform among {@code ids} (platform:id), with the names last seen. */
        private List<MemberRef> members(ChatRef chat, List<String> ids) {
            List<MemberRef> out = new ArrayList<>();
            String prefix = chat.platform() + ":";
            for (String full : ids) {
                if (!full.startsWith(prefix)) continue;
                String id = full.substring(prefix.length());
                out.add(MemberRef.of(id, s.history().memberName(chat.platform(), id)));
            }
            return out;
        }

        private String mentions(ChatRef chat, List<String> ids) {
            List<String> names = new ArrayList<>();
            for (MemberRef m : members(chat, ids)) names.add("@" + m.name());
            return String.join(" ", names);
        }

        List<Action> command(CommandCall call) {
            List<String> w = call.words();
            if (!w.isEmpty() && (w.get(0).equals("swap") || w.get(0).equals("换班"))) return swap(call, w);
            if (!w.isEmpty()) throw new UsageException(null);
            return List.of(call.reply(show(call.ctx(), call.message().chat())));
        }

        private String show(FeatureContext ctx, ChatRef chat) {
            if (config(chat).empty()) return ctx.text("duty.no_roster");
            Roster r = roster(chat);
            Instant now = ctx.now();
            List<String> lines = new ArrayList<>();
            lines.add(ctx.text("duty.header", "group", ctx.groupTitle()));
            List<Roster.Span> current = r.current(now);
            if (current.isEmpty()) {
                lines.add(ctx.text("duty.now_none"));
            } else {
                for (Roster.Span span : current) {
                    lines.add(ctx.text("duty.now", "moderators", mentions(chat, span.moderators()), "until", ctx.time(span.end())));
                }
            }
            Roster.Span next = r.next(now);
            if (next == null) lines.add(ctx.text("duty.next_none"));
            else lines.add(ctx.text("duty.next", "moderators", mentions(chat, next.moderators()), "from", ctx.time(next.start()),
                    "until", ctx.time(next.end())));
            return String.join("\n", lines);
        }

        private List<Action> swap(CommandCall call, List<String> w) {
            FeatureContext ctx = call.ctx();
            ChatRef chat = call.message().chat();
            // /duty is open to members, so the router did not wait for a cold chat's admins; a swap
            // changes who moderates, so a caller who looks like a member is asked about once more.
            Role role = call.role().atLeast(Role.MODERATOR) ? call.role() : ctx.confirmedRoleOf(call.message());
            if (!role.atLeast(Role.MODERATOR)) {
                return List.of(call.reply(ctx.text("duty.swap_denied", "role", ctx.text("core.role." + role.key()))));
            }
            if (w.size() != 4) throw new UsageException(ctx.text("duty.swap_usage"));
            if (config(chat).empty()) return List.of(call.reply(ctx.text("duty.no_roster")));
            String a = member(chat, w.get(1));
            String b = member(chat, w.get(2));
            if (a == null) return List.of(call.reply(ctx.text("core.no_member", "name", bare(w.get(1)))));
            if (b == null) return List.of(call.reply(ctx.text("core.no_member", "name", bare(w.get(2)))));
            if (a.equals(b)) throw new UsageException(ctx.text("duty.swap_same"));
            LocalDate today = ctx.now().atZone(ctx.zone()).toLocalDate();
            LocalDate day = date(w.get(3), today);
            if (day == null) throw new UsageException(ctx.text("duty.bad_date", "value", w.get(3)));
            if (day.isBefore(today)) return List.of(call.reply(ctx.text("duty.past_date", "date", date(ctx, day))));
            Roster r = roster(chat);
            boolean onShift = r.spans(day).stream().anyMatch(sp -> sp.moderators().contains(a) || sp.moderators().contains(b));
            String na = mentions(chat, List.of(a));
            String nb = mentions(chat, List.of(b));
            if (!onShift) return List.of(call.reply(ctx.text("duty.no_shift", "a", na, "b", nb, "date", date(ctx, day))));
            store.swap(chat, day, a, b, call.caller().id(), ctx.now());
            return List.of(call.reply(ctx.text("duty.swapped", "a", na, "b", nb, "date", date(ctx, day))));
        }

        private static String bare(String word) { return word.startsWith("@") ? word.substring(1) : word; }

        /** A member word (@name, name or id) as platform:id: a member seen here, or a roster entry of this platform. */
        private String member(ChatRef chat, String word) {
            String name = bare(word);
            if (name.isEmpty()) return null;
            String id = s.history().memberIdByName(chat.platform(), name);
            if (id != null) return chat.platform() + ":" + id;
            DutyConfig c = config(chat);
            String full = chat.platform() + ":" + name;
            boolean listed = c.shifts().stream().anyMatch(sh -> sh.moderators().contains(full))
                    || c.dates().values().stream().flatMap(List::stream).anyMatch(sh -> sh.moderators().contains(full));
            return listed ? full : null;
        }

        /** 2026-12-01, 12-01 (the next such day), today/今天, tomorrow/明天; null when not a date. */
        static LocalDate date(String word, LocalDate today) {
            String t = word.strip().toLowerCase(Locale.ROOT);
            if (t.equals("today") || t.equals("今天")) return today;
            if (t.equals("tomorrow") || t.equals("明天")) return today.plusDays(1);
            try {
                if (t.matches("\\d{4}-\\d{1,2}-\\d{1,2}")) return LocalDate.parse(t, DateTimeFormatter.ofPattern("yyyy-M-d"));
                if (t.matches("\\d{1,2}-\\d{1,2}")) {
                    LocalDate d = LocalDate.parse(today.getYear() + "-" + t, DateTimeFormatter.ofPattern("yyyy-M-d"));
                    return d.isBefore(today) ? d.plusYears(1) : d;
                }
            } catch (DateTimeParseException e) {
                return null;
            }
            return null;
        }

        private static String date(FeatureContext ctx, LocalDate day) {
            Locale l = ctx.locale().startsWith("zh") ? Locale.CHINA : Locale.ENGLISH;
            return DateTimeFormatter.ofPattern(ctx.text("duty.date_pattern"), l).format(day);
        }
    }
}
