package qunzhu.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import qunzhu.config.Strategy;
import qunzhu.features.moderation.Engine;
import qunzhu.features.moderation.ModerationConfig;
import qunzhu.features.moderation.Rule;
import qunzhu.features.moderation.Verdict;

/**
 * Moderation decisions with 200 rules, in rounds after a warm-up long enough for the JIT
 * ({@code -Dbench.warmup}, 300,000 decisions: at 50,000 the compiler was still busy for
 * hundreds of thousands more). Per round: the deciding thread's CPU time a decision, the CPU
 * the process's other threads used meanwhile (GC, JIT), the wall mean and p50/p99/p99.9/max of
 * one decision, GCs and JIT time; then each figure's median and spread over the rounds, and a
 * round that tells the slow decisions that ran from those that waited. Then one decision on each
 * of a few hostile messages (4 KB and 60 KB of combining accents, an ad behind 800 accents,
 * 60 KB of "a.a.a.", ...) and the memory of the sliding windows per tracked member. Messages
 * are made before the clock starts. Not a test:
 * {@code scripts/bench moderation [decisions a round] [window keys, 0 for none] [rounds]};
 * {@code -Dbench.perText=true} adds the CPU time per message kind. One line per figure,
 * {@code name value unit}.
 */
public final class ModerationBench {
    private ModerationBench() {}

    public static void main(String[] args) {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int warmup = Integer.getInteger("bench.warmup", 300_000);
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < 150; i++) rules.add(new Rule("kw" + i, List.of("关键词" + i, "badword" + i), null, Verdict.Kind.DELETE, null));
        for (int i = 0; i < 50; i++) rules.add(Engine.regexRule("re" + i, "promo" + i + "\\d{3}[a-z]+", Verdict.Kind.WARN));
        ModerationConfig policy = Engine.policy(Strategy.LAYERED, rules);
        AtomicLong now = new AtomicLong(Instant.parse("2026-11-24T02:00:00Z").toEpochMilli());
        Engine engine = new Engine(ZoneId.of("Asia/Shanghai"), 200_000, Duration.ofSeconds(60), now::get);
        Random rnd = new Random(42);
        String[] texts = {"今天大家吃了什么", "有人用过 Java 17 的 record 吗", "meeting at 3pm tomorrow", "这个报错怎么解决：NullPointerException",
                "badword17 hello", "加微信 领资料", "promo12345abc deal", "谢谢分享！", "https://github.com/qunzhu/qunzhu", "周末一起爬山吗"};

        // Warm-up until C2 has compiled the hot path (the JIT's time is printed per round: a round
        // that still compiles says so), then rounds of the same work, each with its own figures.
        Round w = run(engine, policy, rnd, texts, warmup, now, false);
        System.out.printf("moderation_warmup %d decisions, JIT %d ms, %.2f us thread CPU a decision%n", warmup, w.jitMillis, w.threadCpu / 1e3 / warmup);
        List<Round> done = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            Round x = run(engine, policy, rnd, texts, decisions, now, false);
            done.add(x);
            System.out.printf("moderation_round %d: thread CPU %.2f us a decision (user %.2f, from the kernel's tick-based count), other threads %.2f us, wall mean %.2f us, "
                            + "p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.0f us; %d GCs %d ms, JIT %d ms, load %s, %d acted on%n",
                    r + 1, x.threadCpu / 1e3 / decisions, x.userCpu / 1e3 / decisions, x.otherCpu / 1e3 / decisions, x.wallMean() / 1e3,
                    x.pct(0.50) / 1e3, x.pct(0.99) / 1e3, x.pct(0.999) / 1e3, x.lat[decisions - 1] / 1e3, x.gcs, x.gcMillis, x.jitMillis, load(), x.acted);
        }
        summary("moderation_cpu_time_per_decision", done, x -> x.threadCpu / 1e3 / decisions, "%.2f",
                "us (the deciding thread's CPU time, user + system; median of " + rounds + " rounds of " + decisions + ")");
        summary("moderation_other_threads_cpu_per_decision", done, x -> x.otherCpu / 1e3 / decisions, "%.2f",
                "us (the process's CPU time on other threads during the round: GC, JIT, Caffeine maintenance on the common pool)");
        summary("moderation_decisions_per_second", done, x -> 1e9 / x.wallMean(), "%.0f", "/s (1 / the mean wall time of a decision)");
        summary("moderation_p50_decision_latency", done, x -> x.pct(0.50) / 1e3, "%.1f", "us");
        summary("moderation_p99_decision_latency", done, x -> x.pct(0.99) / 1e3, "%.1f", "us");
        summary("moderation_p999_decision_latency", done, x -> x.pct(0.999) / 1e3, "%.1f", "us");
        tail(run(engine, policy, rnd, texts, decisions, now, true));
        if (Boolean.getBoolean("bench.perText")) {
            for (String t : texts) {
                Round x = run(engine, policy, rnd, new String[] {t}, 50_000, now, false);
                System.out.printf("moderation_text \"%s\": thread CPU %.2f us, p50 %.1f us, p99 %.1f us%n", t, x.threadCpu / 1e3 / 50_000, x.pct(0.5) / 1e3, x.pct(0.99) / 1e3);
            }
        }
        System.out.printf("moderation_live_heap_after_rounds %d MB (heap after GC; the engine holds %d window keys)%n", usedHeap() / 1_000_000, engine.windowKeys());
        hostile(engine, policy, now);

        // window memory: fill one engine with distinct active members and measure the heap
        int groups = 10_000;
        int members = 1_000;
        int sample = args.length > 1 ? Integer.parseInt(args[1]) : 400_000;
        if (sample <= 0) return;
        Engine big = new Engine(ZoneId.of("Asia/Shanghai"), Long.MAX_VALUE / 4, Duration.ofSeconds(60), now::get);
        long before = usedHeap();
        for (int i = 0; i < sample; i++) {
            int g = i % groups;
            int m = (i / groups) % members + (i / (groups * members)) * members;
            big.check("sandbox:g" + g, "m" + m, "x" + i, "hi " + (i % 97), Instant.ofEpochMilli(now.get()), policy);
        }
        long keys = big.windowKeys();
        long after = usedHeap();
        double perKey = (after - before) / (double) Math.max(1, keys);
        long all = (long) groups * members;
        System.out.printf("moderation_window_bytes_per_active_member %.0f bytes (heap after GC, MemoryMXBean, over %d keys; the key strings included)%n", perKey, keys);
        System.out.printf("moderation_window_memory_unbounded_%dx%d %.0f MB (extrapolated)%n", groups, members, perKey * all / 1e6);
        System.out.printf("moderation_window_memory_bounded %.0f MB (live cap 200000 keys per cache)%n", perKey * 200_000 / 1e6);
        if (big.windowKeys() < 0) System.out.println(); // keep the engine reachable until measured
    }

    /** One timed round: per-decision wall times (sorted), CPU of this thread and of the others, GC and JIT during it. */
    private static final class Round {
        long[] lat;
        long[] cpuEach;
        long threadCpu;
        long userCpu;
        long otherCpu;
        long gcs;
        long gcMillis;
        long jitMillis;
        int acted;

        double wallMean() { return Arrays.stream(lat).sum() / (double) lat.length; }

        double pct(double p) { return lat[(int) (lat.length * p)]; }
    }

    private static void summary(String name, List<Round> rounds, java.util.function.ToDoubleFunction<Round> f, String fmt, String unit) {
        double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
        double median = v[v.length / 2];
        System.out.printf("%s " + fmt + " %s; rounds " + fmt + "-" + fmt + ", spread %.0f %%%n",
                name, median, unit, v[0], v[v.length - 1], median == 0 ? 0 : (v[v.length - 1] - v[0]) * 100 / median);
    }

    /**
     * Where the slow decisions come from: a round that also reads the thread's CPU clock around
     * each decision (about a microsecond more each, so its own figures are not reported). A
     * decision of at least 100 us whose CPU time is most of its wall time did work on this
     * thread (the engine, or Caffeine maintenance it ran); one whose CPU time is small waited
     * (a GC pause, a safepoint, another process on the core).
     */
    private static void tail(Round x) {
        long[] wall = x.lat;
        int slow = 0;
        int ran = 0;
        long ranCpu = 0;
        for (int i = 0; i < wall.length; i++) {
            if (wall[i] < 100_000) continue;
            slow++;
            if (x.cpuEach[i] * 2 >= wall[i]) { ran++; ranCpu += x.cpuEach[i]; }
        }
        System.out.printf("moderation_tail %d of %d decisions took >= 100 us: %d of them ran on the thread (mean CPU %.0f us), %d waited "
                        + "(in that round: %d GCs, %d ms; load %s)%n",
                slow, wall.length, ran, ran == 0 ? 0 : ranCpu / 1e3 / ran, slow - ran, x.gcs, x.gcMillis, load());
    }

    private static String load() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * Messages built to make the filters slow: one decision each, in milliseconds, with the rule
     * that acted. A case that takes longer than a second is run once; the rest take the best of twenty (the
     * machine is shared).
     */
    private static void hostile(Engine engine, ModerationConfig policy, AtomicLong now) {
        String acute = "\u0301";
        String[][] cases = {
                {"marks_4k", "a" + acute.repeat(4_095)},
                {"marks_60k", "a" + acute.repeat(59_999)},
                {"ad_after_800_marks", "加" + acute.repeat(800) + "vx123456"},
                {"alternating_marks_60k", "a" + "\u0301\u0316".repeat(30_000)},
                {"dotted_labels_60k", "a.".repeat(30_000)},
                {"handle_prefixes_60k", "vx-".repeat(20_000)},
        };
        for (String[] c : cases) {
            long best = Long.MAX_VALUE;
            String rule = null;
            for (int i = 0; i < 20; i++) {
                now.addAndGet(60_000);
                long s = System.nanoTime();
                try {
                    rule = engine.check("sandbox:hostile", "m" + i, c[0] + i, c[1], Instant.ofEpochMilli(now.get()), policy);
                } catch (RuntimeException | StackOverflowError e) {
                    rule = "threw " + e.getClass().getSimpleName();
                }
                long took = System.nanoTime() - s;
                best = Math.min(best, took);
                if (took > 1_000_000_000L) break;
            }
            System.out.printf("moderation_hostile_%s %.2f ms (%d chars, acted: %s)%n", c[0], best / 1e6, c[1].length(), rule);
        }
    }

    /**
     * {@code n} decisions on messages from 10,000 chats and 1,000 members each, 1 ms apart. The
     * messages (text, chat, member, id strings) are made before the clock starts, as an adapter
     * would have parsed them, 1,024 at a time (so they do not pile up in the heap): the figures
     * are the engine's alone. With {@code each}, the thread's CPU time of every decision too.
     */
    private static Round run(Engine engine, ModerationConfig policy, Random rnd, String[] texts, int n, AtomicLong now, boolean each) {
        int chunk = 1_024;
        String[] text = new String[chunk];
        String[] chat = new String[chunk];
        String[] member = new String[chunk];
        String[] id = new String[chunk];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Round x = new Round();
        x.lat = new long[n];
        if (each) x.cpuEach = new long[n];
        long gcs0 = gcCount();
        long gcMs0 = gcMillis();
        long jit0 = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long process0 = processCpu();
        long whole0 = threads.getCurrentThreadCpuTime();
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            for (int i = from; i < to; i++) {
                text[i - from] = texts[rnd.nextInt(texts.length)] + " " + rnd.nextInt(1_000_000);
                chat[i - from] = "sandbox:g" + rnd.nextInt(10_000);
                member[i - from] = "m" + rnd.nextInt(1_000);
                id[i - from] = "x" + i;
            }
            long cpu0 = threads.getCurrentThreadCpuTime();
            long user0 = threads.getCurrentThreadUserTime();
            for (int i = from; i < to; i++) {
                now.addAndGet(1);
                long c = each ? threads.getCurrentThreadCpuTime() : 0;
                long s = System.nanoTime();
                String r = engine.check(chat[i - from], member[i - from], id[i - from], text[i - from], Instant.ofEpochMilli(now.get()), policy);
                x.lat[i] = System.nanoTime() - s;
                if (each) x.cpuEach[i] = threads.getCurrentThreadCpuTime() - c;
                if (r != null) x.acted++;
            }
            x.threadCpu += threads.getCurrentThreadCpuTime() - cpu0;
            x.userCpu += threads.getCurrentThreadUserTime() - user0;
        }
        x.otherCpu = (processCpu() - process0) - (threads.getCurrentThreadCpuTime() - whole0);
        x.gcs = gcCount() - gcs0;
        x.gcMillis = gcMillis() - gcMs0;
        x.jitMillis = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jit0;
        if (!each) Arrays.sort(x.lat);
        return x;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long gcCount() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionCount())).sum();
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(b -> Math.max(0, b.getCollectionTime())).sum();
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try { Thread.sleep(100); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
