package qunzhu.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.feature.Feature;
import qunzhu.feature.Setup;
import qunzhu.features.rules.RulesFeature;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.store.Database;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** A feature that throws on one event: the others still answer, the failure is kept, retried at start and reported. */
@Timeout(60)
class DeadLetterTest {
    @TempDir Path dir;

    /** Echoes "echo ..." messages and stores them; throws on "poison" until {@link #healed}. */
    static final class Echo implements Feature {
        final boolean healed;
        Echo(boolean healed) { this.healed = healed; }
        @Override public String name() { return "echo"; }
        @Override public void install(Setup s) {
            s.on(Event.MessagePosted.class, (m, ctx) -> {
                if (!m.text().startsWith("echo ")) return List.of();
                s.store().update("INSERT INTO kv(k, v) VALUES (?, 'seen')", "echo." + m.messageId());
                if (m.text().contains("poison") && !healed) throw new IllegalStateException("echo cannot digest " + m.text());
                return List.of(Action.Send.of(m.chat(), "host", "echoed: " + m.text().substring(5)));
            });
        }
    }

    /** Echo before the command router, and the rules feature (its /rules shows the next event is handled) on tech. */
    private static TestBot.Builder echoBot(boolean healed) {
        return TestBot.with(List.of(new Echo(healed)), new RulesFeature()).yaml(TestBot.TECH_WITH_RULES);
    }

    /** Everything the bot said in the group since the bot started. */
    @SuppressWarnings("unchecked")
    private static List<String> botTexts(FakeGroup g) {
        return g.sinceStart().stream().filter(e -> e.kind().equals("bot")).map(SandboxHub.Entry::text).toList();
    }

    @Test void aFailingFeatureIsKeptRetriedAtTheNextStartAndReported() {
        Path file = dir.resolve("q.db");
        String poison;
        try (TestBot bot = echoBot(false).database(Database.open(file, false)).build()) {
            FakeGroup tech = bot.group("tech");
            FakeGroup ops = bot.group("ops");
            tech.shouldReply("alice", "echo hi", "echoed: hi");
            poison = tech.post("alice", "echo poison /rules");
            tech.shouldReply("bob", "/rules", "群规");   // the next event is handled as usual
            assertEquals(List.of(), botTexts(ops), "nothing reported while running");
            assertEquals(0, bot.db().count("SELECT COUNT(*) FROM kv WHERE k = ?", "echo." + poison), "its writes were undone");
            assertEquals(List.of("echo|1|java.lang.IllegalStateException: echo cannot digest echo poison /rules"),
                    bot.db().query("""
                            SELECT d.feature || '|' || d.attempts || '|' || d.error FROM dead_letter d
                            JOIN activity a ON a.id = d.activity_id WHERE a.message_id = ?""", rs -> rs.getString(1), poison));
        }
        try (TestBot bot = echoBot(false).database(Database.open(file, false)).build()) {
            bot.settle();
            assertEquals(2, bot.db().count("SELECT attempts FROM dead_letter"), "retried once at start, failed again");
            List<String> told = botTexts(bot.group("ops"));
            assertEquals(List.of("功能 echo 有 1 个事件未能处理；详见 dead_letter 表。"), told, "one report to the log chat");
            assertEquals(List.of(), botTexts(bot.group("tech")), "the feature's answer did not go out");
        }
        try (TestBot bot = echoBot(true).database(Database.open(file, false)).build()) {
            bot.settle();
            assertEquals(0, bot.db().count("SELECT COUNT(*) FROM dead_letter"), "handled on retry: the letter is gone");
            assertEquals(1, bot.db().count("SELECT COUNT(*) FROM kv WHERE k = ?", "echo." + poison), "the feature's write is there");
            assertEquals(List.of("echoed: poison /rules"), botTexts(bot.group("tech")), "the feature's answer went out, once");
            assertEquals(List.of(), botTexts(bot.group("ops")), "nothing left to report");
        }
    }
}
