package qunzhu.features.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.config.ConfigException;
import qunzhu.features.welcome.WelcomeFeature;
import qunzhu.features.verify.NewcomerConfig.Mode;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** Each strategy's newcomer preset, and profiles and groups overriding single keys of it. */
class NewcomerPresetsTest {
    static final String GROUPS = """
            profiles:
              strict:
                strategy: centralized
                newcomers:
                  restrict_for: 48h
              quiz:
                strategy: centralized
                newcomers:
                  questions:
                    - ask: "2 + 2 = ?"
                      answers: ["4", "four"]
            groups:
              central: {chat: sandbox:central, strategy: centralized}
              layered: {chat: sandbox:layered, strategy: layered}
              selfgov: {chat: sandbox:selfgov, strategy: self_governed}
              open: {chat: sandbox:open, strategy: laissez_faire}
              strict1: {chat: sandbox:strict1, profile: strict}
              strict2:
                chat: sandbox:strict2
                profile: strict
                newcomers: {restrict_messages: 10, verify_within: 2m}
              quiz1: {chat: sandbox:quiz1, profile: quiz}
              quiz2:
                chat: sandbox:quiz2
                profile: quiz
                newcomers: {verify: button}
              open2:
                chat: sandbox:open2
                strategy: laissez_faire
                newcomers: {verify: button}
            """;

    /** Verification (before the command router, as shipped) and the welcome. */
    static TestBot.Builder verifyAndWelcome() {
        return TestBot.with(List.of(new VerifyFeature()), new WelcomeFeature());
    }

    final TestBot bot = verifyAndWelcome().yaml(GROUPS).build();

    @AfterEach void stop() { bot.close(); }

    NewcomerConfig of(String group) { return NewcomerConfig.of(bot.bot().config().groups().get(group)); }

    @Test void eachStrategyPresetsVerificationAndRestrictions() {
        assertEquals(new NewcomerConfig(Mode.BUTTON, Duration.ofMinutes(5), 3, List.of(), Duration.ofHours(24), 5), of("central"));
        assertEquals(new NewcomerConfig(Mode.BUTTON, Duration.ofMinutes(5), 3, List.of(), Duration.ofHours(12), 3), of("layered"));
        assertEquals(new NewcomerConfig(Mode.BUTTON, Duration.ofMinutes(5), 3, List.of(), Duration.ofHours(6), 1), of("selfgov"));
        NewcomerConfig open = of("open");
        assertEquals(Mode.NONE, open.verify());
        assertFalse(open.restricts());
    }

    @Test void profileOverridesOneKeyAndKeepsTheRestOfThePreset() {
        assertEquals(new NewcomerConfig(Mode.BUTTON, Duration.ofMinutes(5), 3, List.of(), Duration.ofHours(48), 5), of("strict1"));
    }

    @Test void groupOverridesOnTopOfItsProfileAndPreset() {
        assertEquals(new NewcomerConfig(Mode.BUTTON, Duration.ofMinutes(2), 3, List.of(), Duration.ofHours(48), 10), of("strict2"));
    }

    @Test void centralizedGroupWithQuestionsAsksThemUnlessTheGroupSaysButton() {
        NewcomerConfig quiz = of("quiz1");
        assertEquals(Mode.QUESTION, quiz.verify());
        assertEquals(List.of("4", "four"), quiz.questions().get(0).answers());
        assertEquals(Mode.BUTTON, of("quiz2").verify());
    }

    @Test void laissezFaireGroupMayStillTurnVerificationOnWithoutRestrictions() {
        NewcomerConfig c = of("open2");
        assertEquals(Mode.BUTTON, c.verify());
        assertFalse(c.restricts());
    }

    @Test void laissezFaireGroupWelcomesAtOnceWithoutMuting() {
        FakeGroup open = bot.group("open");
        open.join("dave");
        var said = open.botSaid();
        assertEquals(1, said.size());
        FakeGroup.assertContains(said.get(0).text(), "欢迎 dave");
        assertEquals(List.of(), open.muted());
    }

    @Test void centralizedGroupMutesAndAsksForTheButton() {
        FakeGroup central = bot.group("central");
        central.join("dave");
        assertEquals(List.of("dave"), central.muted());
        assertTrue(central.withButton("verify:dave").text().contains("我不是机器人"));
    }

    @Test void unknownVerifyModeIsAConfigErrorNamingFileLineAndKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> verifyAndWelcome().file("groups.yml", """
                groups:
                  g:
                    chat: sandbox:g
                    newcomers:
                      verify: captcha
                """).build());
        FakeGroup.assertContains(e.getMessage(), "groups.yml:5: groups.g.newcomers.verify: expected one of none, button, question, got \"captcha\"");
    }
}
