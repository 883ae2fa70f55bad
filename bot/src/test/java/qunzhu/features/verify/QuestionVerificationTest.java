package qunzhu.features.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.features.rules.RulesFeature;
import qunzhu.features.welcome.WelcomeFeature;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/**
 * Question verification: the newcomer answers in the group; attempts are removed afterwards.
 * Verification runs before the command router (as shipped), with the welcome and the rules
 * (whose /rules a verifying member must not reach).
 */
class QuestionVerificationTest {
    final TestBot bot = TestBot.with(List.of(new VerifyFeature()), new WelcomeFeature(), new RulesFeature()).yaml("""
            groups:
              java:
                chat: sandbox:java
                title: Java 群
                category: learning
                stage: growing
                strategy: centralized
                newcomers:
                  questions:
                    - ask: "本群讨论哪门编程语言？"
                      answers: ["Java", "java 17"]
            """).build();
    final FakeGroup java = bot.group("java");

    @AfterEach void stop() { bot.close(); }

    String outcomes() {
        return String.join(",", bot.db().query("SELECT outcome FROM verify_log WHERE member_id = 'dave' ORDER BY id", rs -> rs.getString(1)));
    }

    @Test void rightAnswerInFullWidthPassesAndRemovesTheAnswerAndPrompt() {
        java.join("dave");
        SandboxHub.Entry prompt = java.botSaid().get(0);
        FakeGroup.assertContains(prompt.text(), "请在 5 分钟内直接在群里回答：本群讨论哪门编程语言？（共 3 次机会）");
        assertEquals(List.of(), java.muted(), "not muted: the answer is typed in the group");
        String answer = java.post("dave", " ＪＡＶＡ ");
        assertFalse(java.visible(answer), "the answer is removed");
        assertFalse(java.visible(prompt.id()), "the prompt is removed");
        List<SandboxHub.Entry> said = java.botSaid();
        assertEquals(1, said.size());
        FakeGroup.assertContains(said.get(0).text(), "欢迎 dave 加入「Java 群」！一起学习");
        assertEquals("passed", outcomes());
        String after = java.post("dave", "java");
        assertTrue(java.visible(after), "verified members post normally");
    }

    @Test void wrongAnswersGetRetryHintsThenKickAndEverythingTheySentIsRemoved() {
        java.join("dave");
        String prompt = java.botSaid().get(0).id();
        String first = java.post("dave", "python");
        FakeGroup.assertContains(java.botSaid().get(0).text(), "dave，回答不对，还有 2 次机会。");
        String second = java.post("dave", "不太清楚");
        FakeGroup.assertContains(java.botSaid().get(0).text(), "还有 1 次机会");
        String third = java.post("dave", "go");
        assertFalse(java.members().contains("dave"), "kicked after three wrong answers");
        for (String id : List.of(prompt, first, second, third)) assertFalse(java.visible(id), "message " + id + " removed");
        assertEquals("wrong_answer", outcomes());
        FakeGroup.assertContains(java.botSaid().get(0).text(), "dave 验证回答错误次数过多，已被移出群聊");
        assertEquals(List.of(), java.banned());
    }

    @Test void commandsFromAMemberStillVerifyingAreTakenAsAnswers() {
        java.join("dave");
        java.newEntries();
        java.post("dave", "/rules");
        List<SandboxHub.Entry> said = java.botSaid();
        assertEquals(1, said.size());
        FakeGroup.assertContains(said.get(0).text(), "回答不对");
    }
}
