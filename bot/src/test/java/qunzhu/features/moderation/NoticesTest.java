package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** A member whose message a rule deleted learns why, once per rule in a while, in a notice that goes away. */
class NoticesTest {
    static List<String> said(FakeGroup g) { return g.botSaid().stream().map(SandboxHub.Entry::text).toList(); }

    @Test void aDeletedLinkIsExplainedOncePerRuleWithinFiveMinutes() {
        try (TestBot bot = ModerationBots.techAndFamily().build()) {
            FakeGroup tech = bot.group("tech");
            String link = tech.post("bob", "看这个 http://evil.example.com/x");
            assertTrue(tech.message(link).deleted());
            List<SandboxHub.Entry> notices = tech.botSaid();
            assertEquals(List.of("bob，本群只能发这些网站的链接：github.com、gitee.com。你的消息已删除。"),
                    notices.stream().map(SandboxHub.Entry::text).toList());
            for (int i = 0; i < 5; i++) tech.post("bob", "再看 http://evil.example.com/" + i);
            assertEquals(List.of(), said(tech), "a spammer cannot make the bot spam");
            tech.post("bob", "进群 https://t.me/+AbCdEfGh");
            assertEquals(List.of("bob，本群不能发其他群的邀请链接，你的消息已删除。"), said(tech), "another rule is explained on its own");
            bot.advance(Duration.ofMinutes(1));
            assertTrue(tech.message(notices.get(0).id()).deleted(), "the notice deletes itself after a minute");
            bot.advance(Duration.ofMinutes(4));
            tech.post("bob", "http://evil.example.com/again");
            assertEquals(1, said(tech).size(), "five minutes later the rule is explained again");
        }
    }

    @Test void aLockedKindIsExplainedInTheGroupsLanguage() {
        try (TestBot bot = ModerationBots.techAndFamily().build()) {
            FakeGroup family = bot.group("family");
            family.post("mia", "/lock links");
            family.newEntries();
            String id = family.post("bob", "see https://example.com/pics");
            assertTrue(family.message(id).deleted());
            assertEquals(List.of("bob, links are locked in this group for now, so I removed your message."), said(family));
        }
    }

    @Test void nightModeDeletionsSayWhenTheNightEnds() {
        try (TestBot bot = ModerationBots.moderation().yaml("""
                groups:
                  family:
                    chat: sandbox:family
                    locale: en
                    strategy: self_governed
                    moderation:
                      night: {from: "23:00", to: "07:00"}
                """).build()) {
            FakeGroup family = bot.group("family");
            bot.advance(Duration.ofHours(13)); // 23:00
            family.post("alice", "still up?");
            // the lock announcement may arrive before or after; the member's notice is what counts here
            List<String> notices = said(family).stream().filter(t -> t.startsWith("alice,")).toList();
            assertEquals(List.of("alice, it is night mode (23:00–07:00): members' messages are removed until 07:00."), notices);
        }
    }

    @Test void adsAndAdWavesAreNotExplained() {
        try (TestBot bot = ModerationBots.techAndFamily().build()) {
            FakeGroup family = bot.group("family");
            String ad = family.post("bob", "加微信 领资料");
            assertTrue(family.message(ad).deleted());
            assertEquals(List.of(), said(family), "explaining would only teach a spammer");
            assertFalse(family.members().isEmpty());
        }
    }
}
