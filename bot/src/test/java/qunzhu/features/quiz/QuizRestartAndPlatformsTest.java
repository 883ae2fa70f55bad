package qunzhu.features.quiz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qunzhu.testkit.FakeGroup.assertContains;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.store.Database;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.FakePlatform;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** A round survives a restart (its timeout too, even one due while the bot was down); QQ types letters. */
class QuizRestartAndPlatformsTest {
    @TempDir Path tmp;

    List<String> texts(List<SandboxHub.Entry> entries) {
        return entries.stream().filter(e -> e.kind().equals("bot")).map(SandboxHub.Entry::text).toList();
    }

    @Test void aRoundGoesOnAfterARestartIncludingATimeoutThatFellDueWhileTheBotWasDown() throws Exception {
        Path file = tmp.resolve("q.db");
        MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
        QuizBots.Recorder first = new QuizBots.Recorder();
        try (TestBot bot = QuizBots.builder(first).clock(clock).database(Database.open(file, false)).build()) {
            FakeGroup tech = bot.group("tech");
            tech.post("mia", "/quiz start t");
            tech.post("bob", "java");                      // question 1 won; question 2 asked, due in 30 s
            assertEquals(1, first.points.size());
        }
        clock.advance(Duration.ofMinutes(10));             // the bot is down past question 2's deadline
        QuizBots.Recorder second = new QuizBots.Recorder();
        try (TestBot bot = QuizBots.builder(second).clock(clock).database(Database.open(file, false)).build()) {
            bot.settle();
            FakeGroup tech = bot.group("tech");
            List<String> said = texts(tech.sinceStart());
            assertTrue(said.size() >= 2, said.toString());
            assertContains(said.get(0), "⏰ 时间到（机器人离线期间已超时）！答案：网络");
            assertContains(said.get(1), "第 3/3 题");
            tech.newEntries();
            tech.post("alice", "b");                       // question 3, typed letter, full time after the restart
            said = texts(tech.newEntries());
            assertContains(said.get(0), "alice 答对了，+10 分！答案：B. Maven");
            assertContains(said.get(1), "1. bob — 10 分（答对 1 题）\n2. alice — 10 分（答对 1 题）");
            assertEquals(List.of("quiz:1:2"), second.points.stream().map(Event.PointsChanged::source).toList());
        }
    }

    @Test void aRoundStartedBeforeARestartTakesAnswersAfterIt() throws Exception {
        Path file = tmp.resolve("q2.db");
        MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
        try (TestBot bot = QuizBots.builder(new QuizBots.Recorder()).clock(clock).database(Database.open(file, false)).build()) {
            bot.group("tech").post("mia", "/quiz start t");
        }
        clock.advance(Duration.ofSeconds(10));
        QuizBots.Recorder after = new QuizBots.Recorder();
        try (TestBot bot = QuizBots.builder(after).clock(clock).database(Database.open(file, false)).build()) {
            FakeGroup tech = bot.group("tech");
            tech.post("carol", "Java语言");
            assertEquals(List.of("carol"), after.points.stream().map(p -> p.member().id()).toList());
            bot.advance(Duration.ofSeconds(31));          // question 2's timeout, scheduled after the restart
            assertTrue(texts(tech.newEntries()).stream().anyMatch(t -> t.startsWith("⏰ 时间到！答案：网络")));
        }
    }

    @Test void onAPlatformWithoutButtonsMembersTypeTheLetterOrNumber() {
        FakePlatform qq = FakePlatform.lacking("q", "qq");
        QuizBots.Recorder recorder = new QuizBots.Recorder();
        try (TestBot bot = TestBot.with(new QuizFeature(), recorder).platform(qq.factory())
                .file("accounts.yml", "personas:\n  quizmaster: {name: 答题官}\naccounts:\n  - {id: q, platform: qq, persona: quizmaster}\n")
                .yaml("groups:\n  g:\n    chat: qq:g1\n    title: QQ 群\n    moderators: [\"qq:900\"]\n")
                .file("quiz/t.zh-CN.yml", QuizBots.BANK_T).build()) {
            ChatRef chat = new ChatRef("qq", "g1");
            int[] seq = {0};
            java.util.function.BiConsumer<String, String> say = (who, text) -> {
                String id = "m" + ++seq[0];
                qq.deliver(new Event.MessagePosted(EventKey.of(chat, id), chat, bot.clock().instant(), "q", MemberRef.of(who, who), id,
                        text, null, null, false, false, false));
                bot.settle();
            };
            say.accept("900", "/quiz start t");
            say.accept("1", "java");
            say.accept("1", "网络");
            Action.Send q = (Action.Send) qq.performed.get(qq.performed.size() - 1);
            assertContains(q.text(), "A. Cargo\nB. Maven\nC. npm\n回复选项字母或序号作答");
            assertEquals(List.of(), q.buttons(), "no buttons where the platform has none");
            assertEquals("quizmaster", q.persona().name());
            say.accept("2", "Ａ");        // wrong, and it was their one choice
            say.accept("2", "2");
            say.accept("3", "２.");       // full-width number with a full stop: B
            assertEquals(List.of("1", "1", "3"), recorder.points.stream().map(p -> p.member().id()).toList());
            assertTrue(qq.sent().stream().anyMatch(t -> t.contains("3 答对了，+10 分！答案：B. Maven")), qq.sent().toString());
        }
    }

    @Test void onATelegramLikePlatformTheChoicesAreButtons() {
        FakePlatform tg = FakePlatform.all("tg", "telegram");
        try (TestBot bot = TestBot.with(new QuizFeature()).platform(tg.factory())
                .file("accounts.yml", "accounts:\n  - {id: tg, platform: telegram}\n")
                .yaml("groups:\n  g:\n    chat: telegram:-100\n    title: TG\n    moderators: [\"telegram:900\"]\n")
                .file("quiz/c.yml", "shuffle: false\nquestions:\n  - question: pick\n    choices: [x, y]\n    answers: [y]\n").build()) {
            ChatRef chat = new ChatRef("telegram", "-100");
            tg.deliver(new Event.MessagePosted(EventKey.of(chat, "1"), chat, bot.clock().instant(), "tg", MemberRef.of("900", "mod"), "1",
                    "/quiz start c", null, null, false, false, false));
            bot.settle();
            Action.Send q = (Action.Send) tg.performed.stream().filter(a -> a instanceof Action.Send s && s.text().contains("pick"))
                    .findFirst().orElseThrow();
            assertEquals(List.of("A. x", "B. y"), q.buttons().stream().map(b -> b.text()).toList());
            tg.deliver(new Event.ButtonPressed(EventKey.of(chat, "cb1"), chat, bot.clock().instant(), "tg", MemberRef.of("5", "eve"), "99",
                    q.buttons().get(1).data(), "cb1"));
            bot.settle();
            assertTrue(tg.performed.stream().anyMatch(a -> a instanceof Action.AnswerButton ab && ab.callbackId().equals("cb1")));
            assertTrue(tg.sent().stream().anyMatch(t -> t.contains("eve 答对了")), tg.sent().toString());
        }
    }
}
