package qunzhu.features.welcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/**
 * The welcome feature alone (with the command router): no verification runs, so a join admits
 * the member and the welcome follows at once. (Welcome after a passed verification: VerificationTest.)
 */
class WelcomeFeatureTest {
    final TestBot bot = TestBot.with(new WelcomeFeature()).yaml("""
            profiles:
              interest:
                category: interest
                welcome:
                  text: "欢迎 {name} 加入「{group}」！这里聊技术、聊工具，也聊生活。{rules_hint}"
                  delete_after: 10m
            groups:
              tech: {chat: sandbox:tech, title: 技术交流群, profile: interest}
              family:
                chat: sandbox:family
                title: Family & Friends
                locale: en
                category: core_members
                welcome:
                  text: "Welcome, {name}! Say hi to everyone in {group}. {rules_hint}"
            """).build();

    @AfterEach void stop() { bot.close(); }

    @Test void admittedMemberGetsTheProfileWelcomeWithNameGroupAndRulesHint() {
        FakeGroup tech = bot.group("tech");
        tech.join("dave");
        List<SandboxHub.Entry> said = tech.botSaid();
        assertEquals(1, said.size(), "one welcome");
        assertEquals("欢迎 dave 加入「技术交流群」！这里聊技术、聊工具，也聊生活。发送 /rules 查看群规。", said.get(0).text());
        assertEquals("小群", said.get(0).authorName());
    }

    @Test void groupOwnTemplateInEnglish() {
        FakeGroup family = bot.group("family");
        family.join("erin");
        List<SandboxHub.Entry> said = family.botSaid();
        assertEquals("Welcome, erin! Say hi to everyone in Family & Friends. Send /rules to read the rules.",
                said.get(said.size() - 1).text());
    }

    @Test void welcomeIsDeletedAfterTheProfilesDelay() {
        FakeGroup tech = bot.group("tech");
        tech.join("dave");
        List<SandboxHub.Entry> said = tech.botSaid();
        SandboxHub.Entry welcome = said.get(said.size() - 1);
        FakeGroup.assertContains(welcome.text(), "这里聊技术");
        bot.advance(Duration.ofMinutes(9));
        assertFalse(tech.message(welcome.id()).deleted(), "still there after 9 minutes");
        bot.advance(Duration.ofMinutes(2));
        assertTrue(tech.message(welcome.id()).deleted(), "gone after 10 minutes");
    }

    @Test void leavingAndRejoiningIsRecordedInTheMembershipTable() {
        FakeGroup tech = bot.group("tech");
        tech.join("dave");
        tech.leave("dave");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM chat_members WHERE member_id = 'dave' AND left_ms IS NOT NULL"));
        tech.join("dave");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM chat_members WHERE member_id = 'dave' AND left_ms IS NULL AND joined_ms IS NOT NULL"));
        assertEquals(2, tech.botSaid().stream().filter(e -> e.text().startsWith("欢迎 dave 加入")).count(), "welcomed twice");
    }

    @Test void unconfiguredGroupGetsNoWelcome() {
        FakeGroup ops = bot.group("ops");
        ops.join("dave");
        assertEquals(List.of(), ops.botSaid());
    }
}
