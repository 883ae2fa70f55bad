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
 * Moderation decisions per second with 200 rules (the mean and p50/p99/p99.9 of the time of one
 * decision, messages made before the clock starts), one decision on each of
 * a few hostile messages (4 KB and 60 KB of combining accents, an ad behind 800 accents, 60 KB
 * of "a.a.a.", ...), and the memory of the sliding windows (flood and ad-wave) for 10,000
 * groups × 1,000 active members. Not a test:
 * run with {@code java -cp bot/target/classes:bot/target/test-classes:bot/target/lib/* qunzhu.bench.ModerationBench}.
 * One line per figure, {@code name value unit}.
 */
public final class ModerationBench {
    private ModerationBench() {}

    public static void main(String[] args) {
        int decisions = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < 150; i++) rules.add(new Rule("kw" + i, List.of("关键词" + i, "badword" + i), null, Verdict.Kind.DELETE, null));
        for (int i = 0; i < 50; i++) rules.add(Engine.regexRule("re" + i, "promo" + i + "\\d{3}[a-z]+", Verdict.Kind.WARN));
        ModerationConfig policy = Engine.policy(Strategy.LAYERED, rules);
        AtomicLong now = new AtomicLong(Instant.parse("2026-11-24T02:00:00Z").toEpochMilli());
        Engine engine = new Engine(ZoneId.of("Asia/Shanghai"), 200_000, Duration.ofSeconds(60), now::get);
        Random rnd = new Random(42);
        String[] texts = {"今天大家吃了什么", "有人用过 Java 17 的 record 吗", "meeting at 3pm tomorrow", "这个报错怎么解决：NullPointerException",
                "badword17 hello", "加微信 领资料", "promo12345abc deal", "谢谢分享！", "https://github.com/qunzhu/qunzhu", "周末一起爬山吗"};

        // warm-up, then measured run with per-decision timing
        run(engine, policy, rnd, texts, 50_000, now, null, new long[1]);
        long[] lat = new long[decisions];
        long[] cpu = new long[1];
        int acted = run(engine, policy, rnd, texts, decisions, now, lat, cpu);
        double secs = Arrays.stream(lat).sum() / 1e9;
        Arrays.sort(lat);
        System.out.printf("moderation_decisions_per_second %.0f /s (200 rules, %d decisions, %d acted on)%n", decisions / secs, decisions, acted);
        System.out.printf("moderation_mean_decision_time %.2f us%n", secs * 1e6 / decisions);
        System.out.printf("moderation_cpu_time_per_decision %.2f us (the thread's CPU time over the run: not counting time it waited for a core)%n",
                cpu[0] / 1e3 / decisions);
        System.out.printf("moderation_p50_decision_latency %.1f us%n", lat[(int) (lat.length * 0.50)] / 1000.0);
        System.out.printf("moderation_p99_decision_latency %.1f us%n", lat[(int) (lat.length * 0.99)] / 1000.0);
        System.out.printf("moderation_p999_decision_latency %.1f us%n", lat[(int) (lat.length * 0.999)] / 1000.0);
        hostile(engine, policy, now);

        // window memory: fill one engine with distinct active members and measure the heap
        int groups = 10_000;
        int members = 1_000;
        int sample = args.length > 1 ? Integer.parseInt(args[1]) : 400_000;
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
        System.out.printf("moderation_window_bytes_per_active_member %.0f bytes (measured over %d keys)%n", perKey, keys);
        System.out.printf("moderation_window_memory_unbounded_%dx%d %.0f MB (extrapolated)%n", groups, members, perKey * all / 1e6);
        System.out.printf("moderation_window_memory_bounded %.0f MB (live cap 200000 keys per cache)%n", perKey * 200_000 / 1e6);
        if (big.windowKeys() < 0) System.out.println(); // keep the engine reachable until measured
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
     * are the engine's alone. {@code cpu[0]} gets the thread's CPU time spent in the decisions.
     */
    private static int run(Engine engine, ModerationConfig policy, Random rnd, String[] texts, int n, AtomicLong now, long[] lat, long[] cpu) {
        int chunk = 1_024;
        String[] text = new String[chunk];
        String[] chat = new String[chunk];
        String[] member = new String[chunk];
        String[] id = new String[chunk];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int acted = 0;
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            for (int i = from; i < to; i++) {
                text[i - from] = texts[rnd.nextInt(texts.length)] + " " + rnd.nextInt(1_000_000);
                chat[i - from] = "sandbox:g" + rnd.nextInt(10_000);
                member[i - from] = "m" + rnd.nextInt(1_000);
                id[i - from] = "x" + i;
            }
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (int i = from; i < to; i++) {
                now.addAndGet(1);
                long s = System.nanoTime();
                String r = engine.check(chat[i - from], member[i - from], id[i - from], text[i - from], Instant.ofEpochMilli(now.get()), policy);
                if (lat != null) lat[i] = System.nanoTime() - s;
                if (r != null) acted++;
            }
            cpu[0] += threads.getCurrentThreadCpuTime() - cpu0;
        }
        return acted;
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
