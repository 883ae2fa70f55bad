package qunzhu.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.app.Wiring;
import qunzhu.config.BotConfig;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.PersonaRole;
import qunzhu.feature.Accounts;
import qunzhu.runtime.Threads;
import qunzhu.store.Database;
import qunzhu.testkit.FakePlatform;
import qunzhu.testkit.MutableClock;

/** A flood of replies in one group must not spend the account's send budget for its other groups. */
@Timeout(30)
class BudgetShareTest {
    static final ChatRef A = new ChatRef("fake", "a");
    static final ChatRef B = new ChatRef("fake", "b");
    @TempDir Path dir;
    final MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
    final Database db = Database.inMemory();
    final FakePlatform qq = FakePlatform.all("qq", "fake");
    Outbox outbox;

    @AfterEach void stop() { if (outbox != null) outbox.stop(Duration.ofSeconds(1)); db.close(); }

    void start() throws Exception {
        Files.writeString(dir.resolve("bot.yml"), "bot: {}\nsandbox: {enabled: false}\n");
        Files.writeString(dir.resolve("accounts.yml"), """
                accounts:
                  - {id: qq, platform: fake, persona: host, budget: 6/min}
                groups:
                  a: {chat: "fake:a", title: 甲}
                  b: {chat: "fake:b", title: 乙}
                """);
        BotConfig config = Wiring.loader(k -> null, List.of(qq.factory()), Wiring.features()).load(dir);
        Accounts accounts = new Accounts(config, () -> qunzhu.config.ChatMoves.NONE, clock);
        accounts.add(qq, PersonaRole.HOST);
        outbox = new Outbox(accounts, k -> qunzhu.config.OutboxLimits.UNLIMITED, clock, new ActionLog(db, config.zone()), db, Threads.forTests());
        outbox.start();
    }

    List<String> sent(ChatRef chat) {
        return qq.performed.stream().filter(a -> a instanceof Action.Send && a.chat().equals(chat)).map(a -> ((Action.Send) a).text()).toList();
    }

    @Test void anotherGroupIsAnsweredWithinTheMinuteWhileOneGroupFloods() throws Exception {
        start();
        for (int i = 1; i <= 20; i++) outbox.submit(Action.Send.of(A, PersonaRole.HOST, "rules " + i));
        outbox.submit(Action.Send.of(B, PersonaRole.HOST, "rules for b"));
        assertTrue(outbox.awaitParked(Duration.ofSeconds(5)));
        assertEquals(List.of("rules for b"), sent(B), "b's reply did not wait for a's backlog");
        assertEquals(3, sent(A).size(), "a took its half of the budget: " + sent(A));
        // Half the budget a minute for a (its account serves two groups): 3 + 6 x 3 >= 20. Nothing
        // is dropped and a's order is kept.
        clock.advance(Duration.ofMinutes(1));
        assertTrue(outbox.awaitParked(Duration.ofSeconds(5)));
        assertEquals(6, sent(A).size(), "three more in the second minute");
        for (int minute = 2; minute <= 6; minute++) {
            clock.advance(Duration.ofMinutes(1));
            assertTrue(outbox.awaitParked(Duration.ofSeconds(5)));
        }
        List<String> a = sent(A);
        assertEquals(20, a.size());
        for (int i = 0; i < 20; i++) assertEquals("rules " + (i + 1), a.get(i));
    }
}
