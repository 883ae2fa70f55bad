package qunzhu.features.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.feature.FeatureStore;
import qunzhu.feature.MemberTiers;
import qunzhu.store.Database;
import qunzhu.store.History;
import qunzhu.store.StoreException;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/**
 * The digest built on the store's read-only connections, several reads at a time, is the digest
 * built one read after the other on the writer: the same text, the same export, the same chart.
 */
class ParallelReportsTest {
    static final Duration NO_HANG = Duration.ofSeconds(60);

    static TestBot bot(Path file) {
        return TestBot.with(List.of(new ReportsFeature()), new Emitter()).clock(MutableClock.at("2026-12-01T10:00:00+08:00"))
                .yaml(ReportsMetricsTest.GROUPS).database(Database.open(file, false)).build();
    }

    /** A month with joins, leaves, replies, counted facts, a core member gone silent, in two groups. */
    static void history(TestBot bot) {
        Feed f = new Feed(bot);
        ReportsMetricsTest.knownHistory(f);
        for (int d = 1; d <= 30; d++) {
            String day = String.format("2026-11-%02d", d);
            if (d <= 20) for (int i = 0; i < 1 + d % 3; i++) f.post(ReportsMetricsTest.TECH, "zoe", day + "T1" + i + ":00:00");
            f.post(ReportsMetricsTest.FAMILY, "mum", day + "T08:00:00");
            if (d % 4 == 0) f.join(ReportsMetricsTest.FAMILY, "kid" + d, day + "T09:00:00", "mum");
            if (d % 4 == 0 && d > 24) f.post(ReportsMetricsTest.FAMILY, "kid" + (d - 4), day + "T09:30:00");
            if (d % 7 == 0) f.leave(ReportsMetricsTest.FAMILY, "kid" + (d - 3), day + "T20:00:00", d == 14 ? "mum" : null);
        }
        for (String s : List.of("!count CHECKIN 3", "!count QUESTION_ASKED 1", "!count QUESTION_ANSWERED 60", "!count MODERATION_ACTION 1 mute/ads",
                "!count FEEDBACK 1 more quizzes")) {
            bot.hub().post("tech", "bob", s, null, null);
            bot.settle();
        }
    }

    static ReportBuilder sequential(TestBot bot) { return ReportsMetricsTest.builder(bot); }

    static ReportBuilder parallel(TestBot bot) {
        Database db = bot.db();
        return ReportBuilder.on(db.readers(), FeatureStore.over(db), new History(db), MemberTiers.NONE, bot.bot().services().config(),
                ReportsConfig.DEFAULTS);
    }

    static Digest.Words words(TestBot bot) {
        return (key, vars) -> bot.bot().services().texts().format("zh-CN", key, vars);
    }

    @Test void theParallelDigestIsTheSequentialOne() throws Exception {
        Path file = Files.createTempFile("qunzhu-parallel-reports", ".db");
        try (TestBot bot = bot(file)) {
            history(bot);
            assertTrue(bot.db().readers().parallel(), "the bot's file store reads on read-only connections");
            Digest.Words words = words(bot);
            ReportBuilder one = sequential(bot);
            ReportBuilder many = parallel(bot);
            // The sequential build writes (and commits) any counts the store still holds in memory.
            one.build(Scope.ALL, Period.day(LocalDate.parse("2026-11-30")));
            LocalDate last = LocalDate.parse("2026-11-30");
            record Case(Scope scope, Period period, Digest.Kind kind) {}
            for (Case c : List.of(new Case(Scope.ALL, Period.day(last), Digest.Kind.DAILY), new Case(Scope.ALL, Period.lastDays(last, 7), Digest.Kind.WEEKLY),
                    new Case(Scope.group("tech"), Period.day(LocalDate.parse("2026-11-23")), Digest.Kind.DAILY),
                    new Case(Scope.ALL, Period.day(LocalDate.parse("2026-12-01")), Digest.Kind.DAILY),
                    new Case(Scope.profile("dev"), Period.lastDays(last, 30), Digest.Kind.RANGE))) {
                ReportBuilder.Drawn a = one.build(c.scope(), c.period(), words);
                ReportBuilder.Drawn b = many.build(c.scope(), c.period(), words);
                String text = new Digest(words).text(a.report(), c.kind());
                assertEquals(text, new Digest(words).text(b.report(), c.kind()), c.toString());
                assertArrayEquals(a.png(), b.png(), "the chart of " + c);
                assertArrayEquals(Exports.write(Exports.Format.JSON, a.report(), text, null), Exports.write(Exports.Format.JSON, b.report(), text, null),
                        "the JSON export of " + c);
                assertArrayEquals(Exports.write(Exports.Format.CSV, a.report(), text, null), Exports.write(Exports.Format.CSV, b.report(), text, null),
                        "the CSV export of " + c);
                // The chart drawn beside the report is the one drawn after it.
                assertArrayEquals(Charts.forReport(one, a.report(), words), b.png(), "the chart drawn after the report, " + c);
            }
            Report month = many.build(Scope.ALL, Period.lastDays(last, 30));
            assertTrue(month.now().messages() > 60 && month.now().joins() > 5 && month.now().leaves() > 3, "a history worth comparing: " + month.now());
            assertEquals(List.of("zoe"), month.silentCore().stream().map(Report.Person::name).toList());
            assertFalse(many.build(Scope.ALL, Period.day(LocalDate.parse("2026-12-01"))).tallies().feedback().isEmpty(), "counted facts today");
        }
    }

    /** A read that fails on a read-only connection fails the build as it fails sequentially, and nothing waits for ever. */
    @Test void aFailedReadIsTheSequentialError() throws Exception {
        Path file = Files.createTempFile("qunzhu-parallel-reports", ".db");
        try (TestBot bot = bot(file)) {
            history(bot);
            bot.db().update("DROP TABLE report_counted");
            Period day = Period.day(LocalDate.parse("2026-11-30"));
            StoreException one = assertThrows(StoreException.class, () -> sequential(bot).build(Scope.ALL, day));
            StoreException many = assertTimeoutPreemptively(NO_HANG, () -> assertThrows(StoreException.class, () -> parallel(bot).build(Scope.ALL, day)));
            assertEquals(one.getMessage(), many.getMessage());
            assertTrue(many.getMessage().contains("no such table: report_counted"), many.getMessage());
        }
    }

    /**
     * The pipeline thread builds digests inside its transaction, holding the writer: the pool's
     * reads never wait for it (they would for ever), and they see the last commit, not the
     * transaction's own writes.
     */
    @Test void aDigestBuiltInsideTheWritersTransactionReadsBesideIt() throws Exception {
        Path file = Files.createTempFile("qunzhu-parallel-reports", ".db");
        try (TestBot bot = bot(file)) {
            history(bot);
            Period day = Period.day(LocalDate.parse("2026-11-30"));
            // The sequential build writes (and commits) any counts the store still holds in memory.
            sequential(bot).build(Scope.ALL, day);
            long committed = parallel(bot).build(Scope.ALL, day).now().messages();
            long rows = bot.db().count("SELECT COUNT(*) FROM report_chat_day WHERE day = '2026-11-30'");
            long[] seen = assertTimeoutPreemptively(NO_HANG, () -> bot.db().tx(c -> {
                Database.updateIn(c, "UPDATE report_chat_day SET messages = messages + 1000 WHERE day = '2026-11-30'");
                return new long[] {parallel(bot).build(Scope.ALL, day, words(bot)).report().now().messages(),
                        sequential(bot).build(Scope.ALL, day).now().messages()};
            }));
            assertEquals(committed, seen[0], "the readers see the last commit");
            assertEquals(committed + 1000 * rows, seen[1], "the writer's transaction sees its own writes");
        }
    }
}
