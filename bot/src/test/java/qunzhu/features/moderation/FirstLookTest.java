package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/**
 * The verdict is reached as a message arrives (on the adapter's thread, before it is logged),
 * and stands only if nothing it depended on changed before the pipeline handled the message.
 */
class FirstLookTest {
    final TestBot bot = ModerationBots.techAndFamily().build();
    final FakeGroup tech = bot.group("tech");
    final ChatRef chat = new ChatRef("sandbox", "tech");

    @AfterEach void stop() { bot.close(); }

    private Event.MessagePosted message(String id, String member, String text) { return ModerationBots.message(bot, chat, id, member, text); }

    private List<String> caseRules(String member) {
        return bot.db().query("SELECT rule FROM moderation_cases WHERE target_id = ? ORDER BY id", rs -> rs.getString(1), member);
    }

    /**
     * "/lock links" and a link are handed in together: the link is judged on arrival, while the
     * lock is not yet handled (the chat's extras, known from an earlier message, have no lock),
     * and the lock is handled before the link. The link is still judged under the lock.
     */
    @Test void aLockHandledAfterTheLinkArrivedStillAppliesToIt() {
        tech.post("bob", "早上好");   // the chat's extras are read and known from here
        bot.bot().pipeline().accept(List.of(message("m-lock", "mia", "/lock links"), message("m-link", "bob", "看这个 https://evil.example/x")));
        bot.settle();
        assertEquals(List.of("lock_links"), caseRules("bob"), "the link is removed under the lock handled just before it");
    }

    /** The reverse: "/unlock links" handed in with a link; the verdict reached under the lock on arrival does not stand. */
    @Test void anUnlockHandledAfterTheLinkArrivedLetsItStand() {
        tech.shouldReply("mia", "/lock links", "已锁定：links");
        String before = tech.post("bob", "https://evil.example/a");
        assertFalse(tech.visible(before), "locked");
        bot.bot().pipeline().accept(List.of(message("m-unlock", "mia", "/unlock links"), message("m-link2", "bob", "看这个 https://github.com/x")));
        bot.settle();
        assertEquals(List.of("lock_links"), caseRules("bob"), "only the message sent under the lock has a case");
    }

    /**
     * A batch the store refused is handed in again: its messages were looked at on arrival the
     * first time, and the windows count them once. Five messages of a member in a batch handed
     * in twice (ten, counted twice) stay under tech's flood limit (eight in ten seconds, layered).
     */
    @Test void aBatchHandedInAgainIsCountedOnceByTheFloodWindow() {
        List<Event> batch = List.of(message("f1", "dan", "一"), message("f2", "dan", "二"), message("f3", "dan", "三"), message("f4", "dan", "四"), message("f5", "dan", "五"));
        bot.db().simulateFullDisk(true);
        try {
            bot.bot().pipeline().accept(batch);
        } catch (RuntimeException refused) {
            // not written: the adapter keeps the batch and hands it in again
        }
        bot.db().simulateFullDisk(false);
        bot.bot().pipeline().accept(batch);
        bot.settle();
        assertEquals(List.of(), caseRules("dan"), "five messages, each counted once: no flood");
        assertEquals(5, bot.db().count("SELECT COUNT(*) FROM activity WHERE platform = 'sandbox' AND chat_id = 'tech' AND member_id = 'dan'"));
    }

    @Test void aMessageHandledAfterTheMembersLaterOnesIsNoFlood() {
        // As when the pipeline runs behind arrival and its messages were not judged on arrival:
        // the older message comes to the windows after the later ones.
        AtomicLong now = new AtomicLong(1_764_000_000_000L);
        Windows w = new Windows(now::get, 1_000, Duration.ofMinutes(1));
        Duration window = Duration.ofSeconds(10);
        long t = now.get();
        for (int i = 2; i <= 4; i++) assertNull(w.floodBurst("c|m", new Windows.Seen("c", "m", "id" + i, t + i * 10_000L), 3, window));
        assertNull(w.floodBurst("c|m", new Windows.Seen("c", "m", "id1", t + 10_000L), 3, window),
                "four messages 10 s apart, one of them late: no three within 10 s");
        assertNull(w.floodBurst("c|m", new Windows.Seen("c", "m", "id5", t + 50_000L), 3, window));
        assertNull(w.floodBurst("c|m", new Windows.Seen("c", "m", "id6", t + 50_001L), 3, window), "the late one is still among the last three");
        List<Windows.Seen> burst = w.floodBurst("c|m", new Windows.Seen("c", "m", "id7", t + 50_002L), 3, window);
        assertEquals(List.of("id5", "id6", "id7"), burst.stream().map(Windows.Seen::messageId).toList(), "a real burst still floods");
        assertNotNull(w.floodBurst("c|m", new Windows.Seen("c", "m", "id6", t + 50_001L), 3, window), "one of the burst, asked again, is in it");
    }

    @Test void theWindowsCountAMessageSeenTwiceOnce() {
        AtomicLong now = new AtomicLong(1_764_000_000_000L);
        Windows w = new Windows(now::get, 1_000, Duration.ofMinutes(1));
        Duration window = Duration.ofSeconds(10);
        for (int i = 1; i <= 2; i++) {
            Windows.Seen s = new Windows.Seen("c", "m", "id" + i, now.get() + i);
            assertNull(w.floodBurst("c|m", s, 3, window));
            assertNull(w.floodBurst("c|m", s, 3, window), "the same message again is not a new one");
        }
        List<Windows.Seen> burst = w.floodBurst("c|m", new Windows.Seen("c", "m", "id3", now.get() + 3), 3, window);
        assertEquals(3, burst.size(), "the third message floods");
        assertEquals(3, w.floodBurst("c|m", new Windows.Seen("c", "m", "id3", now.get() + 3), 3, window).size(),
                "asked again, the same answer, not a fourth message");
        Windows.Seen ad = new Windows.Seen("c", "m", "ad1", now.get());
        w.wave("buy now", ad, window);
        assertEquals(1, w.wave("buy now", ad, window).size());
        assertTrue(w.wave("buy now", new Windows.Seen("c2", "m2", "ad1", now.get()), window).size() == 2, "the same id in another chat is another message");
    }
}
