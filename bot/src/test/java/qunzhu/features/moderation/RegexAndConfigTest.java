package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.config.ConfigException;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

class RegexAndConfigTest {
    @Test @Timeout(5) void aCatastrophicRegexIsStoppedAndTheBotCarriesOn() {
        String groups = """
                groups:
                  tech:
                    chat: sandbox:tech
                    moderation:
                      blocklist:
                        - {name: slow, regex: "(a+)+$", action: ban}
                        - {name: fast, keywords: [forbidden-word], action: delete}
                """;
        try (TestBot bot = ModerationBots.moderation().file("groups.yml", groups).build()) {
            FakeGroup tech = bot.group("tech");
            long start = System.nanoTime();
            String id = tech.post("bob", "a".repeat(40) + "!");
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 2000, "took " + ms + " ms");
            assertFalse(tech.message(id).deleted(), "a regex that gives up counts as no match");
            assertTrue(tech.members().contains("bob"));
            assertTrue(tech.message(tech.post("bob", "forbidden-word")).deleted(), "the pipeline keeps working");
        }
    }

    @Test void theGuardStopsPathologicalInputQuickly() {
        long start = System.nanoTime();
        assertThrows(GuardedText.TooSlow.class, () -> GuardedText.find(Pattern.compile("(a+)+$"), "a".repeat(5000) + "!"));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1000);
        assertTrue(GuardedText.find(Pattern.compile("b+c"), "aaabbbc"));
    }

    @Test void aBadRegexIsAConfigErrorWithFileLineAndKey() {
        String groups = """
                groups:
                  tech:
                    chat: sandbox:tech
                    moderation:
                      blocklist:
                        - name: broken
                          regex: "([a-z"
                      flood: {action: explode}
                """;
        ConfigException e = assertThrows(ConfigException.class, () -> ModerationBots.moderation().file("groups.yml", groups).build());
        List<String> errors = e.errors().stream().map(Object::toString).toList();
        assertTrue(errors.stream().anyMatch(s -> s.contains("groups.yml:7: groups.tech.moderation.blocklist[0].regex: invalid regular expression")), errors.toString());
        assertTrue(errors.stream().anyMatch(s -> s.contains("groups.tech.moderation.flood.action: expected one of off, delete, warn, mute, kick, ban")), errors.toString());
    }

    @Test void strategyPresetsAndOverrides() {
        var layered = Presets.preset(qunzhu.config.Strategy.LAYERED);
        assertEquals(Verdict.Kind.WARN, layered.ads());
        assertEquals(8, layered.flood().messages());
        assertEquals(Verdict.Kind.OFF, Presets.preset(qunzhu.config.Strategy.LAISSEZ_FAIRE).links().action());
        assertEquals(Verdict.Kind.DELETE, Presets.preset(qunzhu.config.Strategy.CENTRALIZED).forwards());
        assertTrue(Presets.preset(qunzhu.config.Strategy.SELF_GOVERNED).vote().enabled());
    }

    @Test void aGroupsPolicyIsItsStrategysPresetUnderItsProfileAndItsOwnKeys(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("a.yml"), """
                profiles:
                  strict:
                    strategy: centralized
                    moderation: {flood: {messages: 6}, raid: {newcomers: mute}, links: {allow: [example.org]}}
                groups:
                  one: {chat: "sandbox:one", profile: strict, moderation: {flood: {window: 30s}, night: {from: "23:00", to: "7:00"}}}
                  two: {chat: "sandbox:two", profile: strict, strategy: laissez_faire}
                """);
        var c = qunzhu.app.Wiring.loader(k -> null).load(dir);
        ModerationConfig one = c.groups().get("one").section(ModerationConfig.class);
        assertEquals(new ModerationConfig.Flood(6, java.time.Duration.ofSeconds(30), Verdict.Kind.MUTE), one.flood(),
                "messages from the profile, window from the group, action from the centralized preset");
        assertEquals(Verdict.Kind.MUTE, one.raid().newcomers());
        assertEquals(List.of("example.org"), one.links().allow());
        assertEquals(Verdict.Kind.DELETE, one.forwards(), "centralized deletes channel forwards");
        assertEquals(new ModerationConfig.Night(java.time.LocalTime.of(23, 0), java.time.LocalTime.of(7, 0)), one.night());
        ModerationConfig two = c.groups().get("two").section(ModerationConfig.class);
        assertEquals(new ModerationConfig.Flood(6, java.time.Duration.ofSeconds(10), Verdict.Kind.OFF), two.flood(),
                "the group's own strategy picks the preset");
        assertEquals(ModerationConfig.Night.OFF, two.night());
    }
}
