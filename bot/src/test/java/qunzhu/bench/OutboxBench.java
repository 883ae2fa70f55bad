package qunzhu.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import qunzhu.app.Wiring;
import qunzhu.config.BotConfig;
import qunzhu.config.OutboxLimits;
import qunzhu.core.Action;
import qunzhu.core.Admin;
import qunzhu.core.Capabilities;
import qunzhu.core.ChatRef;
import qunzhu.core.Outcome;
import qunzhu.core.PersonaRole;
import qunzhu.feature.Accounts;
import qunzhu.outbox.ActionLog;
import qunzhu.outbox.Outbox;
import qunzhu.platform.EventSink;
import qunzhu.platform.Platform;
import qunzhu.runtime.Threads;
import qunzhu.store.Database;
import qunzhu.testkit.MutableClock;

/**
 * Bursts of replies through the real {@link Outbox} with Telegram's limits
 * ({@link OutboxLimits#defaults} for "telegram": 1 a second per chat with bursts of 3, 20 a
 * minute per group, 30 a second per bot) on a simulated clock that steps {@code step} ms at a
 * time once the outbox has done all it can. Every request the platform sees is stamped with the
 * simulated time and checked against those limits afterwards (requests beyond them must be 0);
 * the time of the last send is set beside the theoretical minimum ({@link #minimum}).
 * Sends older than their max age (send: 10 minutes) are dropped by the outbox as expired, and
 * counted. Not a test: {@code scripts/bench outbox}.
 */
public final class OutboxBench {
    static final OutboxLimits TELEGRAM = OutboxLimits.defaults("telegram");

    public static void main(String[] args) throws Exception {
        long step = args.length > 0 ? Long.parseLong(args[0]) : 100;
        BotConfig config = Wiring.loader(k -> null).load(Path.of(System.getProperty("qunzhu.config", "config")));
        System.out.printf("outbox bench: Telegram limits %s, simulated clock stepping %d ms%n", TELEGRAM, step);
        report("1,000 replies to one group", burst(config, 1, 1_000, step));
        report("10,000 replies across 500 groups", burst(config, 500, 20, step));
        report("a flood: 20,000 replies queued in one group (a raid of commands), then 2,000 replies across 100 others", burst(config, 100, 20, step, TELEGRAM, 20_000));
    }

    record Result(int submitted, int sent, int expired, int beyond, long drainMs, long minimumMs, long minimumSentMs, long wallMs, long workerCpuMs) {}

    static void report(String what, Result r) {
        System.out.printf("%s: %,d submitted, %,d sent, %,d expired (max age), %d requests beyond the limits;"
                        + " last send at %s simulated; theoretical minimum for what was sent %s (ratio %.3f), for all %s; %.1f s of wall time,"
                        + " %,d ms of CPU on the outbox's thread%n",
                what, r.submitted(), r.sent(), r.expired(), r.beyond(), time(r.drainMs()), time(r.minimumSentMs()),
                r.minimumSentMs() == 0 ? 0 : (double) r.drainMs() / r.minimumSentMs(), time(r.minimumMs()), r.wallMs() / 1e3, r.workerCpuMs());
    }

    static String time(long ms) { return String.format("%d min %.1f s", ms / 60_000, (ms % 60_000) / 1e3); }

    /** {@code perGroup} replies to each of {@code groups} groups, submitted at once; stepped until every one is sent or expired. */
    static Result burst(BotConfig config, int groups, int perGroup, long step) throws Exception {
        return burst(config, groups, perGroup, step, TELEGRAM);
    }

    /** The same with the outbox enforcing {@code limits} (the check is always against Telegram's). */
    static Result burst(BotConfig config, int groups, int perGroup, long step, OutboxLimits limits) throws Exception {
        return burst(config, groups, perGroup, step, limits, 0);
    }

    /** The flooded group (20 of its replies go a minute; the rest expire after the 10 minutes a send may wait). */
    static final ChatRef RAIDED = new ChatRef("telegram", "-1");
    /** {@link #RAIDED}'s id as the recording platform keeps it. */
    private static final long RAIDED_ID = Long.parseLong(RAIDED.id());

    /**
     * As above, after {@code flood} replies queued in one more group first ({@link #RAIDED}); the
     * figures (sent, expired, drain, minimum) are then the other groups' replies' (beyond: all requests').
     */
    static Result burst(BotConfig config, int groups, int perGroup, long step, OutboxLimits limits, int flood) throws Exception {
        MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
        long t0 = clock.millis();
        Recording platform = new Recording(clock);
        Accounts accounts = new Accounts(config);
        accounts.add(platform, PersonaRole.HOST);
        long wall = System.nanoTime();
        try (Database db = Database.inMemory()) {
            Outbox outbox = new Outbox(accounts, k -> k.equals(OutboxLimits.GLOBAL) ? OutboxLimits.UNLIMITED : limits, clock,
                    new ActionLog(db, config.zone()), db, Threads.forTests());
            outbox.start();
            int n = groups * perGroup;
            for (int i = 0; i < flood; i++) outbox.submit(Action.Send.of(RAIDED, "host", "raid reply " + i));
            for (int i = 0; i < perGroup; i++) {
                for (int g = 0; g < groups; g++) outbox.submit(Action.Send.of(new ChatRef("telegram", "-100" + g), "host", "reply " + i));
            }
            long limit = t0 + Duration.ofHours(3).toMillis();
            while (true) {
                if (!outbox.awaitParked(Duration.ofSeconds(30))) throw new IllegalStateException("the outbox did not settle");
                if (outbox.idle() || clock.millis() > limit) break;
                clock.advance(Duration.ofMillis(step));
            }
            long workerCpu = PipelineBench.threadCpuNanos("outbox-" + platform.id());
            outbox.stop(Duration.ofSeconds(1));
            int expired = (int) db.count("SELECT COUNT(*) FROM action_log WHERE outcome = 'expired' AND chat_id <> ?", RAIDED.id());
            List<long[]> all = platform.sends();
            if (flood > 0) System.out.printf("  the flooded group: %,d of its %,d replies sent, %,d expired%n",
                    all.stream().filter(x -> x[0] == RAIDED_ID).count(), flood, db.count("SELECT COUNT(*) FROM action_log WHERE outcome = 'expired'") - expired);
            int over = beyond(all);
            List<long[]> sent = all.stream().filter(x -> x[0] != RAIDED_ID).toList();
            long last = sent.stream().mapToLong(s -> s[1]).max().orElse(t0);
            // What was sent, spread evenly over the groups as the outbox does with a uniform burst.
            long minimumSent = minimum(groups, sent.size() / groups);
            return new Result(n, sent.size(), expired, over, last - t0, minimum(groups, perGroup), minimumSent,
                    (System.nanoTime() - wall) / 1_000_000, workerCpu / 1_000_000);
        }
    }

    /**
     * Requests beyond Telegram's limits in the recorded sends ({chat, at ms}): a send is beyond
     * when its chat already had 20 in the 60 s before it, or 3 in the second before it, or the
     * bot already had 30 in the second before it.
     */
    static int beyond(List<long[]> sends) {
        int over = 0;
        Map<Long, List<Long>> byChat = new HashMap<>();
        List<Long> all = new ArrayList<>();
        for (long[] s : sends) {
            List<Long> chat = byChat.computeIfAbsent(s[0], k -> new ArrayList<>());
            long at = s[1];
            if (countSince(chat, at - 60_000) >= 20 || countSince(chat, at - 1_000) >= 3 || countSince(all, at - 1_000) >= 30) over++;
            chat.add(at);
            all.add(at);
        }
        return over;
    }

    /** Entries of the time-ordered list later than {@code after}. */
    private static int countSince(List<Long> times, long after) {
        int n = 0;
        for (int i = times.size() - 1; i >= 0 && times.get(i) > after; i--) n++;
        return n;
    }

    /**
     * The earliest the last of {@code perGroup} sends to each of {@code groups} chats can go
     * (ms after the burst): the larger of two lower bounds, both reached by sending as early as
     * each limit allows. Per chat, 20 in any 60 s with a bucket of 3 refilled at 1 a second: the
     * k-th send (from 0) of a window of 20 is no earlier than max(0, k - 2) s into it, and window w
     * starts at w × 60 s. Per bot, 30 in any second: send i (from 0) is no earlier than floor(i / 30) s.
     */
    static long minimum(int groups, int perGroup) {
        if (perGroup == 0) return 0;
        int last = perGroup - 1;
        long perChat = (last / TELEGRAM.perChatPerMinute()) * 60_000L
                + Math.max(0, last % TELEGRAM.perChatPerMinute() - (TELEGRAM.perChatBurst() - 1)) * (long) (1000 / TELEGRAM.perChatPerSecond());
        long perBot = (((long) groups * perGroup - 1) / (long) TELEGRAM.perAccountPerSecond()) * 1000L;
        return Math.max(perChat, perBot);
    }

    /** A Telegram-kind account that does every send at once and stamps it with the simulated time. */
    static final class Recording implements Platform {
        private final MutableClock clock;
        private final List<long[]> sends = new ArrayList<>();

        Recording(MutableClock clock) { this.clock = clock; }

        synchronized List<long[]> sends() { return new ArrayList<>(sends); }

        @Override public String id() { return "host"; }
        @Override public String kind() { return "telegram"; }
        @Override public Capabilities capabilities() { return new Capabilities(Capabilities.ALL, true, true); }
        @Override public void start(EventSink sink) { }
        @Override public synchronized Outcome perform(Action action) {
            sends.add(new long[] {Long.parseLong(action.chat().id()), clock.millis()});
            return new Outcome.Done(Integer.toString(sends.size()));
        }
        @Override public List<Admin> admins(ChatRef chat) { return List.of(); }
        @Override public void stop() { }
    }
}
