package qunzhu.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.app.Wiring;
import qunzhu.core.ChatRef;
import qunzhu.features.welcome.WelcomeConfig;
import qunzhu.testkit.TestBot;

class ConfigLoaderTest {
    @TempDir Path dir;

    private List<String> errors(String file, String yaml) throws IOException {
        Files.writeString(dir.resolve(file), yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> Wiring.loader(Map.of("TG", "secret")::get).load(dir));
        return e.errors().stream().map(ConfigError::toString).toList();
    }

    private static void assertHas(List<String> errors, String expected) {
        assertTrue(errors.stream().anyMatch(e -> e.contains(expected)), "expected an error containing \"" + expected + "\" in " + errors);
    }

    @Test void shippedConfigLoadsWithBothGroupsAndTheOperatorsRoom() {
        BotConfig c = Wiring.loader(k -> null).load(TestBot.SHIPPED_CONFIG);
        assertEquals(List.of("tech", "family"), List.copyOf(c.groups().keySet()));
        assertEquals(ChatRef.parse("sandbox:ops"), c.logChat());
        assertEquals("Asia/Shanghai", c.zone().getId());
        assertEquals(Duration.ofMinutes(10), c.groups().get("tech").section(WelcomeConfig.class).deleteAfter(), "from the interest profile");
        assertEquals("en", c.groups().get("family").locale());
    }

    @Test void badYamlNamesFileAndLine() throws IOException {
        List<String> errors = errors("bot.yml", "bot:\n  timezone: Asia/Shanghai\n  locale: [zh-CN\n");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(dir.resolve("bot.yml") + ":"), errors.get(0));
        assertHas(errors, "invalid YAML");
    }

    @Test void unknownKeyIsAnErrorWithItsLineAndTheExpectedKeys() throws IOException {
        List<String> errors = errors("bot.yml", "bot:\n  timezone: Asia/Shanghai\n  timezome: UTC\n");
        assertEquals(List.of(dir.resolve("bot.yml") + ":3: bot.timezome: unknown key (expected one of: timezone, locale, database, durability, operators, log_chat)"), errors);
    }

    @Test void unknownSectionIsAnError() throws IOException {
        assertHas(errors("x.yml", "bots:\n  locale: en\n"), "x.yml:1: bots: unknown section");
    }

    @Test void missingRequiredValueIsNamed() throws IOException {
        List<String> errors = errors("groups.yml", "groups:\n  tech:\n    title: Tech\n");
        assertHas(errors, "groups.yml:3: groups.tech: missing required key \"chat\"");
        List<String> acc = errors("accounts.yml", "accounts:\n  - platform: sandbox\n");
        assertHas(acc, "accounts.yml:2: accounts[0]: missing required key \"id\"");
    }

    @Test void wrongTypesAreNamedWithWhatWasReceived() throws IOException {
        Files.writeString(dir.resolve("a.yml"), """
                sandbox:
                  port: eighty
                  enabled: maybe
                groups:
                  tech:
                    chat: sandbox:tech
                    welcome:
                      delete_after: five
                    moderators: olivia
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> Wiring.loader(k -> null).load(dir));
        List<String> errors = e.errors().stream().map(ConfigError::toString).toList();
        assertHas(errors, "a.yml:2: sandbox.port: expected a whole number, got \"eighty\"");
        assertHas(errors, "a.yml:3: sandbox.enabled: expected true or false, got \"maybe\"");
        assertHas(errors, "a.yml:8: groups.tech.welcome.delete_after: expected a duration like 90s, 5m, 2h or 1d, got \"five\"");
        assertHas(errors, "groups.tech.moderators: expected platform:member like sandbox:olivia");
        assertEquals(4, errors.size(), errors.toString());
    }

    @Test void badChoicesAndUnknownReferences() throws IOException {
        List<String> errors = errors("a.yml", """
                bot:
                  timezone: Mars/Olympus
                  locale: fr
                groups:
                  tech:
                    chat: sandbox:tech
                    profile: nope
                    strategy: anarchy
                """);
        assertHas(errors, "a.yml:2: bot.timezone: unknown time zone \"Mars/Olympus\"");
        assertHas(errors, "a.yml:3: bot.locale: expected one of zh-CN, en, got \"fr\"");
        assertHas(errors, "a.yml:7: groups.tech.profile: unknown profile \"nope\"");
        assertHas(errors, "a.yml:8: groups.tech.strategy: expected one of centralized, layered, self_governed, laissez_faire");
    }

    @Test void personaRolesAreTheKnownOnesOrCustomNamesThatAreValid() throws IOException {
        Files.writeString(dir.resolve("a.yml"), "personas:\n  mentor: {name: 老师}\n  expert: {name: 专家}\n");
        BotConfig c = Wiring.loader(k -> null).load(dir);
        assertEquals(qunzhu.core.PersonaRole.of("mentor"), c.personas().get("mentor").role(), "a custom role from the config");
        assertEquals(qunzhu.core.PersonaRole.EXPERT, c.personas().get("expert").role());
        assertTrue(c.personas().get("expert").role().known());
        assertHas(errors("a.yml", "personas:\n  Host Bot: {name: x}\n"),
                "a.yml:2: personas.Host Bot: a persona role is a lowercase name (letters, digits, _ or -), got \"Host Bot\"");
    }

    @Test void environmentVariablesAreSubstitutedAndMissingOnesReported() throws IOException {
        Files.writeString(dir.resolve("a.yml"), "groups:\n  tech:\n    chat: sandbox:tech\n    title: \"${TG}\"\n");
        BotConfig c = Wiring.loader(Map.of("TG", "secret")::get).load(dir);
        assertEquals("secret", c.groups().get("tech").title());
        assertTrue(c.secrets().contains("secret"), "substituted values are remembered as secrets");
        assertHas(errors("a.yml", "groups:\n  tech:\n    chat: sandbox:tech\n    title: \"${NOPE}\"\n"),
                "a.yml:4: groups.tech.title: environment variable NOPE is not set");
    }

    @Test void outboxLimitsPerPlatformAndOverAllAccounts() throws IOException {
        Files.writeString(dir.resolve("a.yml"), "outbox:\n  global: {per_second: 50}\n  telegram: {per_chat_per_minute: 10}\n");
        BotConfig c = Wiring.loader(k -> null).load(dir);
        assertEquals(50, c.limits(OutboxLimits.GLOBAL).perAccountPerSecond());
        assertEquals(10, c.limits("telegram").perChatPerMinute());
        assertEquals(30, c.limits("telegram").perAccountPerSecond(), "the rest keeps Telegram's defaults");
        assertHas(errors("a.yml", "outbox:\n  global: {per_chat_burst: 5}\n"), "a.yml:2: outbox.global.per_chat_burst: unknown key (expected one of: per_second)");
    }

    @Test void outboxMaxAgePerActionKindReplacesMaxAttempts() throws IOException {
        Files.writeString(dir.resolve("a.yml"), "outbox:\n  telegram:\n    max_age: {send: 30m, ban: 2d}\n");
        BotConfig c = Wiring.loader(k -> null).load(dir);
        assertEquals(java.time.Duration.ofMinutes(30), c.limits("telegram").maxAge().of("send"));
        assertEquals(java.time.Duration.ofDays(2), c.limits("telegram").maxAge().of("ban"));
        assertEquals(java.time.Duration.ofHours(24), c.limits("telegram").maxAge().of("delete"), "the rest keeps the defaults");
        assertEquals(java.time.Duration.ofMinutes(10), c.limits("onebot").maxAge().of("send"), "defaults where nothing is set");
        Files.writeString(dir.resolve("a.yml"), "outbox:\n  telegram:\n    max_attempts: 5\n");
        List<String> warnings = Wiring.loader(k -> null).load(dir).warnings().stream().map(ConfigError::toString).toList();
        assertEquals(1, warnings.size(), "an old config still starts, with one warning: " + warnings);
        assertHas(warnings, "a.yml:3: outbox.telegram.max_attempts: warning: ignored, no longer used");
        List<String> errors = errors("a.yml", """
                outbox:
                  telegram:
                    max_age:
                      sned: 10m
                      ban: soon
                      mute: 0s
                """);
        assertHas(errors, "a.yml:4: outbox.telegram.max_age.sned: unknown action kind \"sned\"");
        assertHas(errors, "a.yml:5: outbox.telegram.max_age.ban: expected a duration");
        assertHas(errors, "a.yml:6: outbox.telegram.max_age.mute: must be longer than 0");
    }

    @Test void aSectionMayOnlyBeDefinedOnce() throws IOException {
        Files.writeString(dir.resolve("a.yml"), "bot:\n  locale: en\n");
        assertHas(errors("b.yml", "bot:\n  locale: zh-CN\n"), "b.yml:1: bot: section is already defined in");
    }

    @Test void groupOverridesItsProfileKeyByKey() throws IOException {
        Files.writeString(dir.resolve("a.yml"), """
                profiles:
                  p:
                    strategy: centralized
                    welcome: {text: "hi {name}", delete_after: 2m}
                groups:
                  one: {chat: "sandbox:one", profile: p}
                  two:
                    chat: sandbox:two
                    profile: p
                    strategy: laissez_faire
                    welcome: {delete_after: 1m}
                """);
        BotConfig c = Wiring.loader(k -> null).load(dir);
        assertEquals(Strategy.CENTRALIZED, c.groups().get("one").strategy());
        assertEquals(Strategy.LAISSEZ_FAIRE, c.groups().get("two").strategy());
        assertEquals(Duration.ofMinutes(1), c.groups().get("two").section(WelcomeConfig.class).deleteAfter());
        assertEquals("hi {name}", c.groups().get("two").section(WelcomeConfig.class).text(), "not overridden: from the profile");
    }

    @Test void aTrustedMemberWithoutItsPlatformIsAnError() throws IOException {
        List<String> errors = errors("a.yml", """
                groups:
                  tech:
                    chat: sandbox:tech
                    moderation:
                      trusted: [sandbox:alice, carol]
                """);
        assertHas(errors, "a.yml:5: groups.tech.moderation.trusted: expected platform:member like sandbox:olivia or telegram:123456, got \"carol\"");
        assertEquals(1, errors.size(), errors.toString());
    }

    @Test void anAliasForACommandThatDoesNotExistIsAnErrorAtItsKey() throws IOException {
        List<String> errors = errors("a.yml", """
                commands:
                  aliases:
                    规则: rules
                    打卡: nosuchcommand
                    帮忙: /help
                """);
        assertHas(errors, "a.yml:4: commands.aliases.打卡: alias for an unknown command /nosuchcommand (commands: ");
        assertEquals(1, errors.size(), "rules and /help exist: " + errors);
    }

    @Test void aMistakeInAProfileIsReportedOnceHoweverManyGroupsUseIt() throws IOException {
        List<String> errors = errors("a.yml", """
                profiles:
                  p:
                    stage: teenage
                    moderation: {flood: {window: soon}}
                groups:
                  one: {chat: "sandbox:one", profile: p}
                  two: {chat: "sandbox:two", profile: p}
                """);
        assertEquals(List.of(
                "a.yml:3: profiles.p.stage: expected one of new, growing, mature, got \"teenage\"",
                "a.yml:4: profiles.p.moderation.flood.window: expected a duration like 90s, 5m, 2h or 1d, got \"soon\""),
                errors.stream().map(e -> e.substring(dir.toString().length() + 1)).toList());
    }

    @Test void aProfileIsCheckedLikeAGroupEvenWhenNoGroupUsesIt() throws IOException {
        List<String> errors = errors("a.yml", """
                profiles:
                  p:
                    moderators: [mia]
                    accounts: [nobody]
                    colour: red
                """);
        assertHas(errors, "a.yml:3: profiles.p.moderators: expected platform:member like sandbox:olivia or telegram:123456, got \"mia\"");
        assertHas(errors, "a.yml:4: profiles.p.accounts: unknown account \"nobody\"");
        assertHas(errors, "a.yml:5: profiles.p.colour: unknown key");
        assertEquals(3, errors.size(), errors.toString());
    }
}
