package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** Moderator commands with allowed and refused callers, with the moderation feature alone on the shipped tech group (layered, zh-CN). */
class CommandsTest {
    final TestBot bot = ModerationBots.techAndFamily().build();
    final FakeGroup tech = bot.group("tech");

    @AfterEach void stop() { bot.close(); }

    @SuppressWarnings("unchecked")
    List<String> banned() { return (List<String>) tech.transcript().get("banned"); }

    List<String> system() {
        return tech.newEntries().stream().filter(e -> e.kind().equals("system")).map(SandboxHub.Entry::text).toList();
    }

    @Test void muteByReplyWithDurationAndReasonThenItRunsOut() {
        String msg = tech.post("bob", "hi all");
        tech.newEntries();
        tech.reply("mia", msg, "/mute 10m 刷屏");
        assertEquals(List.of("bob"), tech.muted());
        var c = bot.db().queryOne("SELECT actor_id || '|' || target_id || '|' || action || '|' || reason || '|' || length_ms FROM moderation_cases",
                rs -> rs.getString(1));
        assertEquals("mia|bob|mute|刷屏|600000", c);
        tech.newEntries();
        bot.advance(Duration.ofMinutes(11));
        assertTrue(system().stream().anyMatch(s -> s.startsWith("🔈 bob") && s.contains("解除禁言")), "a persisted job lifts the mute when it ends");
    }

    @Test void muteByNameArgumentWithoutReasonSaysNoReasonGiven() {
        tech.post("bob", "hello");
        var said = tech.shouldReply("mia", "/mute @bob", "bob 被禁言 永久");
        FakeGroup.assertContains(said.text(), "未说明原因");
    }

    @Test void aDurationIsNotMistakenForAMember() {
        tech.shouldReply("mia", "/mute 10m", "请回复对方的消息");
    }

    @Test void membersCannotMute() {
        tech.shouldReply("alice", "/mute bob 10m", "只有管理员可以在这里使用 /mute");
        assertEquals(List.of(), tech.muted());
    }

    @Test void moderatorWithoutThePlatformRightIsRefusedByName() {
        bot.hub().setRights("tech", "mia", Set.of("delete"));
        bot.bot().services().roles().invalidate(new qunzhu.core.ChatRef("sandbox", "tech"));
        tech.shouldReply("mia", "/mute bob 10m", "没有「限制成员」权限");
        tech.shouldReply("mia", "/ban bob 广告", "没有「封禁成员」权限");
        assertEquals(List.of(), tech.muted());
        String msg = tech.post("bob", "junk");
        tech.reply("mia", msg, "/del");
        assertTrue(tech.message(msg).deleted(), "the delete right is enough for /del");
    }

    @Test void staffOwnerAndOurAccountsAreNeverTargets() {
        tech.shouldReply("olivia", "/mute mia 10m", "mia 是管理员或运营");
        tech.shouldReply("mia", "/ban olivia 测试", "olivia 是管理员或运营");
        tech.shouldReply("mia", "/kick bot-host 测试", "我不会对自己的机器人账号这样做");
        tech.shouldReply("mia", "/warn mia", "不能对自己这样做");
        assertEquals(List.of(), tech.muted());
    }

    @Test void unsupportedMuteIsReportedInPlainWords() {
        bot.hub().unsupported("mute");
        tech.post("bob", "hello");
        tech.newEntries();
        tech.post("mia", "/mute bob 10m");
        var texts = tech.botSaid().stream().map(SandboxHub.Entry::text).toList();
        assertTrue(texts.stream().anyMatch(t -> t.contains("我无法在这里执行「禁言」") || t.contains("不支持这个操作")), texts.toString());
    }

    @Test void kickNeedsAReason() {
        tech.shouldReply("mia", "/kick bob", "请写明原因");
        assertTrue(tech.members().contains("bob"));
        tech.post("mia", "/kick bob 发广告");
        assertFalse(tech.members().contains("bob"));
    }

    @Test void banForADayThenUnban() {
        tech.post("mia", "/ban bob 1d 发广告");
        assertEquals(List.of("bob"), banned());
        tech.shouldReply("mia", "/unban bob", "已解除 bob 的封禁");
        assertEquals(List.of(), banned());
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM moderation_punishments WHERE active = 1"));
    }

    @Test void delAndPurge() {
        String a = tech.post("bob", "one");
        String b = tech.post("alice", "two");
        String c = tech.post("carol", "three");
        tech.reply("mia", c, "/del");
        assertTrue(tech.message(c).deleted());
        assertFalse(tech.message(b).deleted());
        tech.post("mia", "/purge 4"); // the /del command, three, two, one
        assertTrue(tech.message(a).deleted());
        assertTrue(tech.message(b).deleted());
        tech.shouldReply("alice", "/purge 2", "只有管理员");
    }

    @Test void warningsEscalateToMuteAtThreeAndKickAtFive() {
        tech.post("bob", "hello");
        for (int i = 1; i <= 2; i++) tech.post("mia", "/warn bob 跑题");
        assertEquals(List.of(), tech.muted());
        tech.newEntries();
        tech.post("mia", "/warn bob 跑题");
        assertEquals(List.of("bob"), tech.muted(), "3 warnings mute for 1 day");
        tech.post("mia", "/warn bob 跑题");
        tech.post("mia", "/warn bob 跑题");
        assertFalse(tech.members().contains("bob"), "5 warnings remove the member");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM moderation_cases WHERE rule = 'warnings' AND action = 'kick'"));
    }

    @Test void warningsExpireAfterThirtyDays() {
        tech.post("mia", "/warn bob 一");
        tech.post("mia", "/warn bob 二");
        bot.advance(Duration.ofDays(31));
        tech.shouldReply("bob", "/warns", "bob 目前没有有效的警告");
        tech.post("mia", "/warn bob 三");
        assertEquals(List.of(), tech.muted(), "expired warnings do not count toward the threshold");
    }

    @Test void warnsUnwarnAndResetwarns() {
        tech.post("mia", "/warn bob 一");
        tech.post("mia", "/warn bob 二");
        tech.shouldReply("alice", "/warns bob", "bob 有 2 次有效警告");
        tech.shouldReply("mia", "/unwarn bob", "还剩 1 次");
        tech.shouldReply("mia", "/resetwarns bob", "已清空 bob 的全部警告");
        tech.shouldReply("bob", "/warns", "没有有效的警告");
    }

    @Test void trustedMemberMayWarnInALayeredGroupButOthersMayNot() {
        tech.shouldReply("carol", "/warn bob 刷屏", "bob 被警告");
        tech.shouldReply("alice", "/warn bob 刷屏", "只有管理员（分层管理的群里还有受信成员）可以警告");
    }

    @Test void reportMentionsModeratorsAndIsLogged() {
        String msg = tech.post("bob", "可疑内容");
        var said = tech.reply("alice", msg, "/report");
        var reply = tech.botSaid().get(0).text();
        FakeGroup.assertContains(reply, "@mia");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM moderation_reports WHERE reporter_id = 'alice' AND target_id = 'bob' AND text = '可疑内容'"));
        var ops = bot.group("ops");
        assertTrue(bot.hub().transcript("ops", 0).toString().contains("alice 举报了 bob"));
    }

    @Test void filterAddListRemoveInChat() {
        tech.shouldReply("mia", "/filter add promo mute 优惠码", "已添加过滤规则「promo」");
        String id = tech.post("bob", "我有优惠码哦");
        assertTrue(tech.message(id).deleted());
        assertEquals(List.of("bob"), tech.muted());
        FakeGroup.assertContains(tech.shouldReply("mia", "/filter list", "本群的过滤规则").text(), "crypto-scam");
        tech.shouldReply("mia", "/filter remove promo", "已删除");
        String again = tech.post("alice", "优惠码");
        assertFalse(tech.message(again).deleted());
    }

    @Test void lockAndUnlockLinks() {
        tech.shouldReply("mia", "/lock links", "已锁定：links");
        String id = tech.post("carol", "https://github.com/x");
        assertTrue(tech.message(id).deleted(), "a lock holds even for trusted members and allowlisted sites");
        tech.shouldReply("mia", "/unlock links", "已解除锁定");
        assertFalse(tech.message(tech.post("carol", "https://github.com/y")).deleted());
    }
}
