package qunzhu.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.core.Action;
import qunzhu.core.Admin;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.features.rules.RulesFeature;
import qunzhu.testkit.FakePlatform;
import qunzhu.testkit.TestBot;

/**
 * The admin directory seen from outside: two groups on a fake platform whose admin list can
 * hang or fail per group. What a member notices is whether commands are answered, and whether
 * an admin's command is accepted.
 */
@Timeout(120)
class AdminDirectoryTest {
    static final ChatRef A = new ChatRef("fake", "A");
    static final ChatRef B = new ChatRef("fake", "B");
    static final List<Admin> MIA = List.of(new Admin("mia", false, Admin.ALL_RIGHTS));
    static final String UPDATED = "群规已更新";
    static final String DENIED = "只有管理员";

    final FakePlatform fake = FakePlatform.all("fk", "fake");
    final AtomicInteger ids = new AtomicInteger(1);
    TestBot bot;

    TestBot start() {
        bot = TestBot.with(new RulesFeature()).platform(fake.factory())
                .file("accounts.yml", """
                        personas: {host: {name: 小群}}
                        accounts:
                          - {id: host, platform: sandbox, persona: host}
                          - {id: fk, platform: fake, persona: host}
                        """)
                .yaml("""
                        groups:
                          a: {chat: "fake:A", title: A, strategy: laissez_faire, rules: {text: "A rules."}}
                          b: {chat: "fake:B", title: B, strategy: laissez_faire, rules: {text: "B rules."}}
                        """).build();
        return bot;
    }

    @AfterEach void stop() {
        fake.releaseAdmins(A);
        fake.releaseAdmins(B);
        if (bot != null) bot.close();
    }

    /** Posts as {@code member} without waiting for the bot. */
    void emit(ChatRef chat, String member, String text) {
        String id = Integer.toString(ids.getAndIncrement());
        fake.emit(new Event.MessagePosted(EventKey.of(chat, id), chat, bot.clock().instant(), "fk", MemberRef.of(member, member),
                id, text, null, null, false, false, false));
    }

    /** Posts, waits until the bot has reacted, and returns what it said in that chat meanwhile. */
    List<String> say(ChatRef chat, String member, String text) {
        int before = fake.performed.size();
        emit(chat, member, text);
        bot.settle();
        return fake.performed.subList(before, fake.performed.size()).stream()
                .filter(a -> a instanceof Action.Send s && s.chat().equals(chat)).map(a -> ((Action.Send) a).text()).toList();
    }

    static void assertSaid(List<String> said, String expected) {
        assertTrue(said.size() == 1 && said.get(0).contains(expected), "expected one reply with \"" + expected + "\", got " + said);
    }

    /** Waits (bounded) until the directory has a list for the chat with {@code member} in it. */
    void awaitAdmin(ChatRef chat, String member) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (bot.bot().services().roles().admins(chat).stream().noneMatch(a -> a.memberId().equals(member))) {
            assertTrue(System.nanoTime() < end, member + " never became a known admin of " + chat);
            try { Thread.sleep(2); } catch (InterruptedException e) { throw new AssertionError(e); }
        }
    }

    @Test void aHangingAdminListInOneGroupDoesNotHoldUpAnother() {
        fake.admins(A, MIA);
        fake.admins(B, MIA);
        fake.holdAdmins(A);
        start();
        // A's admins never answer: a moderator command there waits a short, bounded time at most ...
        assertSaid(say(A, "mia", "/setrules 新规"), DENIED);
        // ... and B, whose admins answer, is served as usual while A's call still hangs.
        assertSaid(say(B, "alice", "/rules"), "B rules.");
        assertSaid(say(B, "mia", "/setrules 新规"), UPDATED);
        assertSaid(say(A, "alice", "/rules"), "A rules.");
        assertEquals(1, fake.adminCalls(A), "A's one call is still hanging: no pile-up of calls");
        fake.releaseAdmins(A);
        awaitAdmin(A, "mia");
        assertSaid(say(A, "mia", "/setrules 新规"), UPDATED);
    }

    @Test void aFailedFetchIsNotRememberedAsNoAdmins() {
        fake.admins(B, MIA);
        fake.failAdmins(B, true);
        start();
        assertSaid(say(B, "mia", "/setrules 新规"), DENIED);
        fake.failAdmins(B, false);
        // The retry comes after a short backoff, not after a minute-long cache entry of "nobody".
        bot.clock().advance(Duration.ofSeconds(5));
        assertSaid(say(B, "mia", "/setrules 新规"), UPDATED);
    }

    @Test void aStaleListIsServedAtOnceWhileItIsRefreshed() {
        fake.admins(B, MIA);
        start();
        assertSaid(say(B, "mia", "/setrules 新规"), UPDATED);
        long calls = fake.adminCalls(B);
        fake.holdAdmins(B);
        fake.admins(B, List.of());          // mia is demoted on the platform, no event says so
        bot.clock().advance(Duration.ofMinutes(2));
        assertSaid(say(B, "mia", "/setrules 再改"), UPDATED);   // the stale list answers at once
        fake.awaitAdminCalls(B, calls + 1);                     // and a refresh is under way
        fake.releaseAdmins(B);
        long end = System.nanoTime() + 10_000_000_000L;
        while (!bot.bot().services().roles().admins(B).isEmpty()) {
            assertTrue(System.nanoTime() < end, "the refresh never landed");
            Thread.onSpinWait();
        }
        assertSaid(say(B, "mia", "/setrules 三改"), DENIED);
    }

    @Test void anAdminChangeRefreshesAtOnceAndDropsTheDemotedAdminMeanwhile() {
        fake.admins(B, MIA);
        start();
        assertSaid(say(B, "mia", "/setrules 新规"), UPDATED);
        long calls = fake.adminCalls(B);
        fake.holdAdmins(B);
        fake.admins(B, List.of());
        fake.emit(new Event.AdminsChanged(EventKey.of(B, "a-mia"), B, bot.clock().instant(), "fk", MemberRef.of("mia", "mia")));
        fake.awaitAdminCalls(B, calls + 1);   // refreshed at once, before anyone asks
        bot.settle();
        assertSaid(say(B, "mia", "/setrules 再改"), DENIED);    // demoted now, though the refresh still hangs
        fake.releaseAdmins(B);
        // A promotion: the refresh after the event brings the new admin in without any expiry.
        fake.admins(B, List.of(new Admin("bob", false, Admin.ALL_RIGHTS)));
        fake.emit(new Event.AdminsChanged(EventKey.of(B, "a-bob"), B, bot.clock().instant(), "fk", MemberRef.of("bob", "bob")));
        awaitAdmin(B, "bob");
        assertSaid(say(B, "bob", "/setrules 四改"), UPDATED);
    }
}
