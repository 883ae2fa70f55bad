package qunzhu.persona;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.testkit.MutableClock;

/** The health state machine and the silent-drop watch on a stepped clock. */
class AccountHealthTest {
    static final ChatRef G = new ChatRef("onebot", "1");
    final MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
    final AccountHealth health = new AccountHealth(clock, Duration.ofMinutes(10));
    final List<AccountHealth.Change> changes = new ArrayList<>();
    { health.onChange(changes::add); }

    @Test void aRateLimitEndsWhenItsTimePasses() {
        health.rateLimited("a", G, Duration.ofSeconds(30));
        assertFalse(health.canSend("a", G));
        assertTrue(health.canAct("a", G), "a rate limit on posts does not stop a mute");
        clock.advance(Duration.ofSeconds(30));
        assertTrue(health.canSend("a", G));
        health.delivered("a", G);
        assertEquals(AccountHealth.State.OK, health.status("a", G).state());
        assertEquals(2, changes.size());
        assertTrue(changes.get(0).incident());
    }

    @Test void aFailedRetryAfterTheCooldownIsTheSameIncident() {
        health.absent("a", G);
        assertFalse(health.canAct("a", G), "not in the group: it can do nothing there");
        clock.advance(Duration.ofMinutes(10));
        assertTrue(health.canSend("a", G), "tried again after the cooldown");
        health.absent("a", G);
        assertEquals(1, changes.size(), "the same incident, told once");
        health.works("a", G);
        health.absent("a", G);
        assertEquals(3, changes.size());
        assertTrue(changes.get(2).incident(), "after it worked, a new failure is a new incident");
    }

    @Test void aDoneSendDoesNotClearSilentDropsButASiblingSeeingItDoes() {
        health.silentDrop("a", G);
        health.silentDrop("a", G);
        assertEquals(2, health.status("a", G).drops());
        health.delivered("a", G);
        assertEquals(AccountHealth.State.SILENT_DROPS, health.status("a", G).state(), "a vanishing send is also answered done");
        health.works("a", G);
        assertEquals(AccountHealth.State.OK, health.status("a", G).state());
    }

    @Test void aSpentBudgetHoldsTheAccountEverywhereUntilItRefills() {
        health.budgetSpent("a", clock.instant().plusSeconds(20));
        assertFalse(health.canSend("a", new ChatRef("onebot", "2")));
        clock.advance(Duration.ofSeconds(20));
        assertTrue(health.canSend("a", G));
    }

    @Test void theDropWatchMatchesASiblingsCopyToTheOldestWaitingSendAndHandsOutTheRest() {
        DropWatch watch = new DropWatch(clock, Duration.ofSeconds(30));
        Action.Send s = Action.Send.of(G, "host", "hi");
        watch.expect("a", G, "1", s);
        clock.advance(Duration.ofSeconds(5));
        watch.expect("a", G, "2", s);
        assertTrue(watch.seen("a", G));
        assertFalse(watch.seen("b", G), "b had nothing waiting");
        clock.advance(Duration.ofSeconds(29));
        assertEquals(List.of(), watch.due(), "the second is not due before its own 30 s");
        clock.advance(Duration.ofSeconds(1));
        List<DropWatch.Sent> due = watch.due();
        assertEquals(1, due.size());
        assertEquals("2", due.get(0).messageId());
        assertEquals(0, watch.waiting());
    }
}
