package qunzhu.features.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.core.Button;
import qunzhu.features.welcome.WelcomeFeature;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.store.Database;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/**
 * Button verification (layered, button, 5 minutes) with the welcome feature, which greets the
 * member once verified.
 */
class VerificationTest {
    static final String TECH = """
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                strategy: layered
                newcomers: {verify: button, verify_within: 5m}
                welcome: {text: "欢迎 {name} 加入「{group}」！"}
            """;

    /** Verification (before the command router, as shipped) and the welcome, on the tech group. */
    static TestBot.Builder tech() {
        return TestBot.with(List.of(new VerifyFeature()), new WelcomeFeature()).yaml(TECH);
    }

    TestBot bot = tech().build();
    FakeGroup tech = bot.group("tech");

    @AfterEach void stop() { bot.close(); }

    String outcomes(String member) {
        return String.join(",", bot.db().query("SELECT outcome FROM verify_log WHERE member_id = ? ORDER BY id", rs -> rs.getString(1), member));
    }

    @Test void joiningMutesAndPromptsWithTheMembersOwnButton() {
        tech.join("dave");
        assertEquals(List.of("dave"), tech.muted());
        List<SandboxHub.Entry> said = tech.botSaid();
        assertEquals(1, said.size(), "the prompt only; the welcome waits");
        FakeGroup.assertContains(said.get(0).text(), "请在 5 分钟内点击下方「我不是机器人」按钮");
        assertEquals(List.of(new Button("我不是机器人", "verify:dave", "验证")), said.get(0).buttons());
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM verify_pending WHERE chat_id = 'tech' AND member_id = 'dave'"));
    }

    @Test void pressingOwnButtonUnmutesDeletesThePromptAndWelcomes() {
        tech.join("dave");
        String prompt = tech.botSaid().get(0).id();
        tech.press("dave", prompt, "verify:dave");
        assertEquals(List.of(), tech.muted());
        assertFalse(tech.visible(prompt), "prompt removed after the outcome");
        List<SandboxHub.Entry> said = tech.botSaid();
        assertEquals(1, said.size());
        FakeGroup.assertContains(said.get(0).text(), "欢迎 dave 加入「技术交流群」");
        assertEquals("passed", outcomes("dave"));
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM verify_pending"));
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM action_log WHERE kind = 'answerbutton' AND text = '验证通过，欢迎！'"));
        tech.shouldNotReply("dave", "大家好");
    }

    @Test void someoneElsePressingIsToldItIsNotForThem() {
        tech.join("dave");
        String prompt = tech.botSaid().get(0).id();
        tech.press("bob", prompt, "verify:dave");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM action_log WHERE kind = 'answerbutton' AND text = '这不是给你的验证按钮。'"));
        assertEquals(List.of("dave"), tech.muted(), "still muted");
        assertTrue(tech.visible(prompt));
        assertEquals(List.of(), tech.botSaid(), "no welcome");
        assertEquals("", outcomes("dave"));
    }

    @Test void timeoutRemovesTheMemberWithoutBanningAndLogsIt() {
        tech.join("dave");
        String prompt = tech.botSaid().get(0).id();
        bot.advance(Duration.ofMinutes(4));
        assertTrue(tech.members().contains("dave"), "still there within the limit");
        bot.advance(Duration.ofMinutes(2));
        assertFalse(tech.members().contains("dave"), "kicked at the deadline");
        assertEquals(List.of(), tech.banned(), "kicked, not banned");
        assertFalse(tech.visible(prompt));
        assertEquals("timeout", outcomes("dave"));
        FakeGroup.assertContains(tech.botSaid().get(0).text(), "dave 未在规定时间内完成验证，已被移出群聊");
        tech.join("dave");
        assertEquals(List.of("dave"), tech.muted(), "may join again and retry");
    }

    @Test void passingBeforeTheDeadlineMeansTheDeadlineDoesNothing() {
        tech.joinVerified("dave");
        bot.advance(Duration.ofMinutes(6));
        assertTrue(tech.members().contains("dave"));
        assertEquals("passed", outcomes("dave"));
    }

    @Test void leavingWhileVerifyingEndsItAndRemovesThePrompt() {
        tech.join("dave");
        String prompt = tech.botSaid().get(0).id();
        tech.leave("dave");
        assertFalse(tech.visible(prompt));
        assertEquals("left", outcomes("dave"));
        bot.advance(Duration.ofMinutes(6));
        assertEquals("left", outcomes("dave"), "no kick for someone already gone");
    }

    @Test void restartInTheMiddleStillRemovesTheMemberAtTheDeadline(@TempDir Path dir) {
        bot.close();
        MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
        Path file = dir.resolve("q.db");
        bot = tech().clock(clock).database(Database.open(file, false)).build();
        tech = bot.group("tech");
        tech.join("dave");
        assertEquals(1, tech.botSaid().size());
        bot.advance(Duration.ofMinutes(2));
        bot.close();

        bot = tech().clock(clock).database(Database.open(file, false)).build();
        // The sandbox world is in memory: put dave back where the first run left him.
        bot.hub().addGroup("tech", null, List.of("dave"), List.of());
        tech = bot.group("tech");
        bot.advance(Duration.ofMinutes(2));
        assertTrue(tech.members().contains("dave"), "deadline not reached yet");
        bot.advance(Duration.ofMinutes(2));
        assertFalse(tech.members().contains("dave"), "kicked after the restart");
        assertEquals("timeout", outcomes("dave"));
        assertTrue(Files.exists(file));
    }
}
