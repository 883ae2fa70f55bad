package qunzhu.features.quiz;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.PersonaRole;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.Setup;
import qunzhu.testkit.TestBot;

/** Quiz test bots: two sandbox groups, a quizmaster account, small banks with known answers. */
final class QuizBots {
    private QuizBots() {}

    static final String ACCOUNTS = """
            personas:
              host: {name: 小群}
              quizmaster: {name: 答题官}
            accounts:
              - {id: host, platform: sandbox, persona: host}
              - {id: qm, platform: sandbox, persona: quizmaster}
            """;

    static final String GROUPS = """
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
              family:
                chat: sandbox:family
                title: Family
                locale: en
            """;

    static final String QUIZ = """
            quiz:
              default_bank: t
              questions: 3
            """;

    /** First-wins, asked in order: free text, free text (simplified answer), a choice question. */
    static final String BANK_T = """
            title: 测验
            scoring: first
            points: 10
            time_limit: 30s
            shuffle: false
            questions:
              - question: 这门语言跑在 JVM 上，叫什么？
                answers: [Java, Java语言]
                explanation: Java 由 Sun 公司发布。
              - question: 互联网也叫什么？
                answers: [网络]
                explanation: 网络即 network。
                points: 5
              - question: Java 的构建工具是哪个？
                choices: [Cargo, Maven, npm]
                answers: [Maven]
                explanation: Maven 管理 Java 依赖。
            """;

    static final String BANK_T_EN = """
            title: Quiz
            scoring: first
            shuffle: false
            time_limit: 30s
            questions:
              - question: Which language runs on the JVM?
                answers: [Java]
                explanation: Java was released by Sun.
            """;

    /** Everyone right within the time scores. */
    static final String BANK_ALL = """
            title: 全员题
            scoring: all
            points: 3
            time_limit: 20s
            shuffle: false
            questions:
              - question: 1 + 1 = ?
                answers: ["2", 二]
                explanation: 一加一等于二。
              - question: 选出偶数
                choices: ["3", "4", "5"]
                answers: [B]
            """;

    /** Collects the points and tallies the quiz emits (what the points and reports features would get). */
    static final class Recorder implements Feature {
        final List<Event.PointsChanged> points = new CopyOnWriteArrayList<>();
        final List<Event.Counted> counted = new CopyOnWriteArrayList<>();

        @Override public String name() { return "recorder"; }

        @Override public void install(Setup s) {
            s.on(Event.PointsChanged.class, (e, ctx) -> { points.add(e); return List.of(); });
            s.on(Event.Counted.class, (e, ctx) -> { counted.add(e); return List.of(); });
            // stands in for the calendar: /fire <argument> emits Triggered("quiz", argument)
            s.command(CommandSpec.of("fire").arg(Arg.text("arg").optional()).handler(call -> {
                String arg = call.args().text("arg");
                call.ctx().emit(new Event.Triggered(EventKey.of(call.message().chat(), "fire:" + call.message().messageId()),
                        call.message().chat(), call.ctx().now(), call.message().account(), "quiz", arg.isEmpty() ? null : arg,
                        PersonaRole.QUIZMASTER, arg.contains("late")));
                return List.<Action>of();
            }));
        }
    }

    static TestBot.Builder builder(Recorder recorder) {
        return TestBot.with(new QuizFeature(), recorder)
                .file("accounts.yml", ACCOUNTS).yaml(GROUPS).file("quiz.yml", QUIZ)
                .file("quiz/t.zh-CN.yml", BANK_T).file("quiz/t.en.yml", BANK_T_EN).file("quiz/all.yml", BANK_ALL);
    }
}
