package qunzhu.features.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.app.Wiring;
import qunzhu.config.BotConfig;
import qunzhu.config.ConfigError;
import qunzhu.config.ConfigException;
import qunzhu.testkit.TestBot;

/** Banks are config: the shipped ones are valid, and a bad entry stops start-up naming file, line and key. */
class QuizBanksTest {
    @TempDir Path dir;

    @Test void theShippedBanksLoadInBothLocales() {
        BotConfig c = Wiring.loader(k -> null).load(TestBot.SHIPPED_CONFIG);
        QuizConfig q = c.section(QuizConfig.class, null);
        assertNotNull(q);
        assertEquals("tech", q.defaultBank());
        Bank zh = q.find("tech", "zh-CN"), en = q.find("tech", "en");
        assertEquals("zh-CN", zh.locale());
        assertEquals("en", en.locale());
        assertEquals(5, zh.questions().size());
        assertEquals(zh.questions().size(), en.questions().size());
        for (Bank b : List.of(zh, en)) for (Question question : b.questions()) {
            assertNotNull(question.explanation(), "every shipped question explains its answer: " + question.text());
        }
    }

    List<String> errors(String bank) throws Exception {
        Files.writeString(dir.resolve("bot.yml"), TestBot.MINIMAL);
        Files.createDirectories(dir.resolve("quiz"));
        Files.writeString(dir.resolve("quiz/bad.zh-CN.yml"), bank);
        ConfigException e = assertThrows(ConfigException.class,
                () -> Wiring.loader(k -> null, List.of(), List.of(new QuizFeature())).load(dir));
        return e.errors().stream().map(ConfigError::toString).map(s -> s.replace(dir.toString(), "DIR")).toList();
    }

    @Test void aBadEntryNamesTheFileTheLineAndTheKey() throws Exception {
        List<String> errors = errors("""
                title: 坏题库
                scoring: most
                questions:
                  - question: 没有答案的题
                  - question: 选项里没有答案
                    choices: [甲, 乙]
                    answers: [丙]
                  - question: 太快
                    answers: [x]
                    time_limit: 1s
                    colour: red
                """);
        assertTrue(errors.contains("DIR/quiz/bad.zh-CN.yml:2: scoring: expected one of first, all, got \"most\""), errors.toString());
        assertTrue(errors.contains("DIR/quiz/bad.zh-CN.yml:4: questions[0]: missing required key \"answers\" (the accepted answers, e.g. [Java, java语言])"),
                errors.toString());
        assertTrue(errors.stream().anyMatch(s -> s.startsWith("DIR/quiz/bad.zh-CN.yml:7: questions[1].answers: with choices, an answer must name a right choice")),
                errors.toString());
        assertTrue(errors.contains("DIR/quiz/bad.zh-CN.yml:10: questions[2].time_limit: must be between 5s and 1h, got 1s"), errors.toString());
        assertTrue(errors.stream().anyMatch(s -> s.startsWith("DIR/quiz/bad.zh-CN.yml:11: questions[2].colour: unknown key")), errors.toString());
    }

    @Test void aBankWithoutQuestionsAndAnUnknownDefaultBankAreErrors() throws Exception {
        Files.writeString(dir.resolve("quiz.yml"), "quiz:\n  default_bank: nope\n");
        List<String> errors = errors("title: 空\n");
        assertTrue(errors.contains("DIR/quiz/bad.zh-CN.yml:1: missing required key \"questions\" (a list of question:, answers: ...)"), errors.toString());
        assertTrue(errors.stream().anyMatch(s -> s.startsWith("DIR/quiz.yml:2: quiz.default_bank: unknown bank \"nope\"")), errors.toString());
    }

    @Test void answersAreComparedNormalised() {
        Answers a = new Answers();
        assertEquals("java", a.normalise("ＪＡＶＡ"));
        assertEquals("java", a.normalise("  java。"));
        assertEquals("网络", a.normalise("網絡"));
        assertEquals("网络", a.normalise("「网络」！"));
        assertEquals("c++", a.normalise("C++"));
        assertEquals("詹姆斯高斯林", a.normalise("詹姆斯·高斯林"));
        assertEquals(null, a.normalise("x".repeat(Answers.MAX_CHARS + 1)), "too long to be an answer");
        assertEquals(1, Answers.choiceIndex(a.normalise("Ｂ"), 3));
        assertEquals(1, Answers.choiceIndex(a.normalise("2."), 3));
        assertEquals(-1, Answers.choiceIndex(a.normalise("d"), 3));
    }
}
