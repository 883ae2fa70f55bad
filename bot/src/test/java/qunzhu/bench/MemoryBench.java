package qunzhu.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;
import qunzhu.app.Bot;
import qunzhu.config.BotConfig;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.features.moderation.Engine;
import qunzhu.features.moderation.ModerationConfig;
import qunzhu.runtime.Threads;

/**
 * Heap in use, read from the MemoryMXBean after three full GCs (so: live objects plus what the
 * collector keeps), above a baseline taken with the classes loaded, at these steps: the config
 * of {@code groups} groups sharing one profile ({@link BenchConfig}: 200-rule blocklist) loaded;
 * a bot built over it (every shipped feature installed, not started); then after 100,000,
 * 250,000, 500,000 and {@code members} distinct tracked members, each arriving as one event
 * through {@code Pipeline.accept} from {@link PipelineBench#PRODUCERS} producer threads in
 * adapter-sized batches (the event mix of {@link #event}), event time = wall time (so the
 * moderation windows hold what a real minute holds). At the last step the top of a live class
 * histogram (what {@code jcmd <pid> GC.class_histogram} prints). Separately, the moderation
 * engine alone with {@code members} distinct window keys 1 ms apart and no cap. Not a test:
 * {@code scripts/bench memory [groups] [members]}.
 */
public final class MemoryBench {
    static final int HISTOGRAM_LINES = 40;
    static final int IDLE_WAIT_S = 60;

    public static void main(String[] args) throws Exception {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int members = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Path configDir = BenchConfig.write(groups, true);
        Path tmp = Files.createTempDirectory("qunzhu-bench-memory");
        BenchConfig.featuresWithout(n -> false);          // load the classes before the baseline
        long base = used();
        System.out.printf("baseline heap in use: %,d MB%n", base / 1_000_000);
        BotConfig config = BenchConfig.load(configDir, BenchConfig.featuresWithout(n -> false));
        long cfg = used();
        System.out.printf("config of %,d groups sharing one profile: %,d MB above the baseline (%,d bytes a group)%n",
                groups, (cfg - base) / 1_000_000, (cfg - base) / groups);
        Bot bot = BenchConfig.bot(config, tmp.resolve("memory.db"), BenchConfig.featuresWithout(n -> false));
        long built = used();
        System.out.printf("bot built over it (features installed): %,d MB above the baseline%n", (built - base) / 1_000_000);
        bot.start();
        String run = Long.toString(System.currentTimeMillis(), 36);
        long start = System.nanoTime();
        long cpu0 = cpuNanos();
        int done = 0;
        for (int step : new int[] {100_000, 250_000, 500_000, members}) {
            if (step > members || step <= done) continue;
            feed(bot, run, groups, done, step);
            done = step;
            long heap = used();
            System.out.printf("%,9d distinct members through the pipeline (%,d s, process CPU %,d s, load %s): %,d MB above the baseline"
                            + " (%,d bytes a member above the built bot)%n",
                    done, (System.nanoTime() - start) / 1_000_000_000L, (cpuNanos() - cpu0) / 1_000_000_000L, PipelineBench.load(),
                    (heap - base) / 1_000_000, (heap - built) / done);
        }
        long rows = bot.db().count("SELECT COUNT(*) FROM activity");
        long tracked = bot.db().count("SELECT COUNT(*) FROM chat_members");
        System.out.printf("rows logged: %,d; chat_members rows: %,d%n", rows, tracked);
        System.out.println("live class histogram at " + String.format("%,d", done) + " members (top " + HISTOGRAM_LINES + "):");
        System.out.println(histogram(HISTOGRAM_LINES));
        bot.stop();
        config = null;
        bot = null;

        ModerationConfig policy = Engine.policy(qunzhu.config.Strategy.LAYERED, List.of());
        AtomicLong now = new AtomicLong(System.currentTimeMillis());
        long before = used();
        Engine engine = new Engine(ZoneId.of("Asia/Shanghai"), Long.MAX_VALUE / 4, Duration.ofSeconds(60), now::get);
        for (int i = 0; i < members; i++) {
            engine.check("bench:g" + (i % groups), "u" + i, "x" + i, "hi " + (i % 97), Instant.ofEpochMilli(now.incrementAndGet()), policy);
        }
        long after = used();
        System.out.printf("moderation engine alone, %,d members 1 ms apart (no cap): %,d MB (%,d bytes a live key, %,d window keys live)%n",
                members, (after - before) / 1_000_000, engine.windowKeys() == 0 ? 0 : (after - before) / engine.windowKeys(), engine.windowKeys());
        PipelineBench.deleteTree(tmp);
        PipelineBench.deleteTree(configDir);
    }

    /** Members {@code from} (inclusive) to {@code to}, one event each, from the producers; returns once all are handled. */
    static void feed(Bot bot, String run, int groups, int from, int to) throws Exception {
        int producers = PipelineBench.PRODUCERS, batch = PipelineBench.ADAPTER_BATCH;
        CountDownLatch finished = new CountDownLatch(producers);
        Threads threads = Threads.forTests();
        for (int p = 0; p < producers; p++) {
            int me = p;
            threads.start("producer-" + p, () -> {
                try {
                    // Producer p takes every PRODUCERS-th batch, built as it goes (a list of 1 M events would be in the figures).
                    for (int b = from + me * batch; b < to; b += producers * batch) {
                        List<Event> events = new ArrayList<>(batch);
                        Instant at = Instant.now();
                        for (int i = b; i < Math.min(to, b + batch); i++) events.add(event(run, groups, i, at));
                        bot.pipeline().accept(events);
                    }
                } finally {
                    finished.countDown();
                }
            });
        }
        finished.await();
        // Once verification deadlines, question flags and self-deletes come due (5-10 min in), a job is due every few
        // ms and the pipeline is never idle for long: give it a bound, then measure with what is left (the histogram shows it).
        if (!bot.pipeline().awaitIdle(Duration.ofSeconds(IDLE_WAIT_S))) {
            System.out.printf("  (pipeline not idle after %d s: due jobs keep coming; measured with its queue as it is)%n", IDLE_WAIT_S);
        }
        threads.shutdown(Duration.ofSeconds(5));
    }

    /**
     * Event {@code i}: member u{i} in group g{i mod groups}, new to the bot. 5 % join (button
     * verification, welcome, restrictions); of the rest, 1 % blocklist keyword hits (delete),
     * 0.4 % regex hits (warn), 0.5 % /checkin, 5 % questions, 10 % replies to an earlier
     * message of the group, the rest ordinary chatter. Every text carries the member's own word
     * ({@link #word}): the same sentence from thousands of members in thousands of groups within
     * a minute is an ad wave to the moderation engine, and its cross-group deletions are not what
     * this benchmark measures.
     */
    static Event event(String run, int groups, int i, Instant at) {
        ChatRef chat = new ChatRef(BenchPlatform.KIND, "g" + (i % groups));
        EventKey key = EventKey.of(chat, run + "-" + i);
        String who = "u" + i;
        MemberRef member = MemberRef.of(who, "成员" + i);
        if (i % 20 == 17) return new Event.MemberJoined(key, chat, at, "host", member, null);
        String w = word(i);
        String text;
        if (i % 100 == 7) text = "看看这个 badword" + (i % 150) + " " + w;
        else if (i % 250 == 3) text = "promo" + (i % 50) + "123abc " + w;
        else if (i % 200 == 50) text = "/checkin";
        else if (i % 20 == 9) text = "请问 " + w + " 怎么序列化？";
        else text = "今天 " + w + " 的活动大家记得参加";
        String replyTo = i % 10 == 1 && i >= groups ? run + "-" + (i - groups) : null;
        return new Event.MessagePosted(key, chat, at, "host", member, run + "-" + i, text, replyTo,
                replyTo == null ? null : MemberRef.of("u" + (i - groups), "成员" + (i - groups)), false, false, false, false);
    }

    /** {@code i} in letters (base 26), so normalising digits away does not make two members' texts one. */
    static String word(int i) {
        StringBuilder sb = new StringBuilder();
        for (int n = i; ; n /= 26) {
            sb.append((char) ('a' + n % 26));
            if (n < 26) break;
        }
        return sb.toString();
    }

    static long used() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The first {@code lines} lines of the live class histogram (a full GC first), as jcmd GC.class_histogram prints it. */
    static String histogram(int lines) throws Exception {
        String all = (String) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
        return String.join("\n", all.lines().limit(lines + 2L).toList());
    }
}
