package qunzhu.persona;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.features.lottery.LotteryFeature;
import qunzhu.features.quiz.QuizFeature;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/**
 * A message built from several persona texts (a lottery's start with its draw time, a quiz
 * answer revealed with its explanation) carries its persona's signature once, at the end.
 */
class SignatureOnceTest {
    static final String SIGNATURE = "—— 小群 · 群助手";

    final TestBot bot = TestBot.with(new LotteryFeature(), new QuizFeature())
            .file("accounts.yml", """
                    personas:
                      host: {name: 小群, signature: "%s"}
                      quizmaster: {name: 小群, signature: "%s", fallback: [host]}
                    accounts:
                      - {id: host, platform: sandbox, persona: host}
                      - {id: qm, platform: sandbox, persona: quizmaster}
                    """.formatted(SIGNATURE, SIGNATURE))
            .file("quiz.yml", "quiz: {default_bank: t, questions: 1}\n")
            .file("quiz/t.yml", """
                    title: 测验
                    scoring: first
                    time_limit: 30s
                    questions:
                      - question: 这门语言跑在 JVM 上，叫什么？
                        answers: [Java]
                        explanation: Java 由 Sun 公司发布。
                    """)
            .yaml("""
                    groups:
                      tech: {chat: sandbox:tech, title: 技术交流群}
                    """)
            .build();
    final FakeGroup tech = bot.group("tech");

    @AfterEach void close() { bot.close(); }

    static void signedOnce(String text) {
        assertTrue(text.endsWith(SIGNATURE), "not signed at the end: " + text);
        assertEquals(text.indexOf(SIGNATURE), text.lastIndexOf(SIGNATURE), "signed more than once: " + text);
    }

    @Test void aLotteryStartWithItsDrawTimeIsSignedOnce() {
        tech.post("mia", "/lottery start 1 键盘 10m");
        List<SandboxHub.Entry> said = tech.botSaid();
        SandboxHub.Entry start = said.stream().filter(e -> e.text().contains("键盘")).findFirst().orElseThrow(() -> new AssertionError(said.toString()));
        signedOnce(start.text());
    }

    @Test void aQuizRevealWithItsExplanationIsSignedOnce() {
        tech.post("mia", "/quiz start");
        bot.advance(Duration.ofMinutes(2));
        List<SandboxHub.Entry> said = tech.botSaid();
        assertTrue(said.size() >= 3, said.toString());
        for (SandboxHub.Entry e : said) signedOnce(e.text());
    }
}
