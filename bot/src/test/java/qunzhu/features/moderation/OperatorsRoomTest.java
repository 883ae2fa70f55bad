package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** Every case reaches the operators' log chat (sandbox:ops) once, by the moderator persona; repeated automatic ones as one card. */
class OperatorsRoomTest {
    static final String MODERATOR = "小管家";

    static List<SandboxHub.Entry> cards(FakeGroup ops) { return ops.newEntries().stream().filter(e -> e.kind().equals("bot")).toList(); }

    @Test void aPurgeReachesTheLogChatOnceByTheModerator() {
        try (TestBot bot = ModerationBots.techAndFamily().build()) {
            FakeGroup tech = bot.group("tech");
            FakeGroup ops = bot.group("ops");
            List<String> posted = List.of(tech.post("bob", "一"), tech.post("bob", "二"), tech.post("bob", "三"));
            ops.newEntries();
            tech.post("mia", "/purge 3");
            for (String id : posted) assertTrue(tech.message(id).deleted(), id + " deleted");
            List<SandboxHub.Entry> cards = cards(ops);
            assertEquals(1, cards.size(), "one card: " + cards);
            FakeGroup.assertContains(cards.get(0).text(), "🧹 已清理 3 条消息。");
            assertEquals(MODERATOR, cards.get(0).authorName(), "case cards come from the moderator persona");
        }
    }

    @Test void aGbanFilesACaseInEveryGroupAndEachReachesTheLogChat() {
        try (TestBot bot = ModerationBots.techAndFamily().build()) {
            FakeGroup tech = bot.group("tech");
            FakeGroup ops = bot.group("ops");
            ops.newEntries();
            tech.post("olivia", "/gban bob 骗子");
            List<SandboxHub.Entry> cards = cards(ops);
            assertEquals(1, cards.stream().filter(e -> e.text().contains("技术交流群")).count(), "tech's case: " + cards);
            assertEquals(1, cards.stream().filter(e -> e.text().contains("Family & Friends") && e.text().contains("gban: 骗子")).count(),
                    "family's case: " + cards);
            assertTrue(cards.stream().allMatch(e -> e.authorName().equals(MODERATOR)), "by the moderator: " + cards);
            assertEquals(1L, bot.db().count("SELECT COUNT(*) FROM moderation_cases WHERE chat_id = 'family' AND action = 'ban' AND actor_id = 'olivia'"));
        }
    }

    @Test void raidKicksReachTheLogChatAsOneCard() {
        try (TestBot bot = ModerationBots.moderation().yaml(RaidNightVoteTest.GROUPS).build()) {
            FakeGroup tech = bot.group("tech");
            FakeGroup ops = bot.group("ops");
            for (String m : List.of("dave", "erin", "frank", "gina", "hank")) tech.join(m);
            ops.newEntries();
            bot.advance(Enforcer.DIGEST_EVERY);
            List<SandboxHub.Entry> cards = cards(ops);
            assertEquals(1, cards.size(), "one card for the raid's kicks: " + cards);
            FakeGroup.assertContains(cards.get(0).text(), "防突袭模式");
            FakeGroup.assertContains(cards.get(0).text(), "共踢出 2 次");
        }
    }

    @Test void nightModeDeletionsAreOneCardNotOnePerMessage() {
        try (TestBot bot = ModerationBots.moderation().yaml(RaidNightVoteTest.GROUPS).build()) {
            FakeGroup tech = bot.group("tech");
            FakeGroup ops = bot.group("ops");
            bot.advance(Duration.ofHours(13)); // 23:00
            ops.newEntries();
            for (int i = 1; i <= 4; i++) {
                tech.post("alice", "还没睡 " + i);
                bot.advance(Duration.ofSeconds(15));
            }
            assertEquals(List.of(), cards(ops), "no card per deleted message");
            bot.advance(Enforcer.DIGEST_EVERY);
            List<SandboxHub.Entry> cards = cards(ops);
            assertEquals(1, cards.size(), "one card: " + cards);
            FakeGroup.assertContains(cards.get(0).text(), "夜间模式");
            FakeGroup.assertContains(cards.get(0).text(), "共删除 4 条消息");
            FakeGroup.assertContains(cards.get(0).text(), "23:00–23:00");
        }
    }
}
