package qunzhu.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/**
 * The shipped config/ with every feature, in process: a newcomer is verified, then welcomed
 * (verification → member admitted → welcome), reads the rules and a spammer's link is caught.
 * Features' own tests run them alone ({@link TestBot#with}); this one checks they work together.
 */
class ShippedConfigSmokeTest {
    @Test void aNewcomerIsVerifiedWelcomedAndReadsTheRules() {
        try (TestBot bot = TestBot.shipped()) {
            FakeGroup tech = bot.group("tech");
            tech.join("dave");
            assertEquals(1, tech.botSaid().size(), "only the verification prompt, no welcome yet");
            tech.pressButton("dave", "verify:dave");
            List<SandboxHub.Entry> said = tech.botSaid();
            assertEquals(1, said.size(), "one welcome after the prompt went");
            FakeGroup.assertContains(said.get(0).text(), "欢迎 dave 加入「技术交流群」");
            tech.shouldReply("dave", "/rules", "禁止广告、拉群、加微信");
            bot.group("family").shouldReply("alice", "规则", "1. Be kind.");
        }
    }
}
