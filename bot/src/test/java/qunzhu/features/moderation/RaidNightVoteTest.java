package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.features.welcome.WelcomeFeature;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** Anti-raid, night mode and self-governed vote-mute. */
class RaidNightVoteTest {
    static final String GROUPS = """
            groups:
              tech:
                chat: sandbox:tech
                moderation:
                  raid: {joins: 3, window: 60s, length: 10m}
                  night: {from: "23:00", to: "07:00"}
              family:
                chat: sandbox:family
                locale: en
                strategy: self_governed
            """;

    /** Moderation before the router and the welcome after it: a newcomer raid mode stops is not welcomed. */
    static TestBot.Builder bot() { return ModerationBots.moderation(List.of(), new WelcomeFeature()).yaml(GROUPS); }

    static long count(List<SandboxHub.Entry> entries, String needle) {
        return entries.stream().filter(e -> e.text().contains(needle)).count();
    }

    @Test void joinsBeyondTheThresholdSwitchOnRaidModeUntilTurnedOff() {
        try (TestBot bot = bot().build()) {
            FakeGroup tech = bot.group("tech");
            tech.newEntries();
            for (String m : List.of("dave", "erin", "frank")) tech.join(m);
            assertTrue(tech.members().containsAll(List.of("dave", "erin", "frank")));
            tech.join("gina");
            tech.join("hank");
            assertFalse(tech.members().contains("gina"));
            assertFalse(tech.members().contains("hank"));
            List<SandboxHub.Entry> seen = tech.newEntries();
            assertEquals(1, count(seen, "防突袭模式 10 分钟"), "moderators are alerted once");
            assertEquals(1, count(seen, "@mia"));
            assertEquals(1, count(seen, "欢迎 frank"));
            assertEquals(0, count(seen, "欢迎 gina"), "a newcomer stopped by raid mode is not welcomed");
            assertEquals(2, bot.db().count("SELECT COUNT(*) FROM moderation_cases WHERE rule = 'raid' AND action = 'kick'"));
            tech.shouldReply("mia", "/antiraid off", "防突袭模式已关闭");
            tech.join("ivan");
            assertTrue(tech.members().contains("ivan"));
            tech.shouldReply("mia", "/antiraid 5m", "已开启防突袭模式 5 分钟");
            tech.join("judy");
            assertFalse(tech.members().contains("judy"));
            bot.advance(Duration.ofMinutes(6));
            tech.join("kate");
            assertTrue(tech.members().contains("kate"), "raid mode ends by itself");
        }
    }

    @Test void nightModeLocksAndUnlocksWithNotices() {
        try (TestBot bot = bot().build()) {
            FakeGroup tech = bot.group("tech");
            String day = tech.post("alice", "白天好");
            bot.advance(Duration.ofHours(13)); // 23:00
            FakeGroup.assertContains(tech.botSaid().get(0).text(), "夜间模式开始");
            String night = tech.post("alice", "还没睡");
            String mod = tech.post("mia", "大家早点休息");
            assertFalse(tech.message(day).deleted());
            assertTrue(tech.message(night).deleted());
            assertFalse(tech.message(mod).deleted(), "moderators are exempt");
            FakeGroup.assertContains(tech.botSaid().get(0).text(), "alice，现在是夜间模式（23:00–07:00）");
            bot.advance(Duration.ofHours(8)); // 07:00
            FakeGroup.assertContains(tech.botSaid().get(0).text(), "夜间模式结束");
            assertFalse(tech.message(tech.post("alice", "早")).deleted());
        }
    }

    @Test void voteMuteNeedsAQuorumOfDistinctMembers() {
        try (TestBot bot = bot().build()) {
            FakeGroup family = bot.group("family");
            String spam = family.post("bob", "buy buy buy");
            family.newEntries();
            family.reply("alice", spam, "/votemute");
            FakeGroup.assertContains(family.botSaid().get(0).text(), "(1/3)");
            family.reply("alice", spam, "/votemute");
            FakeGroup.assertContains(family.botSaid().get(0).text(), "(1/3)");
            family.reply("bob", spam, "/votemute");
            FakeGroup.assertContains(family.botSaid().get(0).text(), "cannot vote to mute yourself");
            family.reply("carol", spam, "/votemute");
            FakeGroup.assertContains(family.botSaid().get(0).text(), "(2/3)");
            assertEquals(List.of(), family.muted());
            family.reply("olivia", spam, "/votemute");
            assertEquals(List.of("bob"), family.muted());
            FakeGroup.assertContains(family.botSaid().get(0).text(), "bob is muted for 1 hour (until 11:00)");
            String modMsg = family.post("mia", "hello");
            family.newEntries();
            family.reply("alice", modMsg, "/votemute");
            FakeGroup.assertContains(family.botSaid().get(0).text(), "mia is a moderator");
        }
    }

    @Test void voteMuteIsOffOutsideSelfGovernedGroups() {
        try (TestBot bot = bot().build()) {
            FakeGroup tech = bot.group("tech");
            String msg = tech.post("bob", "hi");
            tech.newEntries();
            tech.reply("alice", msg, "/votemute");
            FakeGroup.assertContains(tech.botSaid().get(0).text(), "没有开启投票禁言");
        }
    }
}
