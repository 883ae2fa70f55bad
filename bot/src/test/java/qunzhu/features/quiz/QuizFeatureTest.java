package qunzhu.features.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qunzhu.testkit.FakeGroup.assertContains;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.core.PointsKind;
import qunzhu.core.Tally;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** Quiz rounds on the sandbox: posting, answering, scoring, timeouts, leaderboards, rights. */
class QuizFeatureTest {
    final QuizBots.Recorder recorder = new QuizBots.Recorder();
    final TestBot bot = QuizBots.builder(recorder).build();
    final FakeGroup tech = bot.group("tech");

    @AfterEach void stop() { bot.close(); }

    List<String> said() { return tech.botSaid().stream().map(SandboxHub.Entry::text).toList(); }

    /** Starts bank t with {@code n} questions and returns the intro and first question. */
    List<SandboxHub.Entry> start(String line) {
        tech.newEntries();
        tech.post("mia", line);
        return tech.botSaid();
    }

    @Test void aModeratorStartsARoundAndTheQuizmasterPostsTheFirstQuestion() {
        List<SandboxHub.Entry> posts = start("/quiz start t 2");
        assertEquals(2, posts.size(), posts.toString());
        assertContains(posts.get(0).text(), "有奖问答开始：测验，共 2 题");
        assertContains(posts.get(1).text(), "第 1/2 题（10 分，限时 30 秒）");
        assertContains(posts.get(1).text(), "这门语言跑在 JVM 上");
        assertEquals("答题官", posts.get(0).authorName(), "the quizmaster persona speaks");
        assertEquals("答题官", posts.get(1).authorName());
        assertEquals(1, recorder.counted.stream().filter(c -> c.tally() == Tally.QUIZ_ROUND && c.value() == 2).count());
    }

    @Test void fullWidthAnswerWinsThePointsAndWrongAnswersAreIgnored() {
        start("/quiz start t");
        tech.shouldNotReply("alice", "Python");
        tech.shouldNotReply("carol", "今天天气不错");
        tech.post("bob", "ＪＡＶＡ");
        List<String> said = said();
        assertEquals(2, said.size(), said.toString());
        assertContains(said.get(0), "bob 答对了，+10 分！答案：Java");
        assertContains(said.get(0), "Java 由 Sun 公司发布。");
        assertContains(said.get(1), "第 2/3 题");
        assertEquals(1, recorder.points.size(), recorder.points.toString());
        var p = recorder.points.get(0);
        assertEquals("bob", p.member().id());
        assertEquals(10, p.delta());
        assertEquals(PointsKind.EARN, p.kind());
        assertEquals("quiz:1:0", p.source());
        assertEquals(List.of("bob:10"), bot.db().query("SELECT member_id || ':' || points FROM quiz_answer WHERE correct = 1",
                rs -> rs.getString(1)));
        assertTrue(recorder.counted.stream().anyMatch(c -> c.tally() == Tally.QUIZ_ANSWER && c.value() == 0 && c.member().id().equals("alice")));
        assertTrue(recorder.counted.stream().anyMatch(c -> c.tally() == Tally.QUIZ_ANSWER && c.value() == 1 && c.member().id().equals("bob")));
    }

    @Test void answersAreNormalisedForPunctuationSpacesAndTraditionalChinese() {
        start("/quiz start t");
        tech.post("alice", "  java。");
        assertContains(said().get(0), "alice 答对了");
        tech.post("bob", "網絡");   // traditional for 网络
        List<String> said = said();
        assertContains(said.get(0), "bob 答对了，+5 分！答案：网络");
        assertEquals(List.of("alice", "bob"), recorder.points.stream().map(p -> p.member().id()).toList());
    }

    @Test void aRightAnswerAfterTheWinCountsForNothing() {
        start("/quiz start t");
        tech.post("bob", "java");
        tech.newEntries();
        tech.shouldNotReply("alice", "Java");   // question 1 is won; question 2 does not take it
        assertEquals(List.of("bob"), recorder.points.stream().map(p -> p.member().id()).toList());
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM quiz_answer WHERE member_id = 'alice' AND seq = 0"));
    }

    @Test void theTimeoutRevealsTheAnswerWithItsExplanationThenAsksTheNextQuestion() {
        start("/quiz start t");
        tech.shouldNotReply("alice", "Kotlin");
        bot.advance(Duration.ofSeconds(29));
        assertEquals(List.of(), said(), "not yet");
        bot.advance(Duration.ofSeconds(2));
        List<String> said = said();
        assertEquals(2, said.size(), said.toString());
        assertContains(said.get(0), "⏰ 时间到！答案：Java");
        assertContains(said.get(0), "💡 Java 由 Sun 公司发布。");
        assertContains(said.get(0), "这题没有人答对");
        assertContains(said.get(1), "第 2/3 题");
        tech.shouldNotReply("alice", "Java");   // too late for question 1
        assertEquals(List.of(), recorder.points);
    }

    @Test void theRoundEndsWithALeaderboard() {
        start("/quiz start t 3");
        tech.post("bob", "java");
        tech.post("alice", "网络");
        tech.newEntries();
        tech.post("bob", "B");
        List<String> said = said();
        assertEquals(2, said.size(), said.toString());
        assertContains(said.get(0), "bob 答对了，+10 分！答案：B. Maven");
        assertContains(said.get(1), "🏁 本轮问答结束！排行榜：\n1. bob — 20 分（答对 2 题）\n2. alice — 5 分（答对 1 题）");
        assertEquals(List.of("done"), bot.db().query("SELECT state FROM quiz_round", rs -> rs.getString(1)));
    }

    @Test void allModeScoresEveryoneRightWithinTheTime() {
        start("/quiz start all");
        tech.shouldNotReply("alice", "2");   // quietly recorded
        tech.shouldNotReply("bob", "二");
        tech.shouldNotReply("carol", "3");
        tech.shouldNotReply("carol", "２");   // carol may try a free-text question again
        bot.advance(Duration.ofSeconds(21));
        List<String> said = said();
        assertContains(said.get(0), "答案：2");
        assertContains(said.get(0), "一加一等于二");
        assertContains(said.get(0), "答对的有：alice、bob、carol（各 +3 分）");
        assertEquals(List.of("alice", "bob", "carol"), recorder.points.stream().map(p -> p.member().id()).toList());
        assertEquals(List.of("quiz:1:0"), recorder.points.stream().map(p -> p.source()).distinct().toList());
        // question 2, a choice: one choice each, so trying every letter wins nothing
        tech.shouldNotReply("alice", "A");
        tech.shouldNotReply("alice", "B");
        tech.shouldNotReply("bob", "4");
        bot.advance(Duration.ofSeconds(21));
        said = said();
        assertContains(said.get(0), "答对的有：bob（各 +3 分）");
        assertContains(said.get(1), "1. bob — 6 分（答对 2 题）\n2. alice — 3 分（答对 1 题）\n3. carol — 3 分（答对 1 题）");
    }

    @Test void anAnswerAfterTheTimeIsUpDoesNotScore() {
        start("/quiz start all 1");
        bot.clock().advance(Duration.ofSeconds(25));   // past the deadline (the timeout job may or may not have run)
        tech.post("alice", "2");
        bot.settle();
        assertTrue(said().stream().anyMatch(t -> t.contains("这题没有人答对")));
        assertEquals(List.of(), recorder.points);
    }

    @Test void stopEndsTheRoundAndLaterAnswersAndTimeoutsDoNothing() {
        start("/quiz start t");
        tech.post("bob", "java");
        tech.newEntries();
        var reply = tech.shouldReply("mia", "/quiz stop", "mia 停止了本轮问答");
        assertContains(reply.text(), "1. bob — 10 分");
        tech.shouldNotReply("alice", "网络");
        bot.advance(Duration.ofMinutes(5));
        assertEquals(List.of(), said());
        tech.shouldReply("mia", "/quiz stop", "现在没有进行中的问答");
        assertEquals(List.of("stopped"), bot.db().query("SELECT state FROM quiz_round", rs -> rs.getString(1)));
    }

    @Test void topShowsTheChatsLeaderboardOverAllRounds() {
        tech.shouldReply("alice", "/quiz top", "还没有人在问答中得分");
        start("/quiz start t 1");
        tech.post("bob", "java");
        start("/quiz start t 1");
        tech.post("bob", "java");
        start("/quiz start all 1");
        tech.post("alice", "2");
        bot.advance(Duration.ofSeconds(21));
        var top = tech.shouldReply("carol", "答题 排行", "🏆 技术交流群 问答总排行：");
        assertContains(top.text(), "1. bob — 20 分（答对 2 题）\n2. alice — 3 分（答对 1 题）");
        bot.group("family").shouldReply("alice", "/quiz top", "Nobody has scored in a quiz yet.");
    }

    @Test void membersCannotStartOrStopAQuiz() {
        tech.shouldReply("alice", "/quiz start t", "只有管理员可以开始或停止问答（你是成员）");
        tech.shouldReply("alice", "答题", "只有管理员可以开始或停止问答");
        start("/quiz start t");
        tech.shouldReply("alice", "/quiz stop", "只有管理员可以开始或停止问答");
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM quiz_round WHERE state <> 'running'"));
    }

    @Test void theChineseNameStartsWithTheDefaultBankAndRefusesASecondRound() {
        tech.shouldReply("mia", "/quiz start nosuch", "没有题库「nosuch」");
        List<SandboxHub.Entry> posts = start("答题");
        assertContains(posts.get(0).text(), "测验，共 3 题");
        tech.shouldReply("mia", "/quiz start all", "已经有一轮问答在进行中（测验）");
        tech.shouldReply("mia", "答题 停止", "停止了本轮问答");
    }

    @Test void aGroupInEnglishGetsTheEnglishBankOfTheSameName() {
        FakeGroup family = bot.group("family");
        family.newEntries();
        family.post("mia", "/quiz start t");
        List<String> said = family.botSaid().stream().map(SandboxHub.Entry::text).toList();
        assertContains(said.get(0), "Quiz time: Quiz, 1 questions.");
        assertContains(said.get(1), "Which language runs on the JVM?");
        family.post("alice", "JAVA!");
        said = family.botSaid().stream().map(SandboxHub.Entry::text).toList();
        assertContains(said.get(0), "alice got it, +10 points! Answer: Java");
        assertContains(said.get(1), "That's the round!");
    }

    @Test void aQuizInOneGroupLeavesAnotherAlone() {
        start("/quiz start t");
        FakeGroup family = bot.group("family");
        family.shouldNotReply("alice", "Java");
        assertEquals(List.of(), recorder.points);
    }

    @Test void buttonsOnTheSandboxAnswerAChoiceQuestion() {
        start("/quiz start t");
        tech.post("bob", "java");
        tech.post("bob", "网络");
        SandboxHub.Entry q = tech.withButton("quiz:");
        assertEquals(List.of("A. Cargo", "B. Maven", "C. npm"), q.buttons().stream().map(b -> b.text()).toList());
        tech.newEntries();
        tech.press("alice", q.id(), "quiz:1:2:0");   // wrong: her one choice
        tech.press("alice", q.id(), "quiz:1:2:1");   // taken already: nothing
        assertEquals(List.of("bob", "bob"), recorder.points.stream().map(p -> p.member().id()).toList());
        tech.press("carol", q.id(), "quiz:1:2:1");
        assertTrue(said().stream().anyMatch(t -> t.contains("carol 答对了，+10 分！答案：B. Maven")));
        assertEquals(List.of("bob", "bob", "carol"), recorder.points.stream().map(p -> p.member().id()).toList());
    }

    @Test void theCalendarsQuizTriggerStartsARound() {
        tech.newEntries();
        tech.post("olivia", "/fire all 1");
        List<String> said = said();
        assertContains(said.get(0), "全员题，共 1 题");
        tech.post("olivia", "/fire late");
        said = said();
        assertEquals(List.of(), said, "a round runs already: the calendar's second post is skipped");
        tech.post("mia", "/quiz stop");
        tech.newEntries();
        tech.post("olivia", "/fire t late");
        said = said();
        assertContains(said.get(0), "原定早些开始");
        assertContains(said.get(0), "测验，共 3 题");
    }
}
