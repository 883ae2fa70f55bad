package qunzhu.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.runtime.Threads;
import qunzhu.store.Database;
import qunzhu.testkit.ChildBot;

/**
 * Three producers stream into the real bot (a child JVM, sandbox HTTP API) while it is killed
 * with SIGKILL three times: chatter in tech, moderator warnings in family, check-ins by many
 * members in tech. After each kill the file passes {@code PRAGMA integrity_check} and holds
 * every acknowledged post; each restart re-sends from a little before the last acknowledged
 * post (as a client that lost answers would). At the end every post is logged once, every
 * /warn made one warning and one case, every /checkin one ledger row, and the rollups agree
 * with the activity log.
 */
@Timeout(180)
class RepeatedKillTest {
    static final int KILLS = 3;
    static final int CHATTER = 120, WARNS = 40, CHECKINS = 40;
    /** Posts a producer re-sends from before its last acknowledged one after a restart. */
    static final int OVERLAP = 5;

    @TempDir Path dir;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    /** One stream of posts; {@code acked} is the highest index acknowledged so far (posts are sent in order). */
    record Stream(String name, String group, int total, java.util.function.IntFunction<String> member,
                  java.util.function.IntFunction<String> text, AtomicInteger acked) {
        String id(int i) { return name + "-" + i; }
    }

    @Test void threeSigkillsUnderThreeProducersLoseNoAcknowledgedEventAndCountNothingTwice() throws Exception {
        Path db = dir.resolve("q.db");
        List<Stream> streams = List.of(
                new Stream("chat", "tech", CHATTER, i -> "mia", i -> "m" + i + " 今天的构建又绿了", new AtomicInteger()),
                new Stream("warn", "family", WARNS, i -> "mia", i -> "/warn bob 第" + i + "次刷屏", new AtomicInteger()),
                new Stream("checkin", "tech", CHECKINS, i -> "u" + i, i -> "/checkin", new AtomicInteger()));
        Map<String, String> files = config(db);
        int[] integrity = new int[KILLS + 1];
        // The store holds the rollups' counts in memory for a few seconds: a kill loses them, the next start counts them again.
        int recounted = 0;
        for (int round = 0; round <= KILLS; round++) {
            try (ChildBot bot = ChildBot.start(files, Map.of())) {
                bot.awaitOutput("Sandbox chat: ", Duration.ofSeconds(60));
                String url = sandboxUrl(bot.output());
                boolean last = round == KILLS;
                if (round > 0 && bot.output().contains("events again whose counts were not written")) recounted++;
                int before = streams.stream().mapToInt(s -> s.acked().get()).sum();
                runProducers(url, streams, last ? Integer.MAX_VALUE : before + 40 + 10 * round, bot);
                if (last) {
                    bot.stopCleanly();
                } else {
                    assertTrue(!bot.alive(), "killed");
                    try (Database d = Database.open(db, false)) {
                        assertEquals("ok", d.queryOne("PRAGMA integrity_check", rs -> rs.getString(1)), "integrity after kill " + (round + 1));
                        integrity[round]++;
                        System.out.println("[faults] kill " + (round + 1) + ": acknowledged " + streams.stream()
                                .map(x -> x.name() + "=" + x.acked().get()).toList() + ", integrity_check ok");
                        for (Stream s : streams) {
                            Set<String> logged = new TreeSet<>(d.query("SELECT native_id FROM activity WHERE kind = 'message' AND chat_id = ? AND native_id LIKE ?",
                                    rs -> rs.getString(1), s.group(), "c" + s.name() + "-%"));
                            for (int i = 1; i <= s.acked().get(); i++) {
                                assertTrue(logged.contains("c" + s.id(i)), "acknowledged " + s.id(i) + " survived kill " + (round + 1));
                            }
                        }
                    }
                    for (Stream s : streams) s.acked().set(Math.max(0, s.acked().get() - OVERLAP)); // re-send a little
                }
            }
        }

        try (Database d = Database.open(db, false)) {
            assertEquals("ok", d.queryOne("PRAGMA integrity_check", rs -> rs.getString(1)));
            assertEquals(CHATTER, d.count("SELECT COUNT(*) FROM activity WHERE kind = 'message' AND native_id LIKE 'cchat-%'"), "chatter once each");
            assertEquals(CHATTER, d.count("SELECT COUNT(DISTINCT text) FROM activity WHERE native_id LIKE 'cchat-%'"));
            assertEquals(WARNS, d.count("SELECT COUNT(*) FROM activity WHERE kind = 'message' AND native_id LIKE 'cwarn-%'"));
            assertEquals(CHECKINS, d.count("SELECT COUNT(*) FROM activity WHERE kind = 'message' AND native_id LIKE 'ccheckin-%'"));
            assertEquals(WARNS, d.count("SELECT COUNT(*) FROM moderation_warns WHERE chat_id = 'family' AND member_id = 'bob'"), "one warning per /warn");
            assertEquals(WARNS, d.count("SELECT COUNT(*) FROM moderation_cases WHERE chat_id = 'family' AND action = 'warn'"), "one case per /warn");
            assertEquals(WARNS, d.count("SELECT COUNT(DISTINCT number) FROM moderation_cases WHERE chat_id = 'family'"), "case numbers not reused");
            assertEquals(CHECKINS, d.count("SELECT COUNT(*) FROM points_ledger WHERE chat_id = 'tech' AND reason = 'checkin'"), "one ledger row per check-in");
            assertEquals(0, d.count("""
                    SELECT COUNT(*) FROM points_balance b WHERE b.balance <>
                      (SELECT COALESCE(SUM(delta), 0) FROM points_ledger l WHERE l.platform = b.platform AND l.chat_id = b.chat_id AND l.member_id = b.member_id)"""),
                    "balances are the sums of their ledger rows");
            for (String g : List.of("tech", "family")) {
                long logged = d.count("SELECT COUNT(*) FROM activity WHERE kind = 'message' AND chat_id = ?", g);
                assertEquals(logged, d.count("SELECT COALESCE(SUM(messages), 0) FROM report_chat_day WHERE chat_id = ?", g), "rollup messages in " + g);
                assertEquals(logged, d.count("SELECT COALESCE(SUM(messages), 0) FROM report_member_day WHERE chat_id = ?", g), "member rollups in " + g);
            }
            assertEquals(CHECKINS, d.count("SELECT COUNT(*) FROM report_counted WHERE chat_id = 'tech' AND tally LIKE '%checkin%'"), "check-ins tallied once");
        }
        for (int r = 0; r < KILLS; r++) assertEquals(1, integrity[r]);
        assertTrue(recounted > 0, "a kill lost held counts at least once, and the next start counted them again (the rollups above agree)");
    }

    /**
     * Runs the three producers at once until they are done or, once {@code killAt} posts were
     * acknowledged in all, SIGKILLs the bot and lets the producers run into the dead port.
     */
    private void runProducers(String url, List<Stream> streams, int killAt, ChildBot bot) throws InterruptedException {
        Threads threads = Threads.forTests();
        CountDownLatch done = new CountDownLatch(streams.size());
        AtomicInteger total = new AtomicInteger(streams.stream().mapToInt(s -> s.acked().get()).sum());
        Object killLock = new Object();
        for (Stream s : streams) {
            threads.thread("producer-" + s.name(), () -> {
                try {
                    for (int i = s.acked().get() + 1; i <= s.total(); i++) {
                        if (!post(url, s.group(), s.member().apply(i), s.text().apply(i), s.id(i))) return;
                        s.acked().set(i);
                        if (total.incrementAndGet() >= killAt) {
                            synchronized (killLock) { if (bot.alive()) bot.kill(); }
                            return;
                        }
                    }
                } finally {
                    done.countDown();
                }
            }).start();
        }
        assertTrue(done.await(120, java.util.concurrent.TimeUnit.SECONDS), "producers finished");
        if (killAt != Integer.MAX_VALUE) synchronized (killLock) { if (bot.alive()) bot.kill(); }
    }

    /** True when the bot acknowledged the post; false once it is gone. */
    private boolean post(String url, String group, String member, String text, String id) {
        String body = "{\"member\":\"" + member + "\",\"text\":\"" + text + "\",\"id\":\"" + id + "\"}";
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/groups/" + group + "/messages"))
                        .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return true;
                if (r.statusCode() != 409) throw new AssertionError("post " + id + " answered " + r.statusCode() + ": " + r.body());
                Thread.sleep(20);   // the first try of this id is still being stored
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        throw new AssertionError("post " + id + " stayed in flight");
    }

    private static String sandboxUrl(String output) {
        for (String line : output.split("\n")) if (line.startsWith("Sandbox chat: ")) return line.substring("Sandbox chat: ".length()).trim();
        throw new IllegalStateException("no sandbox line in:\n" + output);
    }

    private static Map<String, String> config(Path db) {
        List<String> members = new ArrayList<>(List.of("alice", "bob", "carol", "olivia"));
        for (int i = 1; i <= CHECKINS; i++) members.add("u" + i);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("bot.yml", """
                bot:
                  timezone: Asia/Shanghai
                  locale: zh-CN
                  database: %s
                  operators: [sandbox:olivia]
                  log_chat: sandbox:ops
                sandbox:
                  enabled: true
                  host: 127.0.0.1
                  port: 0
                  groups: {ops: 运营室}
                  members: [%s]
                  admins: {tech: [mia], family: [mia]}
                """.formatted(db.toAbsolutePath(), String.join(", ", members)));
        files.put("accounts.yml", """
                personas:
                  host: {name: 小群}
                  moderator: {name: 小管家}
                accounts:
                  - {id: host, platform: sandbox, persona: host}
                """);
        files.put("groups.yml", """
                groups:
                  tech:
                    chat: sandbox:tech
                    title: 技术交流群
                    strategy: laissez_faire
                  family:
                    chat: sandbox:family
                    title: Family
                    strategy: laissez_faire
                    moderation:
                      warnings: {expire: 30d, thresholds: []}
                """);
        files.put("outbox.yml", """
                outbox:
                  sandbox: {per_chat_per_second: 100000, per_chat_burst: 100000, per_chat_per_minute: 100000, per_account_per_second: 100000}
                """);
        return files;
    }
}
