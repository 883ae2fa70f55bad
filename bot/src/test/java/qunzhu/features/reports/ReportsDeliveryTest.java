package qunzhu.features.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.store.Database;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** Digests reach the operators' chat once per period across restarts; /stats answers in the group; the chart is a real picture. */
class ReportsDeliveryTest {
    static final String REPORTS = """
            reports:
              daily: "09:00"
              weekly: {day: monday, at: "09:00"}
              deliver:
                - {chat: "sandbox:ops"}
            """;

    static TestBot open(Path file, MutableClock clock) {
        return TestBot.with(List.of(new ReportsFeature())).clock(clock).database(Database.open(file, false))
                .yaml(ReportsMetricsTest.GROUPS).file("reports.yml", REPORTS).build();
    }

    /** What the bot sent to the ops room so far: "send: first line" or "sendphoto". */
    static List<String> opsRoom(TestBot bot) {
        return bot.db().query("SELECT kind, text FROM action_log WHERE chat_id = 'ops' AND outcome = 'done' ORDER BY id",
                rs -> rs.getString(1).equals("send") ? "send: " + rs.getString(2).lines().findFirst().orElse("") : rs.getString(1));
    }

    @Test void aDigestDueWhileTheBotWasDownIsPostedOnceAtTheNextStartAndNeverAgain() throws Exception {
        Path file = Files.createTempFile("qunzhu-reports", ".db");
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00+08:00");
        try (TestBot bot = open(file, clock)) {
            FakeGroup tech = bot.group("tech");
            tech.post("alice", "早上好");
            tech.post("bob", "大家好");
            bot.advance(Duration.ofHours(12));   // Sunday 22:00: nothing is due yet
            assertEquals(List.of(), opsRoom(bot));
        }
        clock.advance(Duration.ofHours(12));     // down over Monday 09:00
        try (TestBot bot = open(file, clock)) {
            bot.settle();
            List<String> sent = opsRoom(bot);
            assertEquals(4, sent.size(), "daily and weekly, each text and chart: " + sent);
            assertEquals("send: （补发：机器人停机期间错过了发送时间）", sent.get(0));
            assertEquals("sendphoto", sent.get(1));
            String daily = bot.db().queryOne("SELECT text FROM action_log WHERE chat_id = 'ops' AND kind = 'send' ORDER BY id LIMIT 1", rs -> rs.getString(1));
            FakeGroup.assertContains(daily, "📊 全部社群 · 日报 2026-11-22");
            FakeGroup.assertContains(daily, "消息 2（新增）");
            String weekly = bot.db().queryOne("SELECT text FROM action_log WHERE chat_id = 'ops' AND kind = 'send' ORDER BY id DESC LIMIT 1", rs -> rs.getString(1));
            FakeGroup.assertContains(weekly, "周报 2026-11-16 – 2026-11-22");
        }
        clock.advance(Duration.ofMinutes(30));
        try (TestBot bot = open(file, clock)) {
            bot.settle();
            assertEquals(4, opsRoom(bot).size(), "a second restart posts nothing again");
            bot.group("tech").post("carol", "周一快乐");
            bot.advance(Duration.ofMinutes(22 * 60 + 30));   // Tuesday 09:00: Monday's daily, on time
            List<String> sent = opsRoom(bot);
            assertEquals(6, sent.size(), sent.toString());
            String daily = bot.db().queryOne("SELECT text FROM action_log WHERE chat_id = 'ops' AND kind = 'send' ORDER BY id DESC LIMIT 1", rs -> rs.getString(1));
            assertTrue(daily.startsWith("📊 全部社群 · 日报 2026-11-23"), daily);
            FakeGroup.assertContains(daily, "消息 1（-50%）");
        }
    }

    /**
     * Several delivery targets: each gets its own digest once (the scheduled run posts one and
     * runs again for the next, so the groups' events are handled between two digests).
     */
    @Test void everyDeliveryTargetGetsItsDigestOnceAndTheGroupStillAnswers() throws Exception {
        MutableClock clock = MutableClock.at("2026-11-23T10:00:00+08:00");
        String three = """
                reports:
                  daily: "09:00"
                  weekly: off
                  deliver:
                    - {chat: "sandbox:ops"}
                    - {chat: "sandbox:tech", group: tech}
                    - {chat: "sandbox:family", group: family}
                """;
        try (TestBot bot = TestBot.with(List.of(new ReportsFeature(), new qunzhu.features.rules.RulesFeature())).clock(clock)
                .yaml(ReportsMetricsTest.GROUPS).file("reports.yml", three).build()) {
            bot.group("tech").post("alice", "早上好");
            bot.group("family").post("bob", "吃了吗");
            bot.advance(Duration.ofHours(23));   // Tuesday 09:00
            for (String chat : List.of("ops", "tech", "family")) {
                List<String> sent = bot.db().query("SELECT text FROM action_log WHERE chat_id = ? AND kind = 'send' AND outcome = 'done'"
                        + " AND text LIKE '%日报 2026-11-23%'", rs -> rs.getString(1), chat);
                assertEquals(1, sent.size(), chat + ": " + sent);
            }
            FakeGroup.assertContains(bot.db().queryOne("SELECT text FROM action_log WHERE chat_id = 'tech' AND kind = 'send' AND text LIKE '%日报%'",
                    rs -> rs.getString(1)), "技术交流群");
            bot.group("tech").shouldReply("carol", "/rules", "群规");
            bot.advance(Duration.ofHours(1));
            assertEquals(3, bot.db().count("SELECT COUNT(*) FROM action_log WHERE kind = 'send' AND text LIKE '%日报 2026-11-23%'"), "once each");
        }
    }

    @Test void statsAnswersInTheGroupWithTheReporterAndAChart() throws Exception {
        Path file = Files.createTempFile("qunzhu-reports", ".db");
        try (TestBot bot = open(file, MutableClock.at("2026-11-24T10:00:00+08:00"))) {
            FakeGroup tech = bot.group("tech");
            tech.post("alice", "a");
            tech.post("bob", "b");
            tech.shouldReply("alice", "/stats", "只有管理员可以在这里使用 /stats");
            tech.post("mia", "/stats today");
            String reply = bot.db().queryOne("SELECT text FROM action_log WHERE chat_id = 'tech' AND kind = 'send' ORDER BY id DESC LIMIT 1",
                    rs -> rs.getString(1));
            assertTrue(reply != null && reply.startsWith("📊 技术交流群 · 数据 2026-11-24"), String.valueOf(reply));
            FakeGroup.assertContains(reply, "消息 4（新增）");
            FakeGroup.assertContains(reply, "活跃 3 人");
            assertEquals(1, bot.db().count("SELECT COUNT(*) FROM action_log WHERE chat_id = 'tech' AND kind = 'sendphoto' AND outcome = 'done'"),
                    "the chart follows the numbers");
        }
    }

    @Test void theChartIsAPngOfTheRightSizeWithSomethingDrawn() throws Exception {
        java.util.Map<String, long[]> days = new java.util.TreeMap<>();
        for (int d = 1; d <= 30; d++) days.put(String.format("2026-11-%02d", d), new long[] {100 + d, 20 + d % 7});
        long[] hours = new long[24];
        hours[9] = 40;
        hours[21] = 75;
        byte[] png = Charts.png(days, hours, new Charts.Labels("技术交流群", "成员", "活跃成员", "各时段消息"));
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(Charts.WIDTH, img.getWidth());
        assertEquals(Charts.HEIGHT * 2, img.getHeight());
        long colored = 0;
        java.util.Set<Integer> colors = new java.util.HashSet<>();
        for (int x = 0; x < img.getWidth(); x += 3) {
            for (int y = 0; y < img.getHeight(); y += 3) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colors.add(rgb);
                if (rgb != 0xFFFFFF) colored++;
            }
        }
        assertTrue(colored > 2000, "lines and bars are drawn: " + colored + " non-white samples");
        assertTrue(colors.contains(0x3BA776), "the hour bars in their colour");
    }
}
