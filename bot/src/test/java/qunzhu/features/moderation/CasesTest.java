package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.store.Database;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** Case files, undo with the allowlist effect, evasion by rejoining, timed punishments across a restart. */
class CasesTest {
    static List<String> system(FakeGroup g) {
        return g.newEntries().stream().filter(e -> e.kind().equals("system")).map(SandboxHub.Entry::text).toList();
    }

    @Test void automaticCaseIsFiledShownAndPostedToTheLogChat() {
        try (TestBot bot = ModerationBots.techAndFamily().build()) {
            FakeGroup tech = bot.group("tech");
            tech.post("bob", "加微信 领资料");
            var shown = tech.shouldReply("mia", "/case 1", "案件 #1（技术交流群）").text();
            FakeGroup.assertContains(shown, "执行：自动过滤");
            FakeGroup.assertContains(shown, "原文：加微信 领资料");
            FakeGroup.assertContains(shown, "规则：ads");
            assertTrue(bot.hub().transcript("ops", 0).toString().contains("案件 #1（技术交流群）"), "the case goes to the operators' log chat");
            tech.shouldReply("alice", "/case 1", "只有管理员");
            tech.shouldReply("mia", "/case 9", "没有案件 #9");
        }
    }

    @Test void undoingAnAutomaticWarningRemovesItAndAllowlistsTheText() {
        try (TestBot bot = ModerationBots.techAndFamily().build()) {
            FakeGroup tech = bot.group("tech");
            String first = tech.post("bob", "加微信 领资料");
            assertTrue(tech.message(first).deleted());
            var said = tech.shouldReply("mia", "/undo 1", "已撤销案件 #1").text();
            FakeGroup.assertContains(said, "白名单");
            assertEquals(0, bot.db().count("SELECT COUNT(*) FROM moderation_warns WHERE removed = 0"));
            String again = tech.post("alice", "加\u200b微信 领资料");
            assertFalse(tech.message(again).deleted(), "the same normalised text is not acted on again");
            String other = tech.post("alice", "加微信 别的东西");
            assertTrue(tech.message(other).deleted(), "other ads still are");
            tech.shouldReply("mia", "/undo 1", "已经撤销过了");
        }
    }

    @Test void undoingAFloodMuteAllowlistsTheRuleForThatMember() {
        try (TestBot bot = ModerationBots.techAndFamily().build()) {
            FakeGroup tech = bot.group("tech");
            for (int i = 0; i < 8; i++) tech.post("bob", "msg " + i);
            assertEquals(List.of("bob"), tech.muted());
            tech.shouldReply("mia", "/undo 1", "bob 加入规则「flood」的白名单");
            assertEquals(List.of(), tech.muted());
            for (int i = 0; i < 10; i++) tech.post("bob", "more " + i);
            assertEquals(List.of(), tech.muted());
        }
    }

    @Test void undoingAManualMuteUnmutes() {
        try (TestBot bot = ModerationBots.techAndFamily().build()) {
            FakeGroup tech = bot.group("tech");
            tech.post("mia", "/mute bob 1h 测试");
            assertEquals(List.of("bob"), tech.muted());
            tech.post("mia", "/undo 1");
            assertEquals(List.of(), tech.muted());
            assertEquals(0, bot.db().count("SELECT COUNT(*) FROM moderation_punishments WHERE active = 1"));
        }
    }

    @Test void anActiveMuteIsAppliedAgainWhenTheMemberRejoins() {
        try (TestBot bot = ModerationBots.techAndFamily().build()) {
            FakeGroup tech = bot.group("tech");
            tech.post("mia", "/mute bob 1h 测试");
            tech.leave("bob");
            bot.advance(Duration.ofMinutes(30));
            tech.newEntries();
            tech.join("bob");
            assertTrue(system(tech).stream().anyMatch(s -> s.startsWith("🔇 bob 被 小管家 禁言 30 分钟（至 11:00）")), "the rest of the mute is applied again");
        }
    }

    @Test void anExpiredTemporaryBanNeverLiftsALaterPermanentOne() {
        try (TestBot bot = ModerationBots.techAndFamily().build()) {
            FakeGroup tech = bot.group("tech");
            tech.post("mia", "/ban bob 1h 第一次");
            tech.post("mia", "/ban bob 再犯");
            tech.newEntries();
            bot.advance(Duration.ofHours(2));
            assertFalse(system(tech).stream().anyMatch(s -> s.contains("bob unbanned")));
            assertEquals(1, bot.db().count("SELECT COUNT(*) FROM moderation_punishments WHERE active = 1 AND until_ms IS NULL"));
        }
    }

    @Test void timedMuteEndsAfterARestart() throws Exception {
        Path file = Files.createTempDirectory("qunzhu-mod").resolve("bot.db");
        MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
        try (TestBot bot = ModerationBots.techAndFamily().database(Database.open(file, false)).clock(clock).build()) {
            bot.group("tech").post("mia", "/mute bob 1h 测试");
            assertEquals(List.of("bob"), bot.group("tech").muted());
        }
        try (TestBot bot = ModerationBots.techAndFamily().database(Database.open(file, false)).clock(clock).build()) {
            FakeGroup tech = bot.group("tech");
            bot.advance(Duration.ofHours(2));
            assertTrue(system(tech).stream().anyMatch(s -> s.startsWith("🔈 bob") && s.contains("解除禁言")), "the persisted job lifts the mute after the restart");
            assertEquals(0, bot.db().count("SELECT COUNT(*) FROM moderation_punishments WHERE active = 1"));
        }
    }
}
