package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.feature.Feature;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;
import qunzhu.testkit.Throwing;

/**
 * A group of events runs again when any handler in it throws (rolled back first). What
 * moderation keeps in memory from the first run must not pass for what was stored: a flood
 * punished in the run that was rolled back is punished again, not taken for an open incident.
 */
class GroupRerunTest {
    /** Throws on the text "boom", after moderation. */
    static final Feature BROKEN = Throwing.on("boom");

    final TestBot bot = ModerationBots.moderation(List.of(), BROKEN).yaml(ModerationBots.GROUPS).build();
    final FakeGroup tech = bot.group("tech");
    final ChatRef chat = new ChatRef("sandbox", "tech");

    @AfterEach void stop() { bot.close(); }

    private Event.MessagePosted message(String id, String member, String text) { return ModerationBots.message(bot, chat, id, member, text); }

    @Test void aFloodPunishedInAGroupThatRunsAgainIsPunishedOnceAndItsCaseStored() {
        tech.post("alice", "早上好");   // the chat's extras are known from here
        List<Event> batch = new ArrayList<>();
        for (int i = 1; i <= 10; i++) batch.add(message("f" + i, "bob", "message " + i));
        batch.add(message("x", "alice", "boom"));
        bot.bot().pipeline().accept(batch);   // one batch: one group, rolled back and run again for "boom"
        bot.settle();
        assertEquals(List.of("flood"), bot.db().query("SELECT rule FROM moderation_cases WHERE target_id = 'bob'", rs -> rs.getString(1)),
                "the flood's case is stored once");
        assertEquals(List.of("bob"), tech.muted(), "and bob is muted");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM dead_letter WHERE feature = 'broken'"));
    }

    /** Messages of a group that runs again are counted once by the flood window: five of eight allowed stay five. */
    @Test void messagesOfAGroupThatRunsAgainAreCountedOnceByTheFloodWindow() {
        tech.post("alice", "早上好");
        List<Event> batch = new ArrayList<>();
        for (int i = 1; i <= 5; i++) batch.add(message("q" + i, "bob", "message " + i));
        batch.add(message("x", "alice", "boom"));
        bot.bot().pipeline().accept(batch);
        bot.settle();
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM moderation_cases WHERE target_id = 'bob'"), "five messages are no flood, however often they are run");
        assertEquals(List.of(), tech.muted());
        List<Event> more = new ArrayList<>();
        for (int i = 6; i <= 8; i++) more.add(message("q" + i, "bob", "message " + i));
        bot.bot().pipeline().accept(more);
        bot.settle();
        assertEquals(List.of("flood"), bot.db().query("SELECT rule FROM moderation_cases WHERE target_id = 'bob'", rs -> rs.getString(1)),
                "the eighth message within the window is");
    }

    @Test void aDeletionExplainedInAGroupThatRunsAgainIsExplainedOnce() {
        tech.post("alice", "早上好");
        bot.bot().pipeline().accept(List.of(message("l1", "bob", "看这个 http://evil.example.com/x"), message("x", "alice", "boom")));
        bot.settle();
        bot.step(java.time.Duration.ofSeconds(1));   // the outbox sends what the group stored
        assertEquals(List.of("bob，本群只能发这些网站的链接：github.com、gitee.com。你的消息已删除。"),
                tech.botSaid().stream().map(e -> e.text()).toList(), "the notice rolled back with the first run is given by the second");
    }

    @Test void joinsOfAGroupThatRunsAgainAreCountedOnceByTheRaidWatch() {
        try (TestBot raidBot = ModerationBots.moderation(List.of(), BROKEN).yaml(RaidNightVoteTest.GROUPS).build()) {
            raidBot.group("tech").post("alice", "早上好");
            List<Event> batch = new ArrayList<>();
            for (String m : List.of("dave", "erin")) {
                batch.add(new Event.MemberJoined(EventKey.of(chat, "join-" + m), chat, raidBot.clock().instant(), "host", MemberRef.of(m, m), null));
            }
            batch.add(new Event.MessagePosted(EventKey.of(chat, "x"), chat, raidBot.clock().instant(), "host", MemberRef.of("alice", "alice"), "x",
                    "boom", null, null, false, false, false));
            raidBot.bot().pipeline().accept(batch);
            raidBot.settle();
            assertEquals(0, raidBot.db().count("SELECT COUNT(*) FROM moderation_cases WHERE rule = 'raid'"), "two joins are not a raid, however often they are run");
            assertEquals(0, raidBot.db().count("SELECT COUNT(*) FROM moderation_raid"));
            raidBot.bot().pipeline().accept(List.of(
                    new Event.MemberJoined(EventKey.of(chat, "join-frank"), chat, raidBot.clock().instant(), "host", MemberRef.of("frank", "frank"), null),
                    new Event.MemberJoined(EventKey.of(chat, "join-gina"), chat, raidBot.clock().instant(), "host", MemberRef.of("gina", "gina"), null)));
            raidBot.settle();
            assertEquals(1, raidBot.db().count("SELECT COUNT(*) FROM moderation_raid"), "the fourth join within the window is: the raid watch still counts");
        }
    }

    /** The burst inside a group that runs again: the raid opens at the same join as in the first run, not at the group's first. */
    @Test void aRaidThatOpensInAGroupThatRunsAgainOpensAtTheSameJoin() {
        try (TestBot raidBot = ModerationBots.moderation(List.of(), BROKEN).yaml(RaidNightVoteTest.GROUPS).build()) {
            raidBot.group("tech").post("alice", "早上好");
            List<Event> batch = new ArrayList<>();
            for (String m : List.of("dave", "erin", "frank", "gina")) {
                batch.add(new Event.MemberJoined(EventKey.of(chat, "join-" + m), chat, raidBot.clock().instant(), "host", MemberRef.of(m, m), null));
            }
            batch.add(ModerationBots.message(raidBot, chat, "x", "alice", "boom"));
            raidBot.bot().pipeline().accept(batch);
            raidBot.settle();
            assertEquals(List.of("gina"), raidBot.db().query("SELECT target_id FROM moderation_cases WHERE rule = 'raid'", rs -> rs.getString(1)),
                    "only the fourth join (joins: 3) comes in raid mode");
        }
    }
}
