package qunzhu.features.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.store.Database;
import qunzhu.testkit.FakePlatform;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** A 50-group run cut by a stop with half its posts unsent, and its jobs run again: each group gets its post exactly once. */
class CalendarRestartTest {
    static final int GROUPS = 50;

    @TempDir Path dir;

    static String groups() {
        StringBuilder b = new StringBuilder("profiles:\n  many: {category: learning}\ngroups:\n");
        for (int i = 1; i <= GROUPS; i++) b.append("  g").append(i).append(": {chat: \"fake:").append(i).append("\", profile: many}\n");
        return b.toString();
    }

    TestBot bot(FakePlatform fake, MutableClock clock, Path db) {
        return TestBot.with(new CalendarFeature()).platform(fake.factory()).clock(clock).yaml(groups())
                .file("accounts.yml", """
                        personas: {host: {name: 小群}}
                        accounts:
                          - {id: host, platform: sandbox, persona: host}
                          - {id: fake, platform: fake, persona: host}
                        """)
                .file("calendar.yml", """
                        calendar:
                          entries:
                            - {id: tip, schedule: "daily 09:00", first_run: at_start, targets: {profile: many}, text: "今日提示"}
                        """)
                .database(Database.open(db, false)).build();
    }

    static void count(FakePlatform p, Map<String, Integer> delivered, java.util.function.Predicate<String> reached) {
        for (Action a : p.performed) {
            if (a instanceof Action.Send s && s.text().equals("今日提示") && reached.test(a.chat().id())) delivered.merge(a.chat().id(), 1, Integer::sum);
        }
    }

    static boolean awaitParked(TestBot b) {
        try {
            return b.bot().outbox().awaitParked(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test void aRunStoppedWithHalfItsPostsUnsentSendsEachGroupExactlyOnceAfterRestart() {
        Path db = dir.resolve("q.db");
        MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
        FakePlatform first = FakePlatform.all("fake", "fake").outage(a -> Integer.parseInt(a.chat().id()) > 25);
        try (TestBot b = bot(first, clock, db)) {
            // Not settle(): the failed half waits for its retry on the stepped clock, which never steps here.
            long end = System.nanoTime() + 10_000_000_000L;
            while ((first.performed.size() < GROUPS || !b.bot().pipeline().idle()) && System.nanoTime() < end) Thread.onSpinWait();
            assertTrue(awaitParked(b));
            assertEquals(25, b.db().count("SELECT COUNT(*) FROM outbox_pending"), "the unsent half waits in the outbox");
            assertEquals(GROUPS, b.db().count("SELECT COUNT(*) FROM calendar_post"));
        }
        Map<String, Integer> delivered = new TreeMap<>();
        count(first, delivered, id -> Integer.parseInt(id) <= 25);   // the rest failed there
        assertEquals(25, delivered.size());

        FakePlatform second = FakePlatform.all("fake", "fake");
        try (TestBot b = bot(second, clock, db)) {
            b.settle();
            // The run's jobs run again (a crash before their done flags): nothing new goes out.
            for (int i = 1; i <= GROUPS; i++) b.bot().services().scheduler().schedule(clock.instant(), "calendar", Calendar.POST, new ChatRef("fake", Integer.toString(i)), "1");
            b.settle();
            count(second, delivered, id -> true);
            assertEquals(0, b.db().count("SELECT COUNT(*) FROM outbox_pending"));
        }
        assertEquals(GROUPS, delivered.size(), "every group got its post: " + delivered);
        assertTrue(delivered.values().stream().allMatch(n -> n == 1), "none twice: " + delivered);
    }
}
