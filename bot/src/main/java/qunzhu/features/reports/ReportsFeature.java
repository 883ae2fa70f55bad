package qunzhu.features.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import qunzhu.config.GroupConfig;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.PersonaRole;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.MemberTiers;
import qunzhu.feature.Setup;
import qunzhu.feature.UsageException;
import qunzhu.schedule.Job;

/**
 * Reports: keeps the rollups the digests read (per chat per day, per member per day, per hour,
 * and every {@link Event.Counted} other features emit) in the spine's transaction, posts the
 * daily and weekly digests to the operators' chats, answers /stats and /digest, and handles
 * the calendar's "digest" trigger. Installed first in the pipeline so it counts every event,
 * also those a gatekeeper stops (a deleted spam message is still a message).
 *
 * <p>Delivery is restart-safe: one "tick" job wakes at the next due time; it posts each digest
 * whose time has come and that report_sent does not hold yet, in the job's transaction, so a
 * digest is posted once; a digest that came due while the bot was down goes out at the next
 * start (marked late), never twice. Digests due before the bot first ran are not made up.
 */
public final class ReportsFeature implements Feature {
    public static final String NAME = "reports";
    static final String TICK = "tick";
    static final String SINCE = "reports.since";
    /** A digest posted this long after its time says it is late. */
    static final Duration LATE = Duration.ofMinutes(10);

    @Override public String name() { return NAME; }

    @Override public List<qunzhu.config.BotSection<?>> botSections() { return List.of(ReportsConfig.SECTION); }

    @Override public void install(Setup s) {
        Rollups rollups = new Rollups(s.config().zone());
        // The store holds the rollups' latest counts in memory for a few seconds: after a crash, the
        // events they came from are counted again from the activity log.
        int again = rollups.recount(s.store(), s.kv(), s.history(), chat -> {
            GroupConfig g = s.group(chat);
            return g != null ? g.chat() : chat;
        });
        if (again > 0) org.slf4j.LoggerFactory.getLogger(ReportsFeature.class)
                .info("reports: counted {} events again whose counts were not written before the last stop", again);
        Setup.Handler<Event> count = (e, ctx) -> {
            rollups.apply(e, current(e, ctx), s.store());
            return List.of();
        };
        s.on(Event.MessagePosted.class, count::handle);
        s.on(Event.MemberJoined.class, count::handle);
        s.on(Event.JoinInviter.class, count::handle);
        s.on(Event.MemberLeft.class, count::handle);
        s.on(Event.JoinRequested.class, count::handle);
        s.on(Event.Counted.class, count::handle);
        s.onChatMove(Rollups.moveHook());
        Poster poster = new Poster(s);
        s.on(Event.Triggered.class, poster::triggered);
        s.onJob(TICK, poster::tick);
        s.command(CommandSpec.of("stats").alias("数据").moderator().groupOnly().arg(Arg.text("period").optional()).handler(poster::stats));
        s.command(CommandSpec.of("digest").alias("报表").operator().arg(Arg.text("what").optional()).handler(poster::digestNow));
        poster.start();
    }

    /** The chat's id now: a configured group that moved is counted under its new id. */
    static ChatRef current(Event e, FeatureContext ctx) {
        return ctx.group() != null ? ctx.group().chat() : e.chat();
    }

    /** Builds and posts digests. */
    static final class Poster {
        private final Setup s;
        private final ReportsConfig cfg;

        Poster(Setup s) {
            this.s = s;
            this.cfg = s.config().section(ReportsConfig.class, ReportsConfig.DEFAULTS);
        }

        /**
         * For the digests (over past days, up to every group): on the store's readers when it
         * has them, so the reads run two at a time beside the writer; they see the last
         * committed state, not the events of the batch being handled. Else sequentially in the
         * caller's transaction.
         */
        ReportBuilder builder() {
            return ReportBuilder.on(s.readers(), s.store(), s.history(), s.find(MemberTiers.class).orElse(MemberTiers.NONE), s.config(), cfg);
        }

        /** For /stats: one group, today included, so it reads in the caller's transaction and counts the batch being handled. */
        ReportBuilder inTransaction() {
            return new ReportBuilder(s.store(), s.history(), s.find(MemberTiers.class).orElse(MemberTiers.NONE), s.config(), cfg);
        }

        /** At install: remember when the bot first ran, and wake at once to post what came due while it was down. */
        void start() {
            if (cfg.deliver().isEmpty()) return;
            if (s.kv().get(SINCE) == null) s.kv().put(SINCE, Long.toString(s.clock().millis()));
            s.scheduler().cancel(NAME, TICK, TICK);
            s.scheduler().schedule(s.clock().instant(), NAME, TICK, null, TICK);
        }

        /** The last daily and weekly periods whose digest time has come by {@code now}, with that time. */
        record Due(Digest.Kind kind, Period period, Instant at) {}

        List<Due> due(Instant now) {
            List<Due> out = new ArrayList<>();
            ZonedDateTime z = now.atZone(s.config().zone());
            if (cfg.dailyAt() != null) {
                LocalDate sendDay = z.toLocalTime().isBefore(cfg.dailyAt()) ? z.toLocalDate().minusDays(1) : z.toLocalDate();
                out.add(new Due(Digest.Kind.DAILY, Period.day(sendDay.minusDays(1)), sendDay.atTime(cfg.dailyAt()).atZone(s.config().zone()).toInstant()));
            }
            if (cfg.weeklyAt() != null) {
                LocalDate d = z.toLocalDate();
                while (d.getDayOfWeek() != cfg.weeklyDay() || (d.equals(z.toLocalDate()) && z.toLocalTime().isBefore(cfg.weeklyAt()))) d = d.minusDays(1);
                out.add(new Due(Digest.Kind.WEEKLY, Period.lastDays(d.minusDays(1), 7), d.atTime(cfg.weeklyAt()).atZone(s.config().zone()).toInstant()));
            }
            return out;
        }

        /** The next time a digest comes due after {@code now}. */
        Instant next(Instant now) {
            Instant best = null;
            for (int days = 1; days <= 8 && best == null; days++) {
                for (Due d : due(now.plus(Duration.ofDays(days)))) {
                    if (d.at().isAfter(now) && (best == null || d.at().isBefore(best))) best = d.at();
                }
            }
            return best;
        }

        /**
         * Posts one digest that is due and not yet sent, then runs again at once for the next:
         * the pipeline's thread builds a digest while the groups wait, so the events that arrived
         * meanwhile are handled between two digests (a thousand per-group digests were one
         * stall of seconds). When none is left, waits for the next digest time.
         */
        List<Action> tick(Job job, FeatureContext ctx) {
            Instant now = ctx.now();
            long since = Long.parseLong(java.util.Objects.requireNonNullElse(s.kv().get(SINCE), "0"));
            for (Due d : due(now)) {
                if (d.at().toEpochMilli() < since) continue;
                String period = d.kind().name().toLowerCase(java.util.Locale.ROOT) + ":" + d.period().from();
                for (ReportsConfig.Delivery target : cfg.deliver()) {
                    int fresh = s.store().update("INSERT INTO report_sent (target, period, sent_ms) VALUES (?, ?, ?) ON CONFLICT (target, period) DO NOTHING",
                            target.chat() + "|" + target.scope().id(), period, now.toEpochMilli());
                    if (fresh == 0) continue;
                    boolean late = Duration.between(d.at(), now).compareTo(LATE) > 0;
                    s.scheduler().schedule(now, NAME, TICK, null, TICK);
                    return post(target.chat(), wordsFor(target.chat()), target.scope(), d.period(), d.kind(), late);
                }
            }
            Instant next = next(now);
            if (next != null) s.scheduler().schedule(next, NAME, TICK, null, TICK);
            return List.of();
        }

        /** The digest text and chart for {@code scope} over {@code period}, posted in {@code chat} by the reporter persona. */
        List<Action> post(ChatRef chat, Digest.Words words, Scope scope, Period period, Digest.Kind kind, boolean late) {
            ReportBuilder.Drawn drawn = builder().build(scope, period, words);
            Report r = drawn.report();
            String text = new Digest(words).text(r, kind);
            if (late) text = words.text("reports.late") + "\n" + text;
            List<Action> out = new ArrayList<>();
            // chatter like the chart, so the text and its chart keep their order
            out.add(Action.Send.of(chat, PersonaRole.REPORTER, text).withPriority(qunzhu.core.Priority.CHATTER));
            byte[] png = chart(drawn);
            if (png != null) out.add(new Action.SendPhoto(chat, PersonaRole.REPORTER, png, words.text("reports.chart_caption", "scope", scopeName(r, words))));
            return out;
        }

        static String scopeName(Report r, Digest.Words words) {
            return r.scope().kind() == Scope.Kind.ALL ? words.text("reports.scope_all") : r.title();
        }

        /**
         * The chart, or null when it cannot be drawn here (a server without fonts or fontconfig
         * makes headless AWT throw): the digest's text still goes out, and the log says why.
         */
        static byte[] chart(ReportBuilder.Drawn drawn) {
            try {
                return drawn.png();
            } catch (RuntimeException | LinkageError | InternalError e) {
                org.slf4j.LoggerFactory.getLogger(ReportsFeature.class).warn("digest chart not drawn ({}); posting the text alone", e.toString());
                return null;
            }
        }

        Digest.Words wordsFor(ChatRef chat) {
            GroupConfig g = s.group(chat);
            String locale = g != null ? g.locale() : s.config().locale();
            return (key, vars) -> s.texts().format(locale, key, vars);
        }

        static Digest.Words voice(FeatureContext ctx) { return (key, vars) -> ctx.phrase(PersonaRole.REPORTER, key, vars); }

        /** The calendar's "digest" entry: argument daily (default) or weekly; a group gets its own digest, another chat all groups. */
        List<Action> triggered(Event.Triggered t, FeatureContext ctx) {
            if (!"digest".equals(t.trigger())) return List.of();
            Digest.Kind kind = "weekly".equals(t.argument()) ? Digest.Kind.WEEKLY : Digest.Kind.DAILY;
            LocalDate today = ctx.now().atZone(ctx.zone()).toLocalDate();
            Period p = kind == Digest.Kind.WEEKLY ? Period.lastDays(today.minusDays(1), 7) : Period.day(today.minusDays(1));
            Scope scope = ctx.group() != null ? Scope.group(ctx.group().key()) : Scope.ALL;
            return post(t.chat(), voice(ctx), scope, p, kind, t.late());
        }

        /** /stats [today|yesterday|week|30d]: this group's numbers, here. */
        List<Action> stats(CommandCall call) {
            FeatureContext ctx = call.ctx();
            if (ctx.group() == null) return List.of(call.reply("reporter", ctx.text("reports.stats_unknown")));
            LocalDate today = ctx.now().atZone(ctx.zone()).toLocalDate();
            String what = call.rest().isBlank() ? "today" : call.rest().strip().toLowerCase(java.util.Locale.ROOT);
            Period p = switch (what) {
                case "today", "今天" -> Period.day(today);
                case "yesterday", "昨天" -> Period.day(today.minusDays(1));
                case "week", "本周", "7d" -> Period.lastDays(today, 7);
                case "30d", "month", "30天" -> Period.lastDays(today, 30);
                default -> throw new UsageException(null);
            };
            Scope scope = Scope.group(ctx.group().key());
            Digest.Words words = voice(ctx);
            ReportBuilder.Drawn drawn = inTransaction().build(scope, p, words);
            Report r = drawn.report();
            Action text = call.reply("reporter", new Digest(words).text(r, Digest.Kind.RANGE));
            byte[] png = chart(drawn);
            return png == null ? List.of(text)
                    : List.of(text, new Action.SendPhoto(ctx.chat(), PersonaRole.REPORTER, png, words.text("reports.chart_caption", "scope", r.title())));
        }

        /** /digest now [daily|weekly]: the digest to every operators' chat now (not recorded: the scheduled one still goes out). */
        List<Action> digestNow(CommandCall call) {
            List<String> w = call.words();
            if (w.isEmpty() || !w.get(0).equals("now") || w.size() > 2 || (w.size() == 2 && !List.of("daily", "weekly").contains(w.get(1)))) {
                throw new UsageException(null);
            }
            Digest.Kind kind = w.size() == 2 && w.get(1).equals("weekly") ? Digest.Kind.WEEKLY : Digest.Kind.DAILY;
            FeatureContext ctx = call.ctx();
            LocalDate today = ctx.now().atZone(ctx.zone()).toLocalDate();
            Period p = kind == Digest.Kind.WEEKLY ? Period.lastDays(today.minusDays(1), 7) : Period.day(today.minusDays(1));
            List<Action> out = new ArrayList<>();
            if (cfg.deliver().isEmpty()) {
                out.addAll(post(ctx.chat(), voice(ctx), Scope.ALL, p, kind, false));
                return out;
            }
            for (ReportsConfig.Delivery d : cfg.deliver()) {
                out.addAll(post(d.chat(), d.chat().equals(ctx.chat()) ? voice(ctx) : wordsFor(d.chat()), d.scope(), p, kind, false));
            }
            boolean here = cfg.deliver().stream().anyMatch(d -> d.chat().equals(ctx.chat()));
            if (!here) out.add(call.reply("reporter", ctx.text("reports.digest_sent", "kind", ctx.text("reports.kind_" + kind.name().toLowerCase(java.util.Locale.ROOT)))));
            return out;
        }
    }
}
