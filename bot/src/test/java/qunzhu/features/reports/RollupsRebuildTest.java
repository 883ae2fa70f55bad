package qunzhu.features.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.feature.FeatureStore;
import qunzhu.feature.MemberTiers;
import qunzhu.store.Database;
import qunzhu.store.History;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** The rollups kept as events are handled equal the rollups rebuilt from the log, across restarts and a chat move. */
class RollupsRebuildTest {
    static final ChatRef TECH = ReportsMetricsTest.TECH;
    static final ChatRef TECH2 = new ChatRef("sandbox", "tech2");
    static final ChatRef FAMILY = ReportsMetricsTest.FAMILY;

    static TestBot open(Path file, MutableClock clock) {
        return TestBot.with(List.of(new ReportsFeature()), new Emitter()).clock(clock).database(Database.open(file, false))
                .yaml(ReportsMetricsTest.GROUPS).build();
    }

    static List<String> rollups(Database db) {
        List<String> out = new ArrayList<>();
        StringBuilder hours = new StringBuilder();
        for (int h = 0; h < 24; h++) hours.append(", ").append(Rollups.hour(h));
        out.addAll(db.query("SELECT platform, chat_id, day, messages, replies, joins, joins_invited, leaves, removals, join_requests" + hours
                + ", active FROM report_chat_day ORDER BY 1, 2, 3", rs -> {
                    StringBuilder sb = new StringBuilder("day");
                    for (int i = 1; i <= 35; i++) sb.append('|').append(rs.getString(i));
                    return sb.toString();
                }));
        out.addAll(db.query("SELECT platform, chat_id, day, member_id, messages, replies, joins, leaves FROM report_member_day ORDER BY 1, 2, 3, 4",
                rs -> "member|" + rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                        + rs.getLong(5) + "|" + rs.getLong(6) + "|" + rs.getLong(7) + "|" + rs.getLong(8)));
        out.addAll(db.query("SELECT platform, chat_id, member_id, last_message_day, last_leave_day FROM report_member ORDER BY 1, 2, 3",
                rs -> "last|" + rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getString(5)));
        out.addAll(db.query("SELECT platform, chat_id, day, tally, member_id, value, detail FROM report_counted ORDER BY id",
                rs -> "counted|" + rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|"
                        + rs.getString(5) + "|" + rs.getLong(6) + "|" + rs.getString(7)));
        return out;
    }

    @Test void rebuiltRollupsEqualTheIncrementalOnesAfterARandomHistoryWithRestartsAndAMove() throws Exception {
        Path file = Files.createTempFile("qunzhu-rollups", ".db");
        MutableClock clock = MutableClock.at("2026-11-20T22:00:00+08:00");
        Random rnd = new Random(14);
        String[] people = {"alice", "bob", "carol", "dave", "erin", "frank"};
        List<String> present = new ArrayList<>(List.of("alice", "bob"));
        boolean moved = false;
        for (int restart = 0; restart < 4; restart++) {
            try (TestBot bot = open(file, clock)) {
                Feed f = new Feed(bot);
                for (int i = 0; i < 40; i++) {
                    clock.advance(Duration.ofMinutes(5 + rnd.nextInt(180)));
                    String when = clock.instant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDateTime().toString();
                    ChatRef chat = rnd.nextInt(3) == 0 ? FAMILY : moved ? TECH2 : TECH;
                    String who = people[rnd.nextInt(people.length)];
                    int kind = rnd.nextInt(10);
                    if (kind < 5) {
                        f.post(chat, who, when, rnd.nextBoolean() ? "m1" : null);
                    } else if (kind < 7) {
                        f.join(chat, who, when, rnd.nextBoolean() ? "alice" : null);
                        present.add(who);
                    } else if (kind < 8) {
                        f.leave(chat, who, when, rnd.nextBoolean() ? "mia" : null);
                    } else if (kind < 9) {
                        f.send(new qunzhu.core.Event.JoinRequested(qunzhu.core.EventKey.of(chat, "r" + i + "-" + restart), chat,
                                clock.instant(), "host", qunzhu.core.MemberRef.of(who, who), "r" + i, "hi"));
                    } else {
                        f.say(chat, who, when, null, "!count CHECKIN " + rnd.nextInt(5));   // the Emitter makes it a Counted
                    }
                }
                if (restart == 1 && !moved) {
                    f.move(TECH, TECH2, clock.instant().atZone(java.time.ZoneId.of("Asia/Shanghai")).toLocalDateTime().toString());
                    moved = true;
                }
            }
        }
        try (Database db = Database.open(file, false)) {
            List<String> incremental = rollups(db);
            assertTrue(incremental.stream().anyMatch(s -> s.startsWith("day|sandbox|tech2|")), "the moved group's days are under its new id");
            assertTrue(incremental.stream().noneMatch(s -> s.startsWith("day|sandbox|tech|")), "nothing is left under the old id");
            assertTrue(incremental.stream().anyMatch(s -> s.startsWith("counted|")));
            var config = TestBot.with(List.of(new ReportsFeature())).yaml(ReportsMetricsTest.GROUPS).build();
            try (config) {
                qunzhu.app.RollupRebuild.rebuild(db, config.bot().services().config());
            }
            assertEquals(incremental, rollups(db));
        }
    }

    /**
     * The store holds the latest counts in memory for a few seconds (store/Tallies): a crash
     * loses them, and the next start counts their events again from the activity log, once.
     */
    @Test void countsHeldInMemoryAtACrashAreCountedAgainOnceAtTheNextStart() throws Exception {
        Path file = Files.createTempFile("qunzhu-rollups-crash", ".db");
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00+08:00");   // still: nothing gets old enough to be written
        String memberDays = "SELECT member_id || '|' || messages || '|' || replies || '|' || joins || '|' || leaves FROM report_member_day"
                + " WHERE chat_id = 'tech' ORDER BY member_id";
        String chatDay = "SELECT messages || '|' || replies || '|' || joins || '|' || joins_invited || '|' || leaves || '|' || active"
                + " FROM report_chat_day WHERE chat_id = 'tech'";
        try (TestBot bot = open(file, clock)) {
            Feed f = new Feed(bot);
            String first = f.post(TECH, "alice", "2026-11-22T10:00:00");
            f.post(TECH, "alice", "2026-11-22T10:00:01", first);
            f.post(TECH, "bob", "2026-11-22T10:00:02");
            f.join(TECH, "carol", "2026-11-22T10:00:03", "alice");
            f.post(TECH, "carol", "2026-11-22T10:00:04");
            f.leave(TECH, "bob", "2026-11-22T10:00:05", null);
            assertEquals(0, writtenMessages(file), "held in memory, not written yet");
            bot.db().simulateCrashOfHeldTallies();
        }
        for (int start = 0; start < 2; start++) {
            try (TestBot bot = open(file, clock)) {
                assertEquals(List.of("alice|2|1|0|0", "bob|1|0|0|1", "carol|1|0|1|0"), bot.db().query(memberDays, rs -> rs.getString(1)),
                        "counted again at start " + start + ", once");
                assertEquals(List.of("4|1|1|1|1|3"), bot.db().query(chatDay, rs -> rs.getString(1)));
            }
        }
        try (Database db = Database.open(file, false)) {
            List<String> incremental = rollups(db);
            var config = TestBot.with(List.of(new ReportsFeature())).yaml(ReportsMetricsTest.GROUPS).build();
            try (config) {
                qunzhu.app.RollupRebuild.rebuild(db, config.bot().services().config());
            }
            assertEquals(incremental, rollups(db));
        }
    }

    /** Counted rows as another connection sees them: what is written, not what the bot holds in memory. */
    static long writtenMessages(Path file) throws java.sql.SQLException {
        try (java.sql.Connection other = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.ResultSet rs = other.createStatement().executeQuery("SELECT COALESCE(SUM(messages), 0) FROM report_member_day")) {
            return rs.getLong(1);
        }
    }

    @Test void anIdleBotWritesTheHeldCountsASecondLater() throws Exception {
        Path file = Files.createTempFile("qunzhu-rollups-idle", ".db");
        MutableClock clock = MutableClock.at("2026-11-22T10:00:00+08:00");
        try (TestBot bot = open(file, clock)) {
            Feed f = new Feed(bot);
            f.post(TECH, "alice", "2026-11-22T10:00:00");
            f.post(TECH, "bob", "2026-11-22T10:00:00");
            assertEquals(0, writtenMessages(file), "held");
            clock.advance(Duration.ofMillis(1_100));
            qunzhu.testkit.Wait.until(() -> {
                try {
                    return writtenMessages(file) == 2;
                } catch (java.sql.SQLException e) {
                    return false;
                }
            }, Duration.ofSeconds(10), "the held counts written by the idle pipeline");
        }
    }

    @Test void exportsParse() throws Exception {
        try (TestBot bot = ReportsMetricsTest.bot()) {
            ReportsMetricsTest.knownHistory(new Feed(bot));
            ReportBuilder b = new ReportBuilder(FeatureStore.over(bot.db()), new History(bot.db()), MemberTiers.NONE,
                    bot.bot().services().config(), ReportsConfig.DEFAULTS);
            Report r = b.build(Scope.ALL, new Period(LocalDate.parse("2026-11-22"), LocalDate.parse("2026-11-23")));
            String csv = new String(Exports.write(Exports.Format.CSV, r, "x", null), StandardCharsets.UTF_8);
            assertTrue(csv.startsWith("\uFEFF" + Exports.CSV_HEADER + "\r\n"), "UTF-8 BOM and the header");
            List<String> rows = csv.substring(1).lines().skip(1).toList();
            assertEquals(List.of("2026-11-22,tech,3,1,0,1,4,0,3", "2026-11-23,tech,4,3,2,1,2,1,2",
                    "2026-11-22,family,0,0,0,0,0,0,0", "2026-11-23,family,0,0,0,0,0,0,0"), rows, "one row per group per day");
            byte[] png = Charts.forReport(b, r, (k, v) -> k);
            String html = new String(Exports.write(Exports.Format.HTML, r, "digest <text>", png), StandardCharsets.UTF_8);
            assertTrue(html.contains("<pre>digest &lt;text&gt;</pre>"));
            int at = html.indexOf("data:image/png;base64,");
            assertTrue(at > 0, "the chart is embedded");
            String b64 = html.substring(at + "data:image/png;base64,".length(), html.indexOf('"', at));
            assertEquals(png.length, java.util.Base64.getDecoder().decode(b64).length);
            assertEquals(html.split("<tr>", -1).length - 1, 1 + 4, "header and one row per group per day");
            var json = com.google.gson.JsonParser.parseString(new String(Exports.write(Exports.Format.JSON, r, "", null), StandardCharsets.UTF_8))
                    .getAsJsonObject();
            assertEquals(6, json.getAsJsonObject("now").get("messages").getAsLong());
            assertEquals("2026-11-22", json.getAsJsonObject("period").get("from").getAsString());
        }
    }
}
