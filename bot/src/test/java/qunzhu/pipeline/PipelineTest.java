package qunzhu.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.outbox.SelfDelete;
import qunzhu.feature.Setup;
import qunzhu.features.rules.RulesFeature;
import qunzhu.store.ActivityLog;
import qunzhu.store.Database;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

class PipelineTest {
    static final ChatRef TECH = new ChatRef("sandbox", "tech");

    /**
     * {@code before} ahead of the command router, then the rules feature (its /rules is the
     * answer seen), on a tech group served by two sandbox accounts, as in the shipped config.
     */
    static TestBot.Builder rulesBot(Feature... before) {
        return TestBot.with(List.of(before), new RulesFeature())
                .file("accounts.yml", TestBot.HOST_AND_WARDEN)
                .yaml(TestBot.TECH_WITH_RULES);
    }

    static Event.MessagePosted message(String id, String who, String text, Instant at) {
        return new Event.MessagePosted(EventKey.of(TECH, id), TECH, at, "host", MemberRef.of(who, who), id, text, null, null,
                false, false, false);
    }

    @Test void aMessageSeenByTwoAccountsIsLoggedAndAnsweredOnce() {
        try (TestBot bot = rulesBot().build()) {
            assertEquals(2, bot.bot().accounts().serving(TECH).size(), "both sandbox accounts sit in tech");
            FakeGroup tech = bot.group("tech");
            tech.shouldReply("alice", "/rules", "群规");
            assertEquals(1, bot.db().count("SELECT COUNT(*) FROM activity WHERE kind = 'message'"));
        }
    }

    @Test void theLogKeepsWhatReportsNeedWithTheDayInTheBotsZone() {
        MutableClock clock = MutableClock.at("2026-11-24T23:59:30+08:00");   // 15:59 UTC, still the 24th in Shanghai
        try (TestBot bot = rulesBot().clock(clock).build()) {
            FakeGroup tech = bot.group("tech");
            String first = tech.post("alice", "你好，世界 👋");
            tech.reply("bob", first, "hi");
            List<String> rows = bot.db().query("""
                    SELECT kind, member_id, member_name, day, text, text_len, reply_to FROM activity ORDER BY id""",
                    rs -> String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            Integer.toString(rs.getInt(6)), String.valueOf(rs.getString(7))));
            assertEquals(List.of("message|alice|alice|2026-11-24|你好，世界 👋|7|null", "message|bob|bob|2026-11-24|hi|2|" + first), rows);
            assertEquals(2, bot.db().count("SELECT COUNT(*) FROM members"));
            assertEquals(1, bot.db().count("SELECT COUNT(*) FROM chat_members WHERE member_id = 'alice' AND left_ms IS NULL"));
        }
    }

    /** Scheduling wakes the pipeline: no ticker, no clock step needed for a job that is due already. */
    @Test void aJobScheduledDueNowRunsAtOnce() {
        try (TestBot bot = rulesBot().build()) {
            FakeGroup tech = bot.group("tech");
            String said = tech.post("alice", "hello");
            assertTrue(tech.visible(said));
            bot.bot().services().scheduler().schedule(bot.clock().instant(), SelfDelete.JOB, TECH, said);
            bot.settle();
            assertFalse(tech.visible(said), "the self-delete job ran as soon as it was scheduled");
        }
    }

    @Test void eventsLoggedButNotHandledBeforeACrashAreHandledAtTheNextStart() {
        Database db = Database.inMemory();
        // A previous run logged these and died before its features ran.
        new ActivityLog(db, java.time.ZoneId.of("Asia/Shanghai")).append(List.of(
                message("900", "alice", "/rules", OffsetDateTime.parse("2026-11-24T10:00:00+08:00").toInstant())));
        try (TestBot bot = rulesBot().database(db).build()) {
            bot.settle();
            FakeGroup tech = bot.group("tech");
            var entries = tech.sinceStart();
            assertEquals(1, entries.size(), "the rules answer of the replayed event: " + entries);
            assertEquals(1, db.count("SELECT COUNT(*) FROM activity"));
        }
    }

    @Test void aRedeliveredEventIsNotHandledAgainAfterRestart() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("qunzhu", ".db");
        Event.MessagePosted rules = message("901", "alice", "/rules", Instant.parse("2026-11-24T02:00:00Z"));
        List<Action> seen = new ArrayList<>();
        Feature spy = new Feature() {
            @Override public String name() { return "spy"; }
            @Override public void install(Setup s) { s.on(Event.class, (e, ctx) -> { seen.add(null); return List.of(); }); }
        };
        try (TestBot bot = rulesBot(spy).database(Database.open(file, false)).build()) {
            bot.bot().pipeline().accept(List.of(rules));
            bot.settle();
        }
        try (TestBot bot = rulesBot(spy).database(Database.open(file, false)).build()) {
            bot.bot().pipeline().accept(List.of(rules, rules));   // the platform sends it again, twice
            bot.settle();
            assertEquals(1, bot.db().count("SELECT COUNT(*) FROM activity"));
        }
        assertEquals(1, seen.size(), "features saw the event exactly once across both runs");
    }

    @Test void aFeatureThatFailsHalfwayLeavesNoWritesBehind() {
        Feature halfway = new Feature() {
            @Override public String name() { return "halfway"; }
            @Override public void install(Setup s) {
                s.on(Event.MessagePosted.class, (m, ctx) -> {
                    if (!m.text().equals("boom")) return List.of();
                    s.store().update("INSERT INTO kv(k, v) VALUES ('halfway', 'written')");
                    throw new IllegalStateException("failed after writing");
                });
            }
        };
        try (TestBot bot = rulesBot(halfway).build()) {
            bot.group("tech").post("alice", "boom");
            bot.group("tech").shouldReply("alice", "/rules", "群规");
            assertEquals(0, bot.db().count("SELECT COUNT(*) FROM kv WHERE k = 'halfway'"), "its write was rolled back");
            assertEquals(2, bot.db().count("SELECT COUNT(*) FROM activity"), "the events themselves stay logged");
        }
    }

    @Test void aFailingFeatureDoesNotStopTheOthers() {
        Feature broken = new Feature() {
            @Override public String name() { return "broken"; }
            @Override public void install(Setup s) { s.on(Event.class, (e, ctx) -> { throw new IllegalStateException("boom"); }); }
        };
        try (TestBot bot = rulesBot(broken).build()) {
            bot.group("tech").shouldReply("alice", "/rules", "群规");
        }
    }

    /** Counts every message in kv 'counted' and answers "counted <text>". */
    static Feature counting() {
        return new Feature() {
            @Override public String name() { return "counting"; }
            @Override public void install(Setup s) {
                s.on(Event.MessagePosted.class, (m, ctx) -> {
                    s.store().update("INSERT INTO kv(k, v) VALUES ('counted', '1') ON CONFLICT (k) DO UPDATE SET v = v + 1");
                    return List.of(qunzhu.core.Action.Send.of(m.chat(), qunzhu.core.PersonaRole.HOST, "counted " + m.text()));
                });
            }
        };
    }

    @Test void whenALaterFeatureFailsTheEarlierOnesKeepTheirWritesAndRepliesExactlyOnce() {
        Feature counting = counting();
        Feature broken = new Feature() {
            @Override public String name() { return "broken"; }
            @Override public void install(Setup s) {
                s.on(Event.MessagePosted.class, (m, ctx) -> {
                    s.store().update("INSERT INTO kv(k, v) VALUES ('broken', 'written')");
                    throw new IllegalStateException("boom");
                });
            }
        };
        try (TestBot bot = rulesBot(counting, broken).build()) {
            bot.group("tech").shouldReply("alice", "hello", "counted hello");
            bot.settle();
            assertEquals("1", bot.db().queryOne("SELECT v FROM kv WHERE k = 'counted'", rs -> rs.getString(1)),
                    "the feature before the failing one counted the message once");
            assertEquals(0, bot.db().count("SELECT COUNT(*) FROM kv WHERE k = 'broken'"), "the failing feature's write was undone");
            assertEquals(1, bot.db().count("SELECT COUNT(*) FROM action_log WHERE kind = 'send' AND outcome = 'done'"), "one reply, not two");
            assertEquals(1, bot.db().count("SELECT COUNT(*) FROM dead_letter WHERE feature = 'broken'"));
        }
    }

    /** A group runs without savepoints until a handler throws; then it runs again with them, and only the failing handler's work is undone. */
    @Test void aHandlerFailingInTheMiddleOfAGroupUndoesOnlyItsOwnWorkAndTheGroupIsCountedOnce() {
        Feature counting = counting();
        Feature picky = new Feature() {
            @Override public String name() { return "picky"; }
            @Override public void install(Setup s) {
                s.on(Event.MessagePosted.class, (m, ctx) -> {
                    s.store().update("INSERT INTO kv(k, v) VALUES ('picky.' || ?, 'seen')", m.text());
                    if (m.text().equals("m5")) throw new IllegalStateException("boom on m5");
                    return List.of();
                });
            }
        };
        try (TestBot bot = rulesBot(counting, picky).build()) {
            FakeGroup tech = bot.group("tech");
            Instant at = bot.clock().instant();
            List<Event> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) batch.add(message("g" + i, "alice", "m" + i, at));
            bot.bot().pipeline().accept(batch);   // one batch: its events run as one group
            bot.settle();
            assertEquals("10", bot.db().queryOne("SELECT v FROM kv WHERE k = 'counted'", rs -> rs.getString(1)), "each message counted once");
            assertEquals(9, bot.db().count("SELECT COUNT(*) FROM kv WHERE k LIKE 'picky.%'"), "only m5's write of the failing handler is undone");
            assertEquals(0, bot.db().count("SELECT COUNT(*) FROM kv WHERE k = 'picky.m5'"));
            bot.step(java.time.Duration.ofSeconds(1));   // the outbox sends what the group stored
            List<String> said = tech.botSaid().stream().map(e -> e.text()).sorted().toList();
            assertEquals(java.util.stream.IntStream.range(0, 10).mapToObj(i -> "counted m" + i).sorted().toList(), said, "one reply a message, none twice");
            assertEquals(List.of("picky"), bot.db().query("SELECT feature FROM dead_letter", rs -> rs.getString(1)));
        }
    }

    @Test void batchesFromManyAdapterThreadsAreDurableWhenAcceptReturnsAndHandledOnceInLogOrder() throws Exception {
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Feature spy = new Feature() {
            @Override public String name() { return "spy"; }
            @Override public void install(Setup s) {
                s.on(Event.MessagePosted.class, (m, ctx) -> { seen.add(m.messageId()); return List.of(); });
            }
        };
        int producers = 4, batches = 25, size = 8;
        try (TestBot bot = rulesBot(spy).build()) {
            java.util.concurrent.atomic.AtomicInteger notDurable = new java.util.concurrent.atomic.AtomicInteger();
            List<Thread> threads = producers(bot, producers, batches, size, last -> {
                // Acknowledged to the platform from here on: it must be in the log already.
                if (bot.db().count("SELECT COUNT(*) FROM activity WHERE native_id = ?", last) != 1) notDurable.incrementAndGet();
            });
            for (Thread t : threads) t.join(20_000);
            bot.settle();
            assertEquals(0, notDurable.get(), "batches acknowledged before they were in the log");
            int total = producers * batches * size;
            assertEquals(total, bot.db().count("SELECT COUNT(*) FROM activity WHERE kind = 'message'"));
            List<String> logOrder = bot.db().query("SELECT native_id FROM activity WHERE kind = 'message' ORDER BY id", rs -> rs.getString(1));
            assertEquals(logOrder, seen, "every event handled once, in the order of the log");
        }
    }

    /**
     * Started threads, each handing {@code batches} batches of {@code size} messages to the
     * pipeline as an adapter does; {@code accepted} hears each batch's last native id once
     * {@code accept} returned.
     */
    static List<Thread> producers(TestBot bot, int producers, int batches, int size, java.util.function.Consumer<String> accepted) {
        Instant t0 = Instant.parse("2026-11-24T02:00:00Z");
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                for (int b = 0; b < batches; b++) {
                    List<Event> batch = new ArrayList<>();
                    for (int i = 0; i < size; i++) {
                        String id = producer + "-" + b + "-" + i;
                        batch.add(message(id, "m" + producer, "hello " + id, t0.plusSeconds(b)));
                    }
                    bot.bot().pipeline().accept(batch);
                    accepted.accept(producer + "-" + b + "-" + (size - 1));
                }
            }, "producer-" + p);
            t.start();
            threads.add(t);
        }
        return threads;
    }

    /** Intake faster than the features: the adapters wait instead of the backlog growing without bound, and nothing is lost. */
    @Test void acceptWaitsWhileTheBacklogIsFullAndEverythingIsHandledOnceAfter() throws Exception {
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        Feature slow = new Feature() {
            @Override public String name() { return "slow"; }
            @Override public void install(Setup s) {
                s.on(Event.MessagePosted.class, (m, ctx) -> {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    seen.add(m.messageId());
                    return List.of();
                });
            }
        };
        int producers = 4, batches = 10, size = 5, total = producers * batches * size;
        try (TestBot bot = rulesBot(slow).build()) {
            bot.bot().pipeline().limitBacklog(10);
            List<Thread> threads = producers(bot, producers, batches, size, last -> { });
            // Logged but not yet handled, sampled while the producers run: without the bound it
            // grows by up to four batches a group (20 in, about 5 handled in a 50 ms group).
            long most = 0;
            while (threads.stream().anyMatch(Thread::isAlive)) {
                long logged = bot.db().count("SELECT COUNT(*) FROM activity WHERE kind = 'message'");
                most = Math.max(most, logged - seen.size());
                Thread.sleep(20);
            }
            for (Thread t : threads) t.join(30_000);
            bot.settle();
            assertTrue(most <= 10 + producers * size + size, "events logged and not yet handled stayed near the bound of 10: at most " + most);
            assertEquals(total, bot.db().count("SELECT COUNT(*) FROM activity WHERE kind = 'message'"));
            assertEquals(total, seen.size(), "each event handled once");
            assertEquals(total, new java.util.HashSet<>(seen).size());
        }
    }

    /** A backlog of due jobs is queued a thousand at a time, and every job still runs once. */
    @Test void manyJobsDueAtOnceAllRunOnce() {
        List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());
        Feature timer = new Feature() {
            @Override public String name() { return "timer"; }
            @Override public void install(Setup s) {
                s.onJob("tick", (job, ctx) -> { ran.add(job.payload()); return List.of(); });
            }
        };
        try (TestBot bot = rulesBot(timer).build()) {
            Instant due = bot.clock().instant();
            bot.db().tx(c -> {
                for (int i = 0; i < 2_500; i++) bot.bot().services().scheduler().schedule(due.minusSeconds(i % 60), "timer", "tick", TECH, "j" + i);
                return null;
            });
            bot.settle();
            assertEquals(2_500, ran.size(), "every due job ran");
            assertEquals(2_500, new java.util.HashSet<>(ran).size(), "none twice");
        }
    }
}
