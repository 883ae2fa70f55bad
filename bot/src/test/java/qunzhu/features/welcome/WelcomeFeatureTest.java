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

/** The shipped groups verify newcomers first, so each welcome here follows a passed verification. */
class WelcomeFeatureTest {
    final TestBot bot = TestBot.shipped();

    @AfterEach void stop() { bot.close(); }

    @Test void verifiedMemberGetsTheProfileWelcomeWithNameGroupAndRulesHint() {
        FakeGroup tech = bot.group("tech");
        tech.join("dave");
        assertEquals(1, tech.botSaid().size(), "only the verification prompt, no welcome yet");
        tech.pressButton("dave", "verify:dave");
        List<SandboxHub.Entry> said = tech.botSaid();
        assertEquals(1, said.size(), "one welcome");
        assertEquals("欢迎 dave 加入「技术交流群」！这里聊技术、聊工具，也聊生活。发送 /rules 查看群规。", said.get(0).text());
        assertEquals("小群", said.get(0).authorName());
    }

    @Test void groupOwnTemplateInEnglish() {
        FakeGroup family = bot.group("family");
        family.joinVerified("erin");
        List<SandboxHub.Entry> said = family.botSaid();
        assertEquals("Welcome, erin! Say hi to everyone in Family & Friends. Send /rules to read the rules.",
                said.get(said.size() - 1).text());
    }

    @Test void welcomeIsDeletedAfterTheProfilesDelay() {
        FakeGroup tech = bot.group("tech");
        tech.joinVerified("dave");
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
        tech.joinVerified("dave");
        tech.leave("dave");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM chat_members WHERE member_id = 'dave' AND left_ms IS NOT NULL"));
        tech.joinVerified("dave");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM chat_members WHERE member_id = 'dave' AND left_ms IS NULL AND joined_ms IS NOT NULL"));
        assertEquals(2, tech.botSaid().stream().filter(e -> e.text().startsWith("欢迎 dave 加入")).count(), "welcomed twice");
    }

    @Test void unconfiguredGroupGetsNoWelcome() {
        FakeGroup ops = bot.group("ops");
        ops.join("dave");
        assertEquals(List.of(), ops.botSaid());
    }
}
