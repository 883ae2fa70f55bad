package qunzhu.features.duty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** The roster in Asia/Shanghai: shifts across midnight and the week's end, date overrides, swaps, /duty. */
class DutyFeatureTest {
    static final String GROUPS = """
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                moderators: [sandbox:carol, sandbox:bob]
                duty:
                  shifts:
                    - {days: mon-fri, hours: "09:00-18:00", moderators: [sandbox:mia]}
                    - {days: sun, hours: "23:00-01:00", moderators: [sandbox:carol]}
                    - {days: [mon], hours: "00:00-08:00", moderators: [sandbox:bob]}
                  dates:
                    "2026-11-25": [{hours: "12:00-20:00", moderators: [sandbox:olivia]}]
              family:
                chat: sandbox:family
                title: Family
                locale: en
            """;

    TestBot bot;

    TestBot start(String at) {
        bot = TestBot.with(new DutyFeature()).yaml(GROUPS).clock(MutableClock.at(at)).build();
        return bot;
    }

    @AfterEach void stop() { if (bot != null) bot.close(); }

    @Test void sundayLateShiftRunsIntoMondayAndOverlapsMondaysFirstShift() {
        start("2026-11-22T23:30:00+08:00");
        FakeGroup tech = bot.group("tech");
        tech.shouldReply("alice", "/duty", "🛡 技术交流群 值班\n现在值班：@carol（至 明天 01:00）\n下一班：@bob，明天 00:00 起至 明天 08:00");
        bot.advance(Duration.ofHours(1));   // Monday 00:30: a new day and a new week
        tech.shouldReply("alice", "/duty", "现在值班：@carol（至 01:00）\n现在值班：@bob（至 08:00）\n下一班：@mia，09:00 起至 18:00");
        bot.advance(Duration.ofMinutes(30)); // Monday 01:00: carol's shift is over
        tech.shouldReply("alice", "/duty", "🛡 技术交流群 值班\n现在值班：@bob（至 08:00）\n");
    }

    @Test void shiftEndIsExclusiveAndTheWeekendHasNoShiftUntilSundayNight() {
        start("2026-11-27T17:59:00+08:00");   // Friday
        FakeGroup tech = bot.group("tech");
        tech.shouldReply("alice", "/duty", "现在值班：@mia（至 18:00）");
        bot.advance(Duration.ofMinutes(1));
        tech.shouldReply("alice", "/duty", "现在无人值班。\n下一班：@carol，11月29日 23:00 起至 11月30日 01:00");
    }

    @Test void aDatesOwnShiftsReplaceItsWeekdays() {
        start("2026-11-25T10:00:00+08:00");   // Wednesday, overridden
        FakeGroup tech = bot.group("tech");
        tech.shouldReply("alice", "/duty", "现在无人值班。\n下一班：@olivia，12:00 起至 20:00");
        bot.advance(Duration.ofHours(3));
        tech.shouldReply("alice", "/duty", "现在值班：@olivia（至 20:00）");
        bot.advance(Duration.ofDays(1));      // Thursday 13:00: the weekly shift again
        tech.shouldReply("alice", "/duty", "现在值班：@mia（至 18:00）");
    }

    @Test void moderatorsSwapShiftsForADateAndTheSwapIsKept() {
        start("2026-11-24T10:00:00+08:00");   // Tuesday
        FakeGroup tech = bot.group("tech");
        tech.shouldReply("mia", "/duty swap @mia @carol 2026-11-26", "已换班：11月26日 周四 @mia 与 @carol 的班次互换。");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM duty_swaps WHERE chat_id = 'tech' AND day = '2026-11-26' AND a_id = 'sandbox:mia' AND b_id = 'sandbox:carol'"));
        tech.shouldReply("alice", "/duty", "现在值班：@mia（至 18:00）");   // today is untouched
        bot.advance(Duration.ofDays(2));      // Thursday 10:00
        tech.shouldReply("alice", "/duty", "现在值班：@carol（至 18:00）");
        bot.advance(Duration.ofDays(1));      // Friday: mia again
        tech.shouldReply("alice", "/duty", "现在值班：@mia（至 18:00）");
    }

    @Test void membersCannotSwapAndSwapsNeedAShiftAndAFutureDate() {
        start("2026-11-24T10:00:00+08:00");
        FakeGroup tech = bot.group("tech");
        tech.shouldReply("alice", "/duty swap @mia @carol 2026-11-26", "只有管理员可以换班（你是成员）。");
        tech.shouldReply("mia", "/duty swap @alice @carol 2026-11-28", "@alice 和 @carol 在 11月28日 周六 都没有班次，无需换班。");
        tech.shouldReply("mia", "/duty swap @mia @carol 2026-11-20", "11月20日 周五 已经过去了，不能再换班。");
        tech.shouldReply("mia", "/duty swap @mia @carol someday", "看不懂日期「someday」");
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM duty_swaps"));
    }

    @Test void aGroupWithoutRosterSaysSoInItsLanguage() {
        start("2026-11-24T10:00:00+08:00");
        bot.group("family").shouldReply("alice", "/duty", "This group has no duty roster yet");
    }
}
