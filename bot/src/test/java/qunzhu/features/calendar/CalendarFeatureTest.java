package qunzhu.features.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.config.ConfigException;
import qunzhu.core.Event;
import qunzhu.feature.Feature;
import qunzhu.feature.Setup;
import qunzhu.features.rules.RulesFeature;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.store.Database;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** The calendar on the sandbox: runs, pools, missed runs, restarts, commands, config errors. */
class CalendarFeatureTest {
    static final String GROUPS = """
            profiles:
              interest:
                category: interest
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                profile: interest
                rules: {text: "1. 友善交流。"}
              family:
                chat: sandbox:family
                title: Family & Friends
                locale: en
                profile: interest
            """;

    @TempDir Path dir;

    Path pool(String name, int posts) throws Exception {
        StringBuilder b = new StringBuilder("posts:\n");
        for (int i = 1; i <= posts; i++) b.append("  - \"tip ").append(i).append("\"\n");
        Path p = dir.resolve(name);
        Files.writeString(p, b.toString());
        return p;
    }

    TestBot.Builder bot(MutableClock clock, String calendar) {
        return TestBot.with(new CalendarFeature(), new RulesFeature()).clock(clock).yaml(GROUPS).file("calendar.yml", calendar);
    }

    static List<String> said(FakeGroup g) { return g.botSaid().stream().map(SandboxHub.Entry::text).toList(); }

    @Test void aDailyEntryPostsAtItsTimeByItsPersonaAndCountsThePost() {
        MutableClock clock = MutableClock.at("2026-11-24T08:59:00+08:00");
        List<Event.Counted> counted = new ArrayList<>();
        Feature spy = spy(counted);
        try (TestBot b = TestBot.with(new CalendarFeature(), new RulesFeature(), spy).clock(clock).yaml(GROUPS).file("calendar.yml", """
                calendar:
                  entries:
                    - {id: morning, schedule: "daily 09:00", targets: {groups: [tech]}, persona: host, text: "早上好，今天也要写测试"}
                """).build()) {
            FakeGroup tech = b.group("tech");
            FakeGroup family = b.group("family");
            tech.newEntries();
            family.newEntries();
            b.advance(Duration.ofSeconds(59));
            assertEquals(List.of(), said(tech), "not before 09:00");
            b.advance(Duration.ofSeconds(1));
            List<SandboxHub.Entry> posts = tech.botSaid();
            assertEquals(List.of("早上好，今天也要写测试"), posts.stream().map(SandboxHub.Entry::text).toList());
            assertEquals("小群", posts.get(0).authorName());
            assertEquals(List.of(), said(family));
            assertEquals(1, counted.size());
            assertEquals("morning/host", counted.get(0).detail());
            b.advance(Duration.ofHours(24));
            assertEquals(List.of("早上好，今天也要写测试"), said(tech), "again the next day, once");
        }
    }

    static Feature spy(List<Event.Counted> counted) {
        return new Feature() {
            @Override public String name() { return "spy"; }
            @Override public void install(Setup s) {
                s.on(Event.Counted.class, (e, ctx) -> { if (e.tally() == qunzhu.core.Tally.CALENDAR_POST) counted.add(e); return List.of(); });
            }
        };
    }

    @Test void aPoolRotatesWithoutRepeatsAcrossARestartThenStartsAgain() throws Exception {
        Path pool = pool("tips.yml", 4);
        Path file = dir.resolve("q.db");
        MutableClock clock = MutableClock.at("2026-11-24T08:00:00+08:00");
        String cal = """
                calendar:
                  entries:
                    - {id: tips, schedule: "daily 09:00", targets: {groups: [tech]}, pool: "%s"}
                """.formatted(pool);
        List<String> posts = new ArrayList<>();
        try (TestBot b = bot(clock, cal).database(Database.open(file, false)).build()) {
            FakeGroup tech = b.group("tech");
            tech.newEntries();
            b.advance(Duration.ofHours(1));
            posts.addAll(said(tech));
            b.advance(Duration.ofHours(24));
            posts.addAll(said(tech));
        }
        try (TestBot b = bot(clock, cal).database(Database.open(file, false)).build()) {
            FakeGroup tech = b.group("tech");
            tech.newEntries();
            for (int day = 0; day < 3; day++) { b.advance(Duration.ofHours(24)); posts.addAll(said(tech)); }
        }
        assertEquals(5, posts.size(), String.valueOf(posts));
        assertEquals(Set.of("tip 1", "tip 2", "tip 3", "tip 4"), new HashSet<>(posts.subList(0, 4)), "no repeat before the pool is used up: " + posts);
        assertTrue(Set.of("tip 1", "tip 2", "tip 3", "tip 4").contains(posts.get(4)));
    }

    @Test void aSequentialPoolFollowsTheFileAndAPreviewNeitherPostsNorAdvances() throws Exception {
        Path pool = pool("seq.yml", 3);
        MutableClock clock = MutableClock.at("2026-11-24T08:00:00+08:00");
        try (TestBot b = bot(clock, """
                calendar:
                  entries:
                    - {id: tips, schedule: "daily 09:00", targets: {groups: [tech]}, pool: "%s", order: sequential}
                """.formatted(pool)).build()) {
            FakeGroup tech = b.group("tech");
            FakeGroup ops = b.group("ops");
            ops.shouldReply("olivia", "/schedule preview tips 4",
                    "「tips」接下来的 4 次推送（预览，不会发出）：\n1. 09:00 — tip 1\n2. 明天 09:00 — tip 2\n3. 11月26日 09:00 — tip 3\n4. 11月27日 09:00 — tip 1");
            tech.newEntries();
            b.advance(Duration.ofHours(1));
            assertEquals(List.of("tip 1"), said(tech), "the preview did not move the rotation");
            ops.shouldReply("olivia", "/schedule preview tips", "1. 明天 09:00 — tip 2\n2. 11月26日 09:00 — tip 3\n3. 11月27日 09:00 — tip 1");
            tech.shouldReply("mia", "/schedule preview tips", "只有运营者");
        }
    }

    @Test void missedRunsAreSkippedOrMadeOnceLateAfterDowntime() throws Exception {
        Path file = dir.resolve("q.db");
        MutableClock clock = MutableClock.at("2026-11-24T08:00:00+08:00");
        String cal = """
                calendar:
                  entries:
                    - {id: skipper, schedule: "daily 09:00", targets: {groups: [tech]}, text: "skip me", missed: skip}
                    - {id: latecomer, schedule: "daily 09:00", targets: {groups: [tech]}, text: "late but here", missed: late}
                """;
        try (TestBot b = bot(clock, cal).database(Database.open(file, false)).build()) {
            b.settle();
        }
        clock.advance(Duration.ofDays(3));       // down over three 09:00s; back at 11-27 08:00
        try (TestBot b = bot(clock, cal).database(Database.open(file, false)).build()) {
            FakeGroup tech = b.group("tech");
            b.settle();
            List<String> now = tech.sinceStart().stream().filter(e -> e.kind().equals("bot")).map(SandboxHub.Entry::text).toList();
            assertEquals(List.of("⏰ 迟到的推送（原定 11月24日 09:00，机器人当时不在线）\nlate but here"), now, "one late post, no skipped one");
            tech.newEntries();
            b.advance(Duration.ofHours(1));
            assertEquals(Set.of("skip me", "late but here"), new HashSet<>(said(tech)), "both on time again at 09:00");
        }
    }

    @Test void pauseResumeAndListSurviveARestart() throws Exception {
        Path file = dir.resolve("q.db");
        MutableClock clock = MutableClock.at("2026-11-24T08:00:00+08:00");
        String cal = """
                calendar:
                  entries:
                    - {id: morning, schedule: "daily 09:00", targets: {profile: interest}, text: "早"}
                    - {id: xmas, schedule: "2026-12-24 20:00", targets: {groups: [family]}, text: "Merry Christmas"}
                """;
        try (TestBot b = bot(clock, cal).database(Database.open(file, false)).build()) {
            FakeGroup ops = b.group("ops");
            ops.shouldReply("olivia", "/schedule list", "📅 内容日历（时区 Asia/Shanghai）\n• morning：下次 09:00（daily 09:00），2 个群，由 host 发布\n"
                    + "• xmas：下次 12月24日 20:00（2026-12-24 20:00），1 个群，由 host 发布");
            ops.shouldReply("olivia", "/schedule pause morning", "已暂停「morning」");
            ops.shouldReply("olivia", "/schedule pause nope", "没有名为「nope」的日程。已配置：morning, xmas");
        }
        try (TestBot b = bot(clock, cal).database(Database.open(file, false)).build()) {
            FakeGroup tech = b.group("tech");
            FakeGroup ops = b.group("ops");
            tech.newEntries();
            b.advance(Duration.ofHours(2));
            assertEquals(List.of(), said(tech), "still paused after the restart");
            FakeGroup.assertContains(ops.shouldReply("olivia", "/schedule list", "• morning：已暂停").text(), "• xmas：下次 12月24日 20:00");
            ops.shouldReply("olivia", "/schedule resume morning", "已恢复「morning」，下次推送 明天 09:00。");
            b.advance(Duration.ofHours(23));
            assertEquals(List.of("早"), said(tech));
        }
    }

    @Test void postNowPostsAtOnceWithoutMovingTheSchedule() {
        MutableClock clock = MutableClock.at("2026-11-24T08:00:00+08:00");
        try (TestBot b = bot(clock, """
                calendar:
                  entries:
                    - {id: morning, schedule: "daily 09:00", targets: {profile: interest}, text: "早"}
                """).build()) {
            FakeGroup tech = b.group("tech");
            FakeGroup family = b.group("family");
            tech.newEntries();
            family.newEntries();
            b.group("ops").shouldReply("olivia", "/post now morning", "已开始推送「morning」到 2 个群。");
            assertEquals(List.of("早"), said(tech));
            assertEquals(List.of("早"), said(family));
            b.advance(Duration.ofHours(1));
            assertEquals(List.of("早"), said(tech), "the 09:00 run still comes");
        }
    }

    @Test void theRulesTriggerPostsTheRulesThroughTheRulesFeature() {
        MutableClock clock = MutableClock.at("2026-11-24T08:00:00+08:00");
        try (TestBot b = bot(clock, """
                calendar:
                  entries:
                    - {id: rules, schedule: "weekly mon 10:00", targets: {groups: [tech, family]}, persona: moderator, trigger: rules}
                """).build()) {
            FakeGroup tech = b.group("tech");
            FakeGroup family = b.group("family");
            tech.newEntries();
            family.newEntries();
            b.group("ops").shouldReply("olivia", "/post now rules", "到 2 个群");
            assertEquals(List.of("📜 「技术交流群」群规提醒\n1. 友善交流。"), said(tech));
            assertEquals(List.of(), said(family), "no rules there, nothing posted");
        }
    }

    @Test void firstRunAtStartPostsOnceOnTheFirstStartOnly() throws Exception {
        Path file = dir.resolve("q.db");
        MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
        String cal = """
                calendar:
                  entries:
                    - {id: hello, schedule: "daily 09:00", first_run: at_start, targets: {groups: [tech]}, text: "hi"}
                """;
        try (TestBot b = bot(clock, cal).database(Database.open(file, false)).build()) {
            b.settle();
            assertEquals(List.of("hi"), b.group("tech").sinceStart().stream().filter(e -> e.kind().equals("bot")).map(SandboxHub.Entry::text).toList());
        }
        try (TestBot b = bot(clock, cal).database(Database.open(file, false)).build()) {
            b.settle();
            assertEquals(List.of(), b.group("tech").sinceStart().stream().filter(e -> e.kind().equals("bot")).toList(), "not again at a restart");
        }
    }

    @Test void badEntriesStopStartUpNamingFileLineAndKey() {
        MutableClock clock = MutableClock.at("2026-11-24T08:00:00+08:00");
        ConfigException e = assertThrows(ConfigException.class, () -> bot(clock, """
                calendar:
                  entries:
                    - id: a
                      schedule: "daily 25:00"
                      targets: {groups: [tech]}
                      text: hi
                    - id: b
                      schedule: "daily 09:00"
                      targets: {profile: nosuch}
                      trigger: quizz
                    - id: c
                      schedule: "daily 09:00"
                      targets: {groups: [tech]}
                      text: hi
                      pool: pools/none.yml
                    - id: c
                      schedule: "daily 09:00"
                      targets: {groups: [tech]}
                      pool: pools/none.yml
                      mised: late
                """).build());
        String m = e.getMessage();
        FakeGroup.assertContains(m, "calendar.yml:4: calendar.entries[0].schedule: no such time of day \"25:00\"");
        FakeGroup.assertContains(m, "calendar.yml:9: calendar.entries[1].targets.profile: unknown profile \"nosuch\"");
        FakeGroup.assertContains(m, "calendar.yml:10: calendar.entries[1].trigger: expected one of quiz, lottery, poll, rules, recap, digest");
        FakeGroup.assertContains(m, "calendar.yml:11: calendar.entries[2]: give one of text, pool or trigger, not text and pool");
        FakeGroup.assertContains(m, "calendar.yml:19: calendar.entries[3].pool: no pool file");
        FakeGroup.assertContains(m, "calendar.yml:20: calendar.entries[3].mised: unknown key");
    }

    @Test void aBadPoolFileIsNamedWithItsOwnLine() throws Exception {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "posts:\n  - \"ok\"\n  - [not, a, post]\n  - \"ok\"\n");
        MutableClock clock = MutableClock.at("2026-11-24T08:00:00+08:00");
        ConfigException e = assertThrows(ConfigException.class, () -> bot(clock, """
                calendar:
                  entries:
                    - {id: a, schedule: "daily 09:00", targets: {groups: [tech]}, pool: "%s"}
                """.formatted(bad)).build());
        FakeGroup.assertContains(e.getMessage(), bad + ":3: posts[1]: expected a post");
        FakeGroup.assertContains(e.getMessage(), "has the same post twice");
        assertNotEquals(-1, e.getMessage().indexOf(bad.toString()));
    }
}
