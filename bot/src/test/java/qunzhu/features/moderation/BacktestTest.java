package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.app.Cli;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.store.ActivityLog;
import qunzhu.store.Database;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** The backtest replays history through the live filter engine without acting. */
class BacktestTest {
    @Test void backtestInChatSummarisesThisGroupWithoutActing() {
        try (TestBot bot = ModerationBots.techAndFamily().build()) {
            FakeGroup tech = bot.group("tech");
            tech.post("bob", "大家好");
            tech.post("bob", "加微信 领资料");
            bot.advance(Duration.ofDays(2));
            tech.post("alice", "https://evil.example.com/x");
            tech.post("mia", "加微信 管理员不受限制");
            long actions = bot.db().count("SELECT COUNT(*) FROM action_log");
            var said = tech.shouldReply("olivia", "/backtest 7", "回测最近 7 天：共 5 条消息，2 条会被处理").text();
            FakeGroup.assertContains(said, "• ads：警告 1 次（bob）");
            FakeGroup.assertContains(said, "• links：删除 1 次（alice）");
            assertEquals(actions + 1, bot.db().count("SELECT COUNT(*) FROM action_log"), "only the reply was sent");
            tech.shouldReply("olivia", "/backtest 1", "共 4 条消息，1 条会被处理");
            tech.shouldReply("mia", "/backtest 7", "只有运营者可以");
        }
    }

    @Test void cliBacktestReplaysTheStoreAgainstCurrentAndProposedConfig() throws Exception {
        Path dir = Files.createTempDirectory("qunzhu-bt");
        TestBot.copyShippedConfig(dir);
        Path dbFile = dir.resolve("bt.db");
        Files.writeString(dir.resolve("bot.yml"), Files.readString(dir.resolve("bot.yml"))
                .replace("database: data/qunzhu.db", "database: " + dbFile.toAbsolutePath()));
        Instant base = Instant.now().minus(Duration.ofHours(3));
        try (Database db = Database.open(dbFile, false)) {
            ActivityLog log = new ActivityLog(db, ZoneId.of("Asia/Shanghai"));
            ChatRef tech = new ChatRef("sandbox", "tech");
            List<Event> events = new ArrayList<>();
            String[][] history = {{"bob", "hello there"}, {"bob", "加微信 领资料"}, {"carol", "https://other.example.org"},
                    {"alice", "https://evil.example.com"}, {"eve", "我有优惠码"}, {"mia", "加微信"}};
            for (int i = 0; i < history.length; i++) {
                String id = "m" + i;
                events.add(new Event.MessagePosted(EventKey.of(tech, id), tech, base.plusSeconds(60L * i), "host",
                        MemberRef.of(history[i][0], history[i][0]), id, history[i][1], null, null, false, false, false));
            }
            events.add(new Event.MessagePosted(EventKey.of(tech, "old"), tech, base.minus(Duration.ofDays(3)), "host",
                    MemberRef.of("zed", "zed"), "old", "加微信 老消息", null, null, false, false, false));
            log.append(events);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), k -> null);
        assertEquals(0, cli.run(new String[] {"backtest", "--days", "1", "--config", dir.toString()}), err.toString(StandardCharsets.UTF_8));
        String current = out.toString(StandardCharsets.UTF_8);
        assertTrue(current.startsWith("backtest: 6 messages in 1 groups over 1 days; 2 would have been acted on"), current);
        assertTrue(current.contains(String.format("%-12s %-18s %-7s %4d  %s", "tech", "ads", "warn", 1, "bob")), current);
        assertTrue(current.contains(String.format("%-12s %-18s %-7s %4d  %s", "tech", "links", "delete", 1, "alice")), current);
        assertTrue(current.contains("total: delete 1 warn 1 mute 0 kick 0 ban 0"), current);

        Path proposed = Files.createTempDirectory("qunzhu-proposed").resolve("groups.yml");
        Files.writeString(proposed, Files.readString(dir.resolve("groups.yml"))
                .replace("keywords: [空投福利, 稳赚不赔]", "keywords: [空投福利, 稳赚不赔, 优惠码]"));
        out.reset();
        assertEquals(0, cli.run(new String[] {"backtest", "--days", "1", "--config", dir.toString(), "--with", proposed.toString()}));
        String withProposal = out.toString(StandardCharsets.UTF_8);
        assertTrue(withProposal.contains(String.format("%-12s %-18s %-7s %4d  %s", "tech", "crypto-scam", "mute", 1, "eve")), withProposal);
        assertEquals(64, cli.run(new String[] {"backtest", "--config", dir.toString()}));
    }
}
