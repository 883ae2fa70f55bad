package qunzhu.features.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.features.duty.DutyFeature;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.store.Database;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** 首问必答: flag at N minutes to the on-duty moderators, holding answer at M, nothing once answered; counts; restarts. */
class QuestionsFeatureTest {
    static final String GROUPS = """
            personas:
              host: {name: 小群}
              moderator: {name: 小管家}
              expert: {name: 老司机}
            accounts:
              - {id: host, platform: sandbox, persona: host}
              - {id: warden, platform: sandbox, persona: moderator}
              - {id: sage, platform: sandbox, persona: expert}
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                moderators: [sandbox:carol]
                duty:
                  shifts: [{days: daily, hours: "09:00-18:00", moderators: [sandbox:mia]}]
                questions:
                  enabled: true
              family:
                chat: sandbox:family
                title: Family
                locale: en
                questions:
                  enabled: true
                  who: everyone
                  moderator_message_answers: true
                  flag_after: 5m
                  hold_after: 15m
                  holding_answer: "Hang on, help is coming."
            """;

    final Recorder recorder = new Recorder();
    TestBot bot;
    FakeGroup tech;
    FakeGroup family;

    TestBot.Builder builder(MutableClock clock) {
        return TestBot.with(new DutyFeature(), new QuestionsFeature(), recorder).file("accounts.yml", null).yaml(GROUPS).clock(clock);
    }

    void start() {
        bot = builder(MutableClock.at("2026-11-24T10:00:00+08:00")).build();
        tech = bot.group("tech");
        family = bot.group("family");
    }

    @AfterEach void stop() { if (bot != null) bot.close(); }

    static List<String> texts(List<SandboxHub.Entry> entries) { return entries.stream().map(SandboxHub.Entry::text).toList(); }

    @Test void unansweredNewcomerQuestionIsFlaggedThenHeldThenCountedWhenAnswered() {
        start();
        tech.join("dave");
        String q = tech.post("dave", "请问 Maven 怎么离线构建");
        assertEquals(List.of("QUESTION_ASKED:dave:0"), recorder.lines());
        tech.newEntries();
        bot.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertEquals(List.of(), texts(tech.botSaid()));
        bot.advance(Duration.ofSeconds(1));
        List<SandboxHub.Entry> flag = tech.botSaid();
        assertEquals(1, flag.size());
        assertEquals("❓ dave 的问题已经 10 分钟 没人回答，@mia 请看看：\n「请问 Maven 怎么离线构建」\nhttp://127.0.0.1:0/?group=tech#" + q,
                flag.get(0).text());
        assertEquals(q, flag.get(0).replyTo());
        assertEquals("小管家", flag.get(0).authorName());
        assertEquals(List.of("QUESTION_ASKED:dave:0", "QUESTION_FLAGGED:dave:0"), recorder.lines());

        bot.advance(Duration.ofMinutes(20));
        List<SandboxHub.Entry> hold = tech.botSaid();
        assertEquals(List.of("dave，已通知管理员，稍等，马上有人来回答你。"), texts(hold));
        assertEquals(q, hold.get(0).replyTo());
        assertEquals("老司机", hold.get(0).authorName());

        bot.advance(Duration.ofMinutes(5));
        tech.reply("bob", q, "加 -o 参数");
        assertEquals(List.of("QUESTION_ASKED:dave:0", "QUESTION_FLAGGED:dave:0", "QUESTION_ANSWERED:dave:2100"), recorder.lines());
        bot.advance(Duration.ofHours(1));
        assertEquals(List.of(), texts(tech.botSaid()));
    }

    @Test void aReplyFromSomeoneElseBeforeTheFlagMeansNoFlagAndNoHold() {
        start();
        tech.join("dave");
        String q = tech.post("dave", "JDK 17 和 21 选哪个？");
        bot.advance(Duration.ofMinutes(2));
        tech.reply("dave", q, "有人吗？");    // the asker's own follow-up is no answer
        bot.advance(Duration.ofMinutes(1));
        tech.reply("alice", q, "选 21");
        tech.newEntries();
        bot.advance(Duration.ofMinutes(40));
        assertEquals(List.of(), texts(tech.botSaid()));
        assertEquals(List.of("QUESTION_ASKED:dave:0", "QUESTION_ANSWERED:dave:180"), recorder.lines());
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM questions WHERE state = 'answered' AND answered_by = 'alice' AND flagged = 0"));
    }

    @Test void onlyNewcomersAndOnlyQuestionsCountByDefault() {
        start();
        tech.post("alice", "请问今晚有分享吗？");       // alice was here before: not a newcomer
        tech.join("dave");
        tech.post("dave", "大家好");                  // not a question
        tech.post("dave", "however it works, thanks");
        tech.newEntries();
        bot.advance(Duration.ofHours(1));
        assertEquals(List.of(), texts(tech.botSaid()));
        assertEquals(List.of(), recorder.lines());
    }

    @Test void withNobodyOnDutyEveryModeratorIsMentionedAndAModeratorsMessageAnswers() {
        start();
        family.post("alice", "How do I reset my password");
        family.newEntries();
        bot.advance(Duration.ofMinutes(5));
        List<String> flag = texts(family.botSaid());
        assertEquals(1, flag.size());
        assertTrue(flag.get(0).startsWith("❓ alice's question has waited 5 minutes without an answer. @mia, please have a look:\n“How do I reset my password”"),
                flag.get(0));
        bot.advance(Duration.ofMinutes(10));
        assertEquals(List.of("Hang on, help is coming."), texts(family.botSaid()));

        String q2 = family.post("bob", "why is the wifi down?");
        bot.advance(Duration.ofMinutes(1));
        family.post("mia", "router restarting, give it a minute");
        family.newEntries();
        bot.advance(Duration.ofMinutes(30));
        assertEquals(List.of(), texts(family.botSaid()));
        assertTrue(recorder.lines().contains("QUESTION_ANSWERED:bob:60"), recorder.lines().toString());
        assertTrue(recorder.lines().contains("QUESTION_ANSWERED:alice:960"), "the moderator's message answered every open question");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM questions WHERE message_id = '" + q2 + "' AND answered_by = 'mia'"));
    }

    @Test void aPendingQuestionSurvivesARestart(@TempDir Path dir) {
        MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
        Path file = dir.resolve("q.db");
        bot = builder(clock).database(Database.open(file, false)).build();
        tech = bot.group("tech");
        tech.join("dave");
        String q = tech.post("dave", "求助：端口被占用怎么办");
        bot.advance(Duration.ofMinutes(6));
        bot.close();

        bot = builder(clock).database(Database.open(file, false)).build();
        tech = bot.group("tech");
        bot.advance(Duration.ofMinutes(3));
        assertEquals(List.of(), texts(tech.botSaid()), "not due yet");
        bot.advance(Duration.ofMinutes(1));
        List<SandboxHub.Entry> flag = tech.botSaid();
        assertEquals(1, flag.size(), texts(flag).toString());
        assertTrue(flag.get(0).text().startsWith("❓ dave 的问题已经 10 分钟 没人回答，@mia 请看看"), flag.get(0).text());
        bot.advance(Duration.ofMinutes(20));
        assertEquals(List.of("dave，已通知管理员，稍等，马上有人来回答你。"), texts(tech.botSaid()));
        assertEquals(q, bot.db().queryOne("SELECT message_id FROM questions WHERE state = 'held'", rs -> rs.getString(1)));
    }
}
