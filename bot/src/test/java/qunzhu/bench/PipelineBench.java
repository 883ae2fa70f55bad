package qunzhu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import qunzhu.app.Bot;
import qunzhu.app.Wiring;
import qunzhu.config.BotConfig;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.store.ActivityLog;
import qunzhu.store.Codec;
import qunzhu.store.Database;

/**
 * Events per second through the whole pipeline into SQLite (dedupe, activity log with member
 * and membership rows, the shipped features, the handled mark), next to a raw JDBC batched
 * insert of the same activity rows into the same schema in the same run. The ratio is the
 * figure to watch (target ≥ 0.5). Not a test: run with scripts/bench.
 */
public final class PipelineBench {
    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path dir = Files.createTempDirectory("qunzhu-bench");
        List<Event> stream = events(events);
        System.out.printf("pipeline bench: %d message events in batches of %d, 50 groups, 2,000 members%n", events, batch);

        // Warm-up run so the JIT has seen both paths.
        pipeline(dir.resolve("warm.db"), stream.subList(0, Math.min(20_000, events)), batch);
        raw(dir.resolve("warm-raw.db"), stream.subList(0, Math.min(20_000, events)), batch);

        double raw = raw(dir.resolve("raw.db"), stream, batch);
        double pipe = pipeline(dir.resolve("pipeline.db"), stream, batch);
        System.out.printf("raw JDBC batched insert : %,10.0f rows/s%n", raw);
        System.out.printf("pipeline into SQLite    : %,10.0f events/s%n", pipe);
        System.out.printf("ratio pipeline/raw      : %10.2f  (target >= 0.5)%n", pipe / raw);
    }

    static List<Event> events(int n) {
        List<Event> out = new ArrayList<>(n);
        Instant t = Instant.parse("2026-11-24T02:00:00Z");
        for (int i = 0; i < n; i++) {
            ChatRef chat = new ChatRef("sandbox", "g" + (i % 50));
            String who = "m" + (i % 2000);
            String id = Integer.toString(i);
            out.add(new Event.MessagePosted(EventKey.of(chat, id), chat, t.plusMillis(i * 10L), "host", MemberRef.of(who, who), id,
                    "message number " + i + " 今天的活动大家记得参加", null, null, false, false, false));
        }
        return out;
    }

    static double pipeline(Path file, List<Event> stream, int batch) throws Exception {
        BotConfig config = Wiring.loader(k -> null).load(Path.of(System.getProperty("qunzhu.config", "config")));
        Bot bot = new Bot(config, Clock.system(config.zone()), Database.open(file, false), Wiring.features(), List.of(), false);
        bot.start();
        long start = System.nanoTime();
        for (int i = 0; i < stream.size(); i += batch) bot.pipeline().accept(stream.subList(i, Math.min(stream.size(), i + batch)));
        if (!bot.pipeline().awaitIdle(Duration.ofMinutes(10))) throw new IllegalStateException("pipeline did not drain");
        long ns = System.nanoTime() - start;
        long rows = bot.db().count("SELECT COUNT(*) FROM activity");
        bot.stop();
        if (rows != stream.size()) throw new IllegalStateException("expected " + stream.size() + " rows, got " + rows);
        return stream.size() / (ns / 1e9);
    }

    static double raw(Path file, List<Event> stream, int batch) throws Exception {
        Database.open(file, false).close();           // same schema through the same migrations
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
            }
            c.setAutoCommit(false);
            ZoneId zone = ZoneId.of("Asia/Shanghai");
            long start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO activity (platform, chat_id, native_id, kind, account, member_id, member_name, at_ms, day,
                                          message_id, reply_to, text, text_len, payload)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                for (int i = 0; i < stream.size(); i++) {
                    Event.MessagePosted m = (Event.MessagePosted) stream.get(i);
                    ps.setString(1, m.key().platform());
                    ps.setString(2, m.key().chat());
                    ps.setString(3, m.key().nativeId());
                    ps.setString(4, ActivityLog.kind(m));
                    ps.setString(5, m.account());
                    ps.setString(6, m.author().id());
                    ps.setString(7, m.author().name());
                    ps.setLong(8, m.at().toEpochMilli());
                    ps.setString(9, m.at().atZone(zone).toLocalDate().toString());
                    ps.setString(10, m.messageId());
                    ps.setString(11, null);
                    ps.setString(12, m.text());
                    ps.setInt(13, m.text().length());
                    ps.setString(14, Codec.encode(m));
                    ps.addBatch();
                    if ((i + 1) % batch == 0 || i == stream.size() - 1) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
            return stream.size() / ((System.nanoTime() - start) / 1e9);
        }
    }
}
