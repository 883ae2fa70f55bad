package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.testkit.FakePlatform;
import qunzhu.testkit.TestBot;

/** The group and the log chat hear of a punishment only once the platform carried it out; a refusal is said plainly, once. */
class TruthfulActionsTest {
    static final ChatRef CHAT = new ChatRef("nr", "g1");
    TestBot bot;
    FakePlatform p;

    @AfterEach void stop() { if (bot != null) bot.close(); }

    void start(String... failing) {
        p = FakePlatform.refusing("nr", "nr", failing);
        bot = TestBot.with(List.of(new ModerationFeature())).platform(p.factory())
                .file("accounts.yml", "accounts:\n  - id: nr\n    platform: nr\n")
                .file("groups.yml", "groups:\n  g:\n    chat: nr:g1\n    title: G\n    locale: en\n    moderators: [nr:mia]\n").build();
    }

    void post(String id, String author, String text, String replyTo, String replyAuthor) {
        p.deliver(new Event.MessagePosted(EventKey.of(CHAT, id), CHAT, bot.clock().instant(), "nr", MemberRef.of(author, author),
                id, text, replyTo, replyAuthor == null ? null : MemberRef.of(replyAuthor, replyAuthor), false, false, false, false));
        bot.settle();
    }

    List<String> said() { return p.performed.stream().filter(a -> a instanceof Action.Send s && s.chat().equals(CHAT)).map(a -> ((Action.Send) a).text()).toList(); }

    @Test void aRefusedMuteIsNotAnnouncedButSaidPlainlyOnceAndTheCaseIsMarkedNotApplied() {
        start("mute");
        post("m1", "fiona", "buy now", null, null);
        post("m2", "mia", "/mute 10m flooding", "m1", "fiona");
        assertTrue(p.performed.stream().anyMatch(a -> a instanceof Action.Mute), "mute attempted");
        List<String> said = said();
        assertFalse(said.stream().anyMatch(s -> s.contains("is muted")), "no mute announced: " + said);
        assertEquals(List.of("⚠️ Could not mute fiona: the bot lacks the right to restrict members. Case #1 is marked not applied."),
                said.stream().filter(s -> s.contains("mute")).toList(), "said once, plainly: " + said);
        assertEquals("0|not enough rights", bot.db().queryOne("SELECT applied || '|' || failure FROM moderation_cases WHERE number = 1", rs -> rs.getString(1)));
        assertEquals(Long.valueOf(0), bot.db().<Long>queryOne("SELECT COUNT(*) FROM moderation_punishments WHERE active = 1", rs -> rs.getLong(1)),
                "a mute that never happened is not re-applied on rejoin");
        post("m3", "mia", "/case 1", null, null);
        assertTrue(said().get(said().size() - 1).contains("⚠️ Not applied: not enough rights"), "/case shows it: " + said());
    }

    @Test void aConfirmedMuteIsAnnouncedAfterThePlatformDidIt() {
        start();
        post("m1", "fiona", "buy now", null, null);
        post("m2", "mia", "/mute 10m flooding", "m1", "fiona");
        List<String> kinds = p.kinds();
        int mute = kinds.indexOf("mute@g1");
        int notice = -1;
        for (int i = 0; i < kinds.size(); i++) if (kinds.get(i).startsWith("send:🔇 fiona is muted")) notice = i;
        assertTrue(mute >= 0 && notice > mute, "announced after the mute: " + kinds);
        assertEquals("1", bot.db().queryOne("SELECT applied FROM moderation_cases WHERE number = 1", rs -> rs.getString(1)));
    }

    @Test void aFloodBurstIsOneCaseOneMuteAndEveryMessageDeleted() {
        start();
        Event[] burst = new Event[12];
        for (int i = 1; i <= 12; i++) {
            burst[i - 1] = new Event.MessagePosted(EventKey.of(CHAT, "f" + i), CHAT, bot.clock().instant(), "nr", MemberRef.of("fiona", "Fiona"),
                    "f" + i, "spam " + i, null, null, false, false, false, false);
        }
        p.emit(burst); // twelve messages arrive before the platform has muted anyone
        bot.settle();
        assertEquals(1L, bot.db().count("SELECT COUNT(*) FROM moderation_cases"), "one case");
        assertEquals(1L, p.performed.stream().filter(a -> a instanceof Action.Mute).count(), "one mute");
        assertEquals(1L, said().stream().filter(s -> s.contains("Fiona is muted")).count(), "one announcement: " + said());
        java.util.Set<String> deleted = new java.util.HashSet<>();
        for (Action a : p.performed) {
            if (a instanceof Action.Delete d) deleted.add(d.messageId());
            if (a instanceof Action.DeleteMany d) deleted.addAll(d.messageIds());
        }
        for (int i = 1; i <= 12; i++) assertTrue(deleted.contains("f" + i), "f" + i + " deleted; deleted: " + deleted);
        assertTrue(p.performed.stream().anyMatch(a -> a instanceof Action.DeleteMany d && d.messageIds().size() > 1),
                "the burst so far goes in one batch: " + p.kinds());
    }
}
