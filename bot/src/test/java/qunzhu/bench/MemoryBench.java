package qunzhu.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import qunzhu.app.Bot;
import qunzhu.config.BotConfig;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.features.moderation.Engine;
import qunzhu.features.moderation.ModerationConfig;

/**
 * Heap in use, read from the MemoryMXBean after three full GCs (so: live objects plus what the
 * collector keeps), at four points: an empty JVM with the classes loaded; with the config of
 * {@code groups} groups sharing one profile (200-rule blocklist) loaded; with a bot built over
 * it (features installed, not started); after messages from many distinct members went through
 * its pipeline for {@code seconds}. Separately, the moderation engine's sliding windows
 * with {@code members} distinct tracked (group, member) keys and no cap. Not a test:
 * {@code scripts/bench memory [groups] [seconds] [members]}.
 */
public final class MemoryBench {
    public static void main(String[] args) throws Exception {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int members = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
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
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Instant t0 = Instant.now();
        long sent = 0;
        while (System.nanoTime() < deadline) {
            List<Event> batch = new ArrayList<>(500);
            for (int i = 0; i < 500; i++, sent++) {
                ChatRef chat = new ChatRef(BenchPlatform.KIND, "g" + (sent % groups));
                String who = "u" + sent;                  // every message from a new member
                batch.add(new Event.MessagePosted(EventKey.of(chat, "x" + sent), chat, t0.plusMillis(sent), "host", MemberRef.of(who, who),
                        "x" + sent, "大家好 " + sent, null, null, false, false, false, false));
            }
            bot.pipeline().accept(batch);
            if (!bot.pipeline().awaitIdle(Duration.ofMinutes(2))) throw new IllegalStateException("pipeline did not drain");
        }
        long loaded = used();
        System.out.printf("after %,d messages from %,d distinct members in %d s through the pipeline: %,d MB above the baseline (load %s)%n",
                sent, sent, seconds, (loaded - base) / 1_000_000, PipelineBench.load());
        bot.stop();
        config = null;
        bot = null;

        ModerationConfig policy = qunzhu.features.moderation.Engine.policy(qunzhu.config.Strategy.LAYERED, List.of());
        AtomicLong now = new AtomicLong(t0.toEpochMilli());
        long before = used();
        Engine engine = new Engine(ZoneId.of("Asia/Shanghai"), Long.MAX_VALUE / 4, Duration.ofSeconds(60), now::get);
        for (int i = 0; i < members; i++) {
            engine.check("bench:g" + (i % groups), "u" + i, "x" + i, "hi " + (i % 97), Instant.ofEpochMilli(now.incrementAndGet()), policy);
        }
        long after = used();
        System.out.printf("moderation windows with %,d tracked members (no cap): %,d MB (%,d bytes a member, %,d window keys)%n",
                members, (after - before) / 1_000_000, (after - before) / members, engine.windowKeys());
        PipelineBench.deleteTree(tmp);
        PipelineBench.deleteTree(configDir);
    }

    static long used() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
