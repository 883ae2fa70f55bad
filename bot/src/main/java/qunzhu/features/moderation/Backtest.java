package qunzhu.features.moderation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import qunzhu.feature.CommandCall;
import qunzhu.feature.UsageException;
import qunzhu.config.BotConfig;
import qunzhu.config.GroupConfig;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.store.History;
import qunzhu.feature.FeatureStore;

/**
 * Replays the last N days of the activity log through the live filter engine
 * ({@link Filters}, fresh windows running on the replayed messages' own time) with a dry-run
 * sink: nothing is deleted or punished, the verdicts are only counted per group, rule and
 * action. The policy may come from a proposed config, so a rule change can be tried on real
 * history before it goes live. Exempt as live: operators and moderators (config-listed,
 * and the sandbox's configured admins; other platforms' admins are not known offline).
 * Filters, locks and allowlist entries set in chat are included.
 */
public final class Backtest {
    /** One line of the result: in {@code group}, {@code rule} would have done {@code action} this many times. */
    public record Line(String group, String rule, String action, int count, Set<String> members) {}

    public record Report(int days, int messages, int groups, List<Line> lines) {
        public int acted() { return lines.stream().mapToInt(Line::count).sum(); }

        public int total(String action) { return lines.stream().filter(l -> l.action().equals(action)).mapToInt(Line::count).sum(); }

        /** Plain lines for the command line. */
        public String format() {
            StringBuilder out = new StringBuilder();
            out.append("backtest: ").append(messages).append(" messages in ").append(groups).append(" groups over ").append(days)
                    .append(" days; ").append(acted()).append(" would have been acted on\n");
            for (Line l : lines) {
                out.append(String.format("%-12s %-18s %-7s %4d  %s%n", l.group(), l.rule(), l.action(), l.count(), String.join(", ", l.members())));
            }
            out.append("total:");
            for (Verdict.Kind k : Verdict.Kind.values()) if (k != Verdict.Kind.OFF) out.append(' ').append(k.key()).append(' ').append(total(k.key()));
            return out.append('\n').toString();
        }
    }

    private final BotConfig config;
    private final FeatureStore db;
    private final History history;

    public Backtest(BotConfig config, FeatureStore db, History history) {
        this.config = config;
        this.db = db;
        this.history = history;
    }

    /** Replays {@code days} days before {@code now} against {@code policy}'s groups; {@code only} limits to one chat. */
    public Report run(int days, Instant now, BotConfig policy, ChatRef only) {
        AtomicLong eventTime = new AtomicLong(now.toEpochMilli());
        Filters filters = new Filters(new Windows(eventTime::get, 1_000_000, Duration.ofDays(1)), policy.zone());
        ChatState state = new ChatState(db);
        Map<String, Line> lines = new TreeMap<>();
        Set<String> groups = new TreeSet<>();
        int[] messages = {0};
        Instant from = now.minus(Duration.ofDays(days));
        for (Event.MessagePosted m : only == null ? history.messagesBetween(from, now) : history.messagesIn(only, from, now)) {
            GroupConfig g = policy.group(m.chat());
            if (g == null) continue;
            messages[0]++;
            groups.add(g.key());
            if (exempt(policy, g, m)) continue;
            eventTime.set(m.at().toEpochMilli());
            ModerationConfig p = g.section(ModerationConfig.class);
            Filters.Message msg = new Filters.Message(m.chat().toString(), m.author().id(), m.messageId(), m.text(), m.at(),
                    m.forwarded(), m.media(), m.fromChannel(), p.trusted().contains(m.chat().platform() + ":" + m.author().id()));
            Filters.Decision d = filters.check(msg, p, state.extras(m.chat()));
            if (d == null) continue;
            String key = g.key() + "|" + d.verdict().rule() + "|" + d.verdict().action().key();
            Line old = lines.get(key);
            Set<String> members = new TreeSet<>(old == null ? Set.of() : old.members());
            members.add(m.author().name());
            lines.put(key, new Line(g.key(), d.verdict().rule(), d.verdict().action().key(), old == null ? 1 : old.count() + 1, members));
        }
        return new Report(days, messages[0], groups.size(), new ArrayList<>(lines.values()));
    }

    private static boolean exempt(BotConfig c, GroupConfig g, Event.MessagePosted m) {
        String id = m.chat().platform() + ":" + m.author().id();
        if (c.operators().contains(id) || g.moderators().contains(id) || m.author().bot()) return true;
        return m.chat().platform().equals("sandbox") && c.sandbox().admins().getOrDefault(m.chat().id(), List.of()).contains(m.author().id());
    }

    /** /backtest <days>: this group's summary, against the running config. */
    List<Action> inChat(CommandCall call) {
        int days = call.args().integer("days");
        if (days < 1 || days > 365) throw new UsageException(null);
        Report r = run(days, call.ctx().now(), config, call.message().chat());
        StringBuilder out = new StringBuilder(call.ctx().text("moderation.backtest_header", "days", days, "messages", r.messages(), "acted", r.acted()));
        for (Line l : r.lines()) {
            out.append('\n').append(call.ctx().text("moderation.backtest_line", "rule", l.rule(), "action", call.ctx().text("moderation.kind." + l.action()),
                    "count", l.count(), "members", String.join(", ", l.members())));
        }
        return List.of(call.reply("reporter", out.toString()));
    }
}
