package qunzhu.features.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.feature.FeatureStore;
import qunzhu.feature.MemberTiers;
import qunzhu.store.History;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** Metrics over a known history, exactly: Shanghai day boundaries, leaving and rejoining, invites, empty groups. */
class ReportsMetricsTest {
    static final ChatRef TECH = new ChatRef("sandbox", "tech");
    static final ChatRef FAMILY = new ChatRef("sandbox", "family");
    static final String GROUPS = """
            profiles:
              dev: {strategy: layered}
            groups:
              tech: {chat: sandbox:tech, title: 技术交流群, profile: dev, strategy: layered}
              family: {chat: sandbox:family, title: 家庭群, strategy: layered}
            """;

    static TestBot bot() {
        return TestBot.with(List.of(new ReportsFeature()), new Emitter()).clock(MutableClock.at("2026-11-24T10:00:00+08:00"))
                .yaml(GROUPS).build();
    }

    static ReportBuilder builder(TestBot bot) {
        return new ReportBuilder(FeatureStore.over(bot.db()), new History(bot.db()), MemberTiers.NONE, bot.bot().services().config(),
                ReportsConfig.DEFAULTS);
    }

    /** The history the tests share: 11-22 and 11-23 in Shanghai, with a post either side of local midnight. */
    static void knownHistory(Feed f) {
        f.post(TECH, "bob", "2026-11-21T20:00:00");
        f.post(TECH, "carol", "2026-11-21T20:01:00");
        f.join(TECH, "alice", "2026-11-22T10:00:00", "bob");
        f.post(TECH, "alice", "2026-11-22T10:05:00");
        f.post(TECH, "bob", "2026-11-22T11:00:00");
        f.post(TECH, "bob", "2026-11-22T11:30:00");
        // 15:59:30 UTC on the 22nd either way; the 22nd and the 23rd in Shanghai
        String carols = f.post(TECH, "carol", "2026-11-22T23:59:30");
        f.post(TECH, "carol", "2026-11-23T00:00:30");
        f.join(TECH, "dave", "2026-11-23T09:10:00", null);
        f.post(TECH, "dave", "2026-11-23T09:20:00", carols);
        f.leave(TECH, "dave", "2026-11-23T12:00:00", null);
        f.join(TECH, "dave", "2026-11-23T13:00:00", null);
        f.join(TECH, "erin", "2026-11-23T14:00:00", null);
        f.leave(TECH, "bob", "2026-11-23T15:00:00", "mia");
    }

    @Test void aDayOfOneGroupIsCountedExactlyInTheBotsZone() {
        try (TestBot bot = bot()) {
            knownHistory(new Feed(bot));
            Report r = builder(bot).build(Scope.group("tech"), Period.day(LocalDate.parse("2026-11-23")));
            Report.Numbers n = r.now();
            assertEquals(2, n.messages(), "carol after midnight and dave's reply");
            assertEquals(1, n.replies());
            assertEquals(2, n.active());
            assertEquals(3, n.joins(), "dave twice (left and rejoined) and erin");
            assertEquals(0, n.joinsInvited());
            assertEquals(2, n.leaves());
            assertEquals(1, n.removals(), "bob was removed by mia");
            assertEquals(1, n.net());
            assertEquals(3, n.membersStart(), "alice, bob, carol");
            assertEquals(4, n.membersEnd(), "alice, carol, dave, erin");
            assertEquals(2, n.newcomers(), "dave and erin");
            assertEquals(1, n.newcomersActive(), "dave posted, erin did not");
            assertEquals(50.0, n.activation());
            assertEquals(1, n.lastWeekNewcomers(), "alice joined on the 22nd");
            assertEquals(0, n.retained(), "alice did not post on the 23rd");
            long[] hours = new long[24];
            hours[0] = 1;
            hours[9] = 1;
            assertArrayEquals(hours, n.hours());
            assertEquals(0, n.busiestHour(), "the earliest of the hours with the most messages");
            assertEquals(List.of("carol", "dave"), r.top().stream().map(Report.Person::name).toList());

            Report.Numbers b = r.before();
            assertEquals(4, b.messages(), "alice, bob twice, carol before midnight");
            assertEquals(1, b.joins());
            assertEquals(1, b.joinsInvited(), "bob invited alice");
            assertEquals(2, b.membersStart());
            assertEquals(3, b.membersEnd());
            assertEquals(50.0, b.growthRate());
        }
    }

    @Test void aWeekAcrossGroupsAddsUpAndAnEmptyGroupIsZero() {
        try (TestBot bot = bot()) {
            knownHistory(new Feed(bot));
            ReportBuilder rb = builder(bot);
            Period week = Period.week(LocalDate.parse("2026-11-22"));
            assertEquals(LocalDate.parse("2026-11-16"), week.from());
            Report all = rb.build(Scope.ALL, week);
            assertEquals(6, all.now().messages(), "2 on the 21st, 4 on the 22nd; carol's 00:00:30 falls in the next week");
            assertEquals(List.of("tech", "family"), all.groups().stream().map(Report.GroupLine::key).toList());
            Report family = rb.build(Scope.group("family"), week);
            assertEquals(0, family.now().messages());
            assertEquals(0, family.now().membersEnd());
            assertEquals(0.0, family.now().activeRate());
            Report dev = rb.build(Scope.profile("dev"), Period.day(LocalDate.parse("2026-11-23")));
            assertEquals(2, dev.now().messages(), "the profile holds tech alone");
        }
    }

    @Test void countedFactsAreTalliedByKindRuleAndMedian() {
        try (TestBot bot = bot()) {
            Feed f = new Feed(bot);
            f.post(TECH, "alice", "2026-11-23T10:00:00");
            for (String s : List.of("!count CHECKIN 3", "!count QUESTION_ASKED 1", "!count QUESTION_ANSWERED 60", "!count QUESTION_ANSWERED 300",
                    "!count QUESTION_ANSWERED 120", "!count MODERATION_ACTION 1 mute/ads", "!count MODERATION_ACTION 1 delete/ads",
                    "!count MODERATION_ACTION 1 mute/flood", "!count FEEDBACK 1 群里广告太多了", "!count VERIFY_TIMED_OUT 1",
                    "!count QUIZ_ANSWER 1")) {
                bot.hub().post("tech", "bob", s, null, null);
                bot.settle();
            }
            bot.hub().post("tech", "carol", "!count QUIZ_ANSWER 0", null, null);
            bot.settle();
            Report r = builder(bot).build(Scope.group("tech"), Period.day(LocalDate.parse("2026-11-24")));
            Report.Tallies t = r.tallies();
            assertEquals(1, t.checkins());
            assertEquals(1, t.questionsAsked());
            assertEquals(3, t.questionsAnswered());
            assertEquals(120L, t.medianAnswerSeconds());
            assertEquals(Map.of("mute", 2L, "delete", 1L), t.moderationByKind());
            assertEquals(Map.of("ads", 2L, "flood", 1L), t.moderationByRule());
            assertEquals(List.of("群里广告太多了"), t.feedback());
            assertEquals(1, t.verifyTimedOut());
            assertEquals(2, t.quizAnswers());
            assertEquals(2, t.quizParticipants(), "bob and carol");
        }
    }

    /** Core gone silent: 10 or more messages in the 21 days before the period's last 7, none since, not left since. */
    @Test void coreMembersGoneSilentAreListedExactly() {
        try (TestBot bot = TestBot.with(List.of(new ReportsFeature()), new Emitter()).clock(MutableClock.at("2026-12-01T10:00:00+08:00"))
                .yaml(GROUPS).build()) {
            Feed f = new Feed(bot);
            posts(f, "alice", "2026-11-10T10:00", 10);   // silent since: listed
            posts(f, "bob", "2026-11-10T10:00", 12);
            f.post(TECH, "bob", "2026-11-26T10:00:00");   // spoke in the last 7 days
            posts(f, "carol", "2026-11-10T10:00", 10);
            f.leave(TECH, "carol", "2026-11-25T10:00:00", null);   // left: churned, not silent
            posts(f, "dave", "2026-11-10T10:00", 9);   // too few
            posts(f, "erin", "2026-11-02T10:00", 11);   // before the 21 days
            posts(f, "frank", "2026-11-05T10:00", 5);
            posts(f, "frank", "2026-11-20T10:00", 6);
            f.post(TECH, "frank", "2026-11-24T00:00:10");   // the first quiet day
            posts(f, "gina", "2026-11-23T23:00", 10);   // the window's last day: listed
            f.leave(TECH, "hank", "2026-11-12T10:00:00", null);
            f.join(TECH, "hank", "2026-11-13T10:00:00", null);
            posts(f, "hank", "2026-11-15T10:00", 10);   // left before the quiet days and came back: listed
            posts(f, "ivan", "2026-11-15T10:00", 10);
            f.join(FAMILY, "ivan", "2026-11-27T10:00:00", null);   // another group: still silent in tech
            Report r = builder(bot).build(Scope.ALL, Period.day(LocalDate.parse("2026-11-30")));
            assertEquals(List.of("alice", "gina", "hank", "ivan"), r.silentCore().stream().map(Report.Person::name).toList());
            assertEquals(List.of(10L, 10L, 10L, 10L), r.silentCore().stream().map(Report.Person::messages).toList());
        }
    }

    /**
     * Newcomers, activation and last week's retention count each member once per group, however
     * often they joined or posted: a rejoin is one newcomer, a member in two groups is two.
     */
    @Test void newcomersAndRetentionCountMembersOncePerGroup() {
        try (TestBot bot = TestBot.with(List.of(new ReportsFeature()), new Emitter()).clock(MutableClock.at("2026-12-01T10:00:00+08:00"))
                .yaml(GROUPS).build()) {
            Feed f = new Feed(bot);
            // Last week (11-23 .. 11-29): alice joins twice and posts on two days of the week after; bob joins, posts, leaves;
            // carol joins and stays quiet; dave joins tech and family and posts in both.
            f.join(TECH, "alice", "2026-11-23T10:00:00", null);
            f.leave(TECH, "alice", "2026-11-24T10:00:00", null);
            f.join(TECH, "alice", "2026-11-25T10:00:00", null);
            f.join(TECH, "bob", "2026-11-26T10:00:00", null);
            f.join(TECH, "carol", "2026-11-27T10:00:00", null);
            f.join(TECH, "dave", "2026-11-28T10:00:00", null);
            f.join(FAMILY, "dave", "2026-11-28T11:00:00", null);
            // The period (11-30 .. 12-06): erin joins twice and posts twice; frank joins and stays quiet.
            f.post(TECH, "alice", "2026-11-30T10:00:00");
            f.post(TECH, "alice", "2026-12-01T09:00:00");
            f.post(TECH, "bob", "2026-11-30T11:00:00");
            f.leave(TECH, "bob", "2026-11-30T12:00:00", null);
            f.post(TECH, "dave", "2026-11-30T13:00:00");
            f.post(FAMILY, "dave", "2026-11-30T14:00:00");
            f.join(TECH, "erin", "2026-11-30T15:00:00", null);
            f.post(TECH, "erin", "2026-11-30T16:00:00");
            f.leave(TECH, "erin", "2026-11-30T17:00:00", null);
            f.join(TECH, "erin", "2026-12-01T08:00:00", null);
            f.post(TECH, "erin", "2026-12-01T08:30:00");
            f.join(FAMILY, "frank", "2026-12-01T08:40:00", null);
            Report.Numbers n = builder(bot).build(Scope.ALL, new Period(LocalDate.parse("2026-11-30"), LocalDate.parse("2026-12-06"))).now();
            assertEquals(2, n.newcomers(), "erin (joined twice) and frank");
            assertEquals(1, n.newcomersActive(), "erin posted, frank did not");
            assertEquals(5, n.lastWeekNewcomers(), "alice (joined twice), bob, carol, and dave in each group");
            assertEquals(3, n.retained(), "alice, and dave in each group; bob left, carol stayed quiet");
        }
    }

    private static void posts(Feed f, String who, String from, int n) {
        for (int i = 0; i < n; i++) f.post(TECH, who, from + ":" + (i < 10 ? "0" + i : i));
    }
}
