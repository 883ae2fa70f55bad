package qunzhu.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.features.moderation.ModerationFeature;
import qunzhu.features.verify.VerifyFeature;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/**
 * Times and durations that reach people (moderation notices, verification prompts, the
 * sandbox's own lines) are words in the group's locale and the bot's zone (Asia/Shanghai;
 * the test clock starts at 10:00 there). Moderation and verification (before the router, as
 * shipped) on the shipped tech (zh-CN) and family (en) groups.
 */
class TimesShownTest {
    /** Host and warden (the moderator persona, 小管家, named in the sandbox's mute lines), as shipped. */
    static final String ACCOUNTS = TestBot.HOST_AND_WARDEN;

    static final String TECH = """
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                category: interest
                stage: growing
                strategy: layered
                newcomers: {verify: button, verify_within: 5m}
            """;

    static final String FAMILY = """
              family:
                chat: sandbox:family
                title: Family & Friends
                locale: en
                category: core_members
                stage: mature
                strategy: self_governed
            """;

    /** Moderation and verification alone on tech and {@code family} (the family group's YAML). */
    static TestBot bot(String family) {
        return TestBot.with(List.of(new ModerationFeature(), new VerifyFeature())).file("accounts.yml", ACCOUNTS).yaml(TECH + family).build();
    }

    static List<String> system(FakeGroup g) {
        return g.newEntries().stream().filter(e -> e.kind().equals("system")).map(SandboxHub.Entry::text).toList();
    }

    @Test void aMuteNoticeSaysHowLongInWordsAndUntilWhenInTheBotsZone() {
        try (TestBot bot = bot(FAMILY)) {
            FakeGroup tech = bot.group("tech");
            tech.post("mia", "/mute bob 10m 刷屏");
            List<SandboxHub.Entry> said = tech.botSaid();
            FakeGroup.assertContains(said.get(0).text(), "bob 被禁言 10 分钟（至 10:10）");
            FakeGroup bobs = bot.group("family");
            bobs.post("mia", "/mute alice 1d spam");
            FakeGroup.assertContains(bobs.botSaid().get(0).text(), "alice is muted for 1 day (until tomorrow 10:00)");
        }
    }

    @Test void theSandboxsOwnLinesAreInTheGroupsLanguageWithTimesOfDay() {
        try (TestBot bot = bot(FAMILY)) {
            FakeGroup tech = bot.group("tech");
            tech.newEntries();
            tech.post("mia", "/mute bob 10m 刷屏");
            assertEquals(List.of("🔇 bob 被 小管家 禁言 10 分钟（至 10:10） (#1 刷屏)"), system(tech));
            SandboxHub.Refused r = assertThrows(SandboxHub.Refused.class, () -> tech.post("bob", "hi"));
            assertEquals("bob 已被禁言，10:10 后才能发言", r.getMessage());
            FakeGroup family = bot.group("family");
            family.post("mia", "/mute bob 10m spam");
            r = assertThrows(SandboxHub.Refused.class, () -> family.post("bob", "hi"));
            assertEquals("bob is muted until 10:10", r.getMessage());
        }
    }

    @Test void aVerificationMuteWithoutAnEndIsNotShownAsTheEndOfTime() {
        try (TestBot bot = bot(FAMILY)) {
            FakeGroup tech = bot.group("tech");
            tech.join("dave");
            SandboxHub.Refused r = assertThrows(SandboxHub.Refused.class, () -> tech.post("dave", "hi"));
            assertEquals("dave 已被禁言，解除前不能发言", r.getMessage());
            assertFalse(system(tech).stream().anyMatch(s -> s.contains("+1000000000")));
        }
    }

    @Test void aFewSecondsToVerifyAreShownAsSecondsNotAsOneMinute() {
        try (TestBot bot = bot(FAMILY + "    newcomers: {verify_within: 4s}\n")) {
            FakeGroup family = bot.group("family");
            family.join("dave");
            String prompt = family.botSaid().get(0).text();
            FakeGroup.assertContains(prompt, "within 4 seconds");
        }
    }
}
