package qunzhu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import qunzhu.app.Bot;
import qunzhu.config.BotConfig;
import qunzhu.core.Event;
import qunzhu.feature.Feature;
import qunzhu.feature.Setup;

/**
 * Open-loop latency: events are offered on a fixed schedule (event i is due at i / rate s)
 * whether or not the bot keeps up; each time the producer wakes it hands the pipeline every
 * event now due, in one batch, as an adapter passes on what arrived ({@code submit}: it does not
 * wait for the batch to be written before it reads on, and acknowledges it once it is). Latency is measured from
 * an event's scheduled arrival (so time spent queued behind a slow bot counts) to two points:
 * (a) the moderation decision, a probe feature placed right after the moderation feature: for
 * a message its arrival hook (moderation reaches the verdict as the message arrives, on the
 * producer's thread; {@code Setup.onArrival}), for a join its handler on the pipeline's thread;
 * (b) handled on the pipeline's thread, a probe after the last feature (the group's commit with the
 * handled mark follows, and is not in this figure). The producer sleeps until the next event is
 * due and may wake late (in a virtual machine a 0.2 ms sleep can take milliseconds, idle or
 * not): that lateness is counted, as an adapter's late wake-up would be, and also printed on its
 * own, with the time from hand-in to the decision. Configured groups and every feature, as in
 * {@link PipelineBench}. Each rate runs on a fresh bot that is first warmed up at that rate ({@link #warmUp}: at least 3 s
 * and until every bench member has posted, then until the JIT compiles under 5 % of the time, 60 s
 * at most), and only the events after are measured; for those it prints the process's CPU an event, the
 * collector's pauses, the JIT's compile time, the intake's commits and the outbox's longest queue
 * ({@code -Dbench.actions=true} also lists the actions the run stored, by kind, outcome and reason). Not a test:
 * {@code scripts/bench latency [rate ...]} (default 500, 2000, 10000 events/s, 5 s each; {@code -Dbench.warmSeconds}).
 */
public final class LatencyBench {
    public static void main(String[] args) throws Exception {
        List<Integer> rates = new ArrayList<>();
        for (String a : args) rates.add(Integer.parseInt(a));
        if (rates.isEmpty()) rates = List.of(500, 2_000, 10_000);
        int seconds = Integer.getInteger("bench.seconds", 5);
        Path configDir = BenchConfig.write(PipelineBench.GROUPS, true);
        Path tmp = Files.createTempDirectory("qunzhu-bench-latency");
        run(configDir, tmp.resolve("warm.db"), 500, 4, false);
        for (int rate : rates) run(configDir, tmp.resolve("r" + rate + ".db"), rate, seconds, true);
        PipelineBench.deleteTree(tmp);
        PipelineBench.deleteTree(configDir);
    }

    /** Records, per event index, when a probe saw it (System.nanoTime). */
    static final class Probe implements Feature {
        final String name;
        final long[] seen;
        /** Messages: marked by an arrival hook after moderation's (where the verdict is reached); joins: on the pipeline's thread. */
        final boolean atArrival;
        /** Per event index: true when it was a join (decided on the pipeline's thread). */
        final boolean[] join;

        Probe(String name, int n, boolean atArrival) {
            this.name = name;
            this.seen = new long[n];
            this.join = new boolean[n];
            this.atArrival = atArrival;
        }

        @Override public String name() { return name; }

        @Override public void install(Setup s) {
            if (atArrival) s.onArrival(Event.MessagePosted.class, (e, ctx) -> mark(e));
            s.on(Event.MessagePosted.class, (e, ctx) -> { mark(e); return List.of(); });
            s.on(Event.MemberJoined.class, (e, ctx) -> { join[index(e)] = true; mark(e); return List.of(); });
        }

        private static int index(Event e) {
            String id = e.key().nativeId();
            return Integer.parseInt(id.substring(id.indexOf('-') + 1));
        }

        private void mark(Event e) {
            int i = index(e);
            if (i < seen.length && seen[i] == 0) seen[i] = System.nanoTime();
        }
    }

    static List<Feature> withProbes(Probe moderation, Probe end) {
        List<Feature> out = new ArrayList<>();
        for (Feature f : BenchConfig.featuresWithout(n -> false)) {
            out.add(f);
            if (f.name().equals("moderation")) out.add(moderation);
        }
        out.add(end);
        return out;
    }

    /**
     * Events offered before the measured ones, at the same rate, on the same bot: a fresh bot's
     * first seconds are its cold start (every member's first message of the day, first seat,
     * cold caches, and the JIT compiling the bot: on 2 cores its compiler took most of a core for
     * the first 40-50 s at 5,000 events/s), not its steady latency. At least this many, then
     * until the JIT is quiet ({@link JitWatch}), at most {@code -Dbench.maxWarmSeconds} (60).
     * They are reported on their own line.
     */
    static int warmUp(int rate) {
        return Math.max(rate * Integer.getInteger("bench.warmSeconds", 3), 2 * PipelineBench.MEMBERS + 200);
    }

    /** The JIT's compile time (ms) sampled once a second while warming up, to tell when it is quiet. */
    private static final class JitWatch {
        private final java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        private final long[] ms = new long[QUIET_WINDOW_S + 1];
        private int samples;
        private long nextAt = System.nanoTime();

        /** Whether the JIT compiled for less than 5 % of the last {@value #QUIET_WINDOW_S} s (checked once a second). */
        boolean quiet(long now) {
            if (now < nextAt) return false;
            nextAt = now + 1_000_000_000L;
            System.arraycopy(ms, 1, ms, 0, ms.length - 1);
            ms[ms.length - 1] = jit.getTotalCompilationTime();
            return ++samples > QUIET_WINDOW_S && ms[ms.length - 1] - ms[0] < QUIET_WINDOW_S * 1000 / 20;
        }

        long total() { return jit.getTotalCompilationTime(); }
    }

    private static final int QUIET_WINDOW_S = 5;

    static void run(Path configDir, Path file, int rate, int seconds, boolean print) throws Exception {
        int minWarm = print ? warmUp(rate) : 0;
        int maxWarm = print ? Math.max(minWarm, rate * Integer.getInteger("bench.maxWarmSeconds", 60)) : 0;
        int measured = rate * seconds;
        int cap = maxWarm + measured;
        // Made as they are offered (a held stream of millions was most of the heap the collector copied)
        Instant start = Instant.now();
        String runName = PipelineBench.run(start);
        Probe mod = new Probe("probe-moderation", cap, true), end = new Probe("probe-handled", cap, false);
        BotConfig config = BenchConfig.load(configDir, BenchConfig.featuresWithout(x -> false));
        Bot bot = BenchConfig.bot(config, file, withProbes(mod, end));
        bot.start();
        long[] due = new long[cap];
        // when the producer handed each event in: it sleeps between due times, and wakes late when the machine does
        long[] handedIn = new long[cap];
        long t0 = System.nanoTime() + 50_000_000L;
        long period = 1_000_000_000L / rate;
        for (int i = 0; i < cap; i++) due[i] = t0 + i * period;
        int next = 0;
        // the first measured event (-1 while warming up)
        int warm = print ? -1 : 0;
        boolean quiet = !print;
        JitWatch jit = new JitWatch();
        java.util.concurrent.atomic.AtomicLong failed = new java.util.concurrent.atomic.AtomicLong();
        // CPU from the first measured event on (the warm-up's excluded), read until it is all handled
        long cpu0 = 0, gc0 = 0, jit0 = 0;
        long[] intake0 = null;
        java.util.Map<String, Long> tasks0 = null;
        // the outbox's queue, looked at every 100 ms of the measured part
        int outboxMax = 0;
        long outboxLookAt = 0;
        while (warm < 0 || next < warm + measured) {
            long now = System.nanoTime();
            if (warm < 0 && next >= minWarm && ((quiet = jit.quiet(now)) || next >= maxWarm)) warm = next;
            if (tasks0 == null && warm >= 0 && next >= warm) {
                tasks0 = PipelineBench.taskTicks();
                cpu0 = PipelineBench.processCpuNanos();
                gc0 = gcMillis();
                jit0 = jit.total();
                intake0 = bot.pipeline().intakeTotals();
                now = System.nanoTime();
            }
            if (due[next] > now) { LockSupport.parkNanos(Math.min(due[next] - now, 200_000)); continue; }
            if (tasks0 != null && now >= outboxLookAt) {
                outboxMax = Math.max(outboxMax, bot.outbox().queued("host"));
                outboxLookAt = now + 100_000_000L;
            }
            int upTo = next;
            int offerUpTo = warm < 0 ? maxWarm : warm + measured;
            while (upTo < offerUpTo && due[upTo] <= now) upTo++;
            List<Event> batch = new ArrayList<>(upTo - next);
            for (int i = next; i < upTo; i++) {
                handedIn[i] = now;
                batch.add(PipelineBench.event(i, runName, start));
            }
            // as an adapter that acknowledges when its batch is durable, without waiting for it before it reads on
            bot.pipeline().submit(batch).whenComplete((v, x) -> { if (x != null) failed.incrementAndGet(); });
            next = upTo;
        }
        int n = next;
        long offeredEnd = System.nanoTime();
        // handled: the pipeline idle (its actions stored for the outbox, whose sends the bench platform paces)
        long limit = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (!bot.pipeline().idle() && System.nanoTime() < limit) Thread.sleep(1);
        long pipelineIdle = System.nanoTime();
        long cpu = PipelineBench.processCpuNanos() - cpu0, gc = gcMillis() - gc0, compiled = jit.total() - jit0;
        java.util.Map<String, Long> tasks1 = PipelineBench.taskTicks();
        long[] intake1 = bot.pipeline().intakeTotals();
        boolean drained = bot.pipeline().awaitIdle(Duration.ofMinutes(4));
        long handledEnd = System.nanoTime();
        if (Boolean.getBoolean("bench.actions")) System.out.println("actions: " + bot.db().query(
                "SELECT kind || ' ' || outcome || ' ' || COALESCE(reason, '') || ': ' || COUNT(*) FROM action_log GROUP BY kind, outcome, reason ORDER BY COUNT(*) DESC",
                rs -> rs.getString(1)));
        bot.stop();
        PipelineBench.deleteDb(file);
        if (!print) return;
        long handled = Arrays.stream(end.seen).filter(t -> t != 0).count();
        // until the last event was handled (awaitIdle also waits for the outbox's sends, which the bench platform paces)
        long lastHandled = Arrays.stream(end.seen).max().orElse(handledEnd);
        System.out.printf("offered %,d events/s for %.1f s (%,d events: %,d to warm up, then %,d measured; offering took %.1f s): %,d handled%s,"
                        + " %.0f events/s handled from the first offer to the last handled (load %s)%n",
                rate, n / (double) rate, n, warm, n - warm, (offeredEnd - t0) / 1e9, handled, drained ? "" : " (NOT drained within 4 min)",
                handled / ((lastHandled - t0) / 1e9), PipelineBench.load());
        if (failed.get() > 0) System.out.printf("  %,d batches were NOT written%n", failed.get());
        System.out.printf("  warmed up %.1f s: %s; the JIT compiled %,d ms in the measured part%n", warm / (double) rate,
                quiet ? "until the JIT compiled under 5 % of " + QUIET_WINDOW_S + " s" : "the JIT was NOT quiet yet at the warm-up's limit", compiled);
        long commits = intake1[0] - intake0[0];
        System.out.printf("  measured part, until the pipeline was idle: CPU %.1f µs an event in the process; collector pauses %,d ms (%.1f %% of it); the intake's commits %,d,"
                        + " %.1f events each; the outbox's queue at most %,d; by thread (ms): %s%n",
                cpu / 1e3 / (n - warm), gc, 100.0 * gc / ((pipelineIdle - due[warm]) / 1e6), commits,
                commits == 0 ? 0.0 : (intake1[1] - intake0[1]) / (double) commits, outboxMax, PipelineBench.topTasks(tasks0, tasks1));
        System.out.printf("  arrival -> moderation decision: %s%n", percentiles(mod.seen, due, warm, n));
        System.out.printf("    messages (decided on arrival): %s%n", percentiles(mod.seen, due, warm, n, i -> !mod.join[i]));
        System.out.printf("    joins (decided on the pipeline's thread): %s%n", percentiles(mod.seen, due, warm, n, i -> mod.join[i]));
        System.out.printf("    of which the producer woke late (arrival -> handed in): %s%n", percentiles(handedIn, due, warm, n, i -> !mod.join[i]));
        System.out.printf("    handed in -> decision, messages: %s%n", percentiles(mod.seen, handedIn, warm, n, i -> !mod.join[i]));
        System.out.printf("  arrival -> handled by every feature: %s%n", percentiles(end.seen, due, warm, n));
        System.out.printf("  the fresh bot's first %.1f s (warm-up), arrival -> moderation decision: %s%n", warm / (double) rate,
                percentiles(mod.seen, due, 0, warm));
    }

    /** Milliseconds the collectors have spent so far (for a stop-the-world collector: its pauses). */
    static long gcMillis() {
        long ms = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) ms += Math.max(0, gc.getCollectionTime());
        return ms;
    }

    static String percentiles(long[] seen, long[] due, int from, int to) { return percentiles(seen, due, from, to, i -> true); }

    static String percentiles(long[] seen, long[] due, int from, int to, java.util.function.IntPredicate which) {
        long[] lat = new long[seen.length];
        int k = 0;
        for (int i = from; i < to; i++) if (seen[i] != 0 && which.test(i)) lat[k++] = seen[i] - due[i];
        if (k == 0) return "none seen";
        long[] s = Arrays.copyOf(lat, k);
        Arrays.sort(s);
        return String.format("p50 %s, p99 %s, p99.9 %s, max %s (%,d events)", ms(s[k / 2]), ms(s[(int) (k * 0.99)]),
                ms(s[Math.min(k - 1, (int) (k * 0.999))]), ms(s[k - 1]), k);
    }

    static String ms(long ns) { return ns < 10_000_000 ? String.format("%.2f ms", ns / 1e6) : String.format("%,.0f ms", ns / 1e6); }
}
