package qunzhu.persona;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.app.Wiring;
import qunzhu.config.BotConfig;
import qunzhu.config.ConfigException;
import qunzhu.config.Persona;
import qunzhu.config.SendBudget;
import qunzhu.core.PersonaRole;

/** personas: and the accounts' budget: read, and their mistakes stop the start naming file, line and key. */
class PersonaConfigTest {
    @TempDir Path dir;

    private List<String> errors(String yaml) throws IOException {
        Files.writeString(dir.resolve("accounts.yml"), yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> Wiring.loader(k -> null).load(dir));
        return e.errors().stream().map(Object::toString).toList();
    }

    private static void assertHas(List<String> errors, String expected) {
        assertTrue(errors.contains(expected), "expected " + expected + " in " + errors);
    }

    @Test void aPersonaHasRoleLocaleVoiceSignatureAndFallback() throws IOException {
        Files.writeString(dir.resolve("accounts.yml"), """
                personas:
                  xiaoqun: {role: host, name: 小群, signature: "—— 小群", voice: {welcome.default: "嗨 {name}"}}
                  laoshi: {role: expert, name: 老师, locale: en, fallback: [moderator, host]}
                  quiz: {role: quizmaster}
                accounts:
                  - {id: a, platform: sandbox, persona: xiaoqun, budget: 20/min}
                  - {id: b, platform: sandbox, persona: laoshi}
                """);
        BotConfig c = Wiring.loader(k -> null).load(dir);
        Persona x = c.personas().get("xiaoqun");
        assertEquals(PersonaRole.HOST, x.role());
        assertEquals("嗨 {name}", x.voiced("welcome.default"));
        assertEquals("—— 小群", x.signature());
        assertEquals(List.of(), x.fallback(), "the host falls back to any serving account");
        assertEquals(List.of(PersonaRole.MODERATOR, PersonaRole.HOST), c.personas().get("laoshi").fallback());
        assertEquals("en", c.personas().get("laoshi").locale());
        assertEquals(List.of(PersonaRole.HOST), c.personas().get("quiz").fallback(), "default: role, then host");
        assertEquals(PersonaRole.HOST, c.accounts().get(0).persona(), "an account plays its persona's role");
        assertEquals("xiaoqun", c.accounts().get(0).personaId());
        assertEquals(new SendBudget(20, Duration.ofMinutes(1)), c.accounts().get(0).budget());
        assertTrue(c.accounts().get(1).budget().unlimited(), "the sandbox has no default budget");
    }

    @Test void unknownVoiceKeyFallbackRoleOrBudgetStopsTheStart() throws IOException {
        List<String> errors = errors("""
                personas:
                  host:
                    name: 小群
                    voice:
                      welcome.defualt: "嗨 {name}"
                    fallback: [moderator, janitor]
                accounts:
                  - {id: a, platform: sandbox, persona: host, budget: lots}
                """);
        String f = dir.resolve("accounts.yml").toString();
        assertHas(errors, f + ":5: personas.host.voice.welcome.defualt: unknown template key \"welcome.defualt\" (did you mean welcome.default?)");
        assertHas(errors, f + ":6: personas.host.fallback: unknown fallback role \"janitor\" (roles: expert, host, moderator, quizmaster, reporter)");
        assertHas(errors, f + ":8: accounts[0].budget: expected a send budget like 20/min, 5/s, 300/h or none, got \"lots\"");
    }

    @Test void budgetsParse() {
        assertEquals(new SendBudget(5, Duration.ofSeconds(1)), SendBudget.parse("5/s"));
        assertEquals(new SendBudget(300, Duration.ofHours(1)), SendBudget.parse("300 / hour"));
        assertEquals(SendBudget.NONE, SendBudget.parse("none"));
        assertEquals(null, SendBudget.parse("0/min"));
        assertEquals("20/min", new SendBudget(20, Duration.ofMinutes(1)).toString());
    }
}
