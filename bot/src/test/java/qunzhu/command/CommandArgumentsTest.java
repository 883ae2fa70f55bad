package qunzhu.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import qunzhu.features.announce.AnnounceFeature;
import qunzhu.features.moderation.ModerationFeature;
import qunzhu.features.rules.RulesFeature;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/**
 * The router parses what commands declare: member, duration, number and the rest of the line;
 * it refuses unknown members and the bot itself before any case is made, and /help lists only
 * what the caller may run here. Moderation (before the router, as shipped), with rules and
 * announcements after it so /help has members' and moderators' commands of more than one
 * feature to sort, on the shipped tech (zh-CN, layered) and family (en) groups.
 */
class CommandArgumentsTest {
    /** Host and warden (the moderator persona, 小管家), as shipped: both personas are refused as targets. */
    static final String ACCOUNTS = TestBot.HOST_AND_WARDEN;

    static final String GROUPS = """
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                category: interest
                strategy: layered
                rules:
                  text: "1. 友善交流，对事不对人。"
                moderation:
                  links: {allow: [github.com, gitee.com]}
                  trusted: [sandbox:carol]
              family:
                chat: sandbox:family
                title: Family & Friends
                locale: en
                category: core_members
                stage: mature
                strategy: self_governed
            """;

    final TestBot bot = TestBot.with(List.of(new ModerationFeature()), new RulesFeature(), new AnnounceFeature())
            .file("accounts.yml", ACCOUNTS).yaml(GROUPS).build();
    final FakeGroup tech = bot.group("tech");
    final FakeGroup family = bot.group("family");

    @AfterEach void stop() { bot.close(); }

    private long cases() { return bot.db().count("SELECT COUNT(*) FROM moderation_cases"); }

    private String caseLine() {
        return bot.db().queryOne("SELECT action || '|' || COALESCE(length_ms, 'forever') || '|' || reason FROM moderation_cases ORDER BY at_ms DESC LIMIT 1",
                rs -> rs.getString(1));
    }

    @ParameterizedTest(name = "/mute bob {0} typo is a usage error")
    @ValueSource(strings = {"10mins2", "1天半", "3x", "10minutes5"})
    void aWordThatLooksLikeADurationButIsNotOneIsAUsageError(String length) {
        tech.post("bob", "hello");
        tech.newEntries();
        var said = tech.shouldReply("mia", "/mute bob " + length + " typo", "不是有效的时长");
        FakeGroup.assertContains(said.text(), "用法：/mute");
        assertEquals(List.of(), tech.muted(), "nobody was muted");
        assertEquals(0, cases(), "no case was made");
    }

    @ParameterizedTest(name = "/mute bob {0} typo mutes for {1} ms")
    @CsvSource({"10m,600000", "10min,600000", "10分钟,600000", "1h,3600000", "1小时,3600000", "1d,86400000", "1天,86400000",
            "2w,1209600000", "1h30m,5400000"})
    void durationsAreReadInEveryUsualSpelling(String length, long millis) {
        tech.post("bob", "hello");
        tech.shouldReply("mia", "/mute bob " + length + " typo", "bob 被禁言");
        assertEquals(List.of("bob"), tech.muted());
        assertEquals("mute|" + millis + "|typo", caseLine(), "the length is the duration and the reason is what follows it");
    }

    @Test void withoutADurationTheMuteIsPermanentAndTheReasonIsKept() {
        tech.post("bob", "hello");
        tech.shouldReply("mia", "/mute bob typo here", "永久");
        assertEquals("mute|forever|typo here", caseLine());
    }

    @Test void anUnknownMemberIsNamedAndNothingHappens() {
        tech.shouldReply("mia", "/kick nobodyhere spam", "这里没有叫 nobodyhere 的成员");
        family.shouldReply("mia", "/ban @nobodyhere 1d spam", "There is no member called nobodyhere here");
        assertEquals(0, cases());
        assertEquals(List.of(), tech.banned());
    }

    @ParameterizedTest(name = "/{0} is refused before any case is made")
    @ValueSource(strings = {"kick 小群 spam", "ban 小管家 广告", "mute @小群 10m", "warn 小群 跑题", "gban 小群 spam"})
    void theBotsPersonasAreNeverTargets(String command) {
        tech.shouldReply("olivia", "/" + command, "我不会对自己的机器人账号这样做");
        assertEquals(0, cases(), "no case was made");
        assertEquals(List.of(), tech.banned());
        assertEquals(List.of(), tech.muted());
    }

    @Test void memberHelpListsOnlyWhatAMemberMayRun() {
        String help = tech.shouldReply("alice", "/help", "你可以使用的命令").text();
        for (String member : List.of("/rules", "/report", "/warns", "/votemute", "/help")) FakeGroup.assertContains(help, member);
        for (String privileged : List.of("/warn ", "/mute", "/kick", "/ban", "/setrules", "/announce", "/gban", "/case"))
            assertFalse(help.contains(privileged), "a member of tech must not see " + privileged + ":\n" + help);
    }

    @Test void moderatorHelpListsEachCommandOnce() {
        String help = tech.shouldReply("mia", "/help", "你可以使用的命令").text();
        FakeGroup.assertContains(help, "/warn ");
        FakeGroup.assertContains(help, "/mute");
        assertFalse(help.contains("/gban"), "operators' commands are not a moderator's:\n" + help);
        for (String line : help.split("\n")) {
            if (!line.startsWith("/")) continue;
            String name = line.split("[ （(—]")[0];
            assertEquals(1, help.lines().filter(l -> l.startsWith(name + " ") || l.startsWith(name + "（") || l.equals(name)).count(),
                    name + " is listed once:\n" + help);
        }
    }

    @Test void aReplyTargetIsTheRepliedAuthorAndTheWordsAreTheReason() {
        String msg = tech.post("bob", "spam spam");
        tech.reply("mia", msg, "/ban 1d 广告 刷屏");
        assertEquals(List.of("bob"), tech.banned());
        assertEquals("ban|86400000|广告 刷屏", caseLine());
    }

    @Test void theBotsOwnRightsAreCheckedWhereThePlatformSaysThem() {
        tech.post("bob", "hello");
        for (String account : List.of("bot-host", "bot-warden")) bot.hub().setRights("tech", account, java.util.Set.of("delete"));
        bot.bot().services().roles().invalidate(new qunzhu.core.ChatRef("sandbox", "tech"));
        bot.settle();
        tech.shouldReply("mia", "/mute bob 10m 刷屏", "没有「限制成员」权限");
        assertEquals(List.of(), tech.muted());
        assertEquals(0, cases(), "no case was made");
        bot.hub().setRights("tech", "bot-warden", java.util.Set.of("delete", "restrict"));
        bot.bot().services().roles().invalidate(new qunzhu.core.ChatRef("sandbox", "tech"));
        bot.settle();
        tech.shouldReply("mia", "/mute bob 10m 刷屏", "bob 被禁言");
        assertEquals(List.of("bob"), tech.muted(), "one account that may is enough");
    }

    @Test void aPurgeCountMustBeANumber() {
        tech.shouldReply("mia", "/purge lots", "用法：/purge");
        assertTrue(tech.botSaid().stream().noneMatch(e -> e.text().contains("已清理")));
    }
}
