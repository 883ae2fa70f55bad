package qunzhu.features.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** Check-in, activity points, /points, /top and /givepoints, on the sandbox with the points feature alone. */
class PointsFeatureTest {
    static final String GROUPS = """
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                points: {per_message: 1, daily_message_cap: 3, min_chars: 5}
            """;

    final MutableClock clock = MutableClock.at("2026-11-24T23:59:00+08:00");
    final TestBot bot = TestBot.with(new PointsFeature()).clock(clock).yaml(GROUPS).build();
    final FakeGroup tech = bot.group("tech");

    @AfterEach void stop() { bot.close(); }

    long balance(String member) {
        return bot.db().count("SELECT COALESCE(SUM(delta), 0) FROM points_ledger WHERE chat_id = 'tech' AND member_id = ?", member);
    }

    @Test void checkinAtOneMinuteToMidnightAndOneMinuteAfterInShanghaiAreTwoDays() {
        // 23:59 and 00:01 in Asia/Shanghai are 15:59 and 16:01 UTC: the same UTC day, two local days.
        tech.shouldReply("alice", "/checkin", "alice 签到成功，连续 1 天，+5 积分（当前 5）");
        bot.advance(Duration.ofMinutes(2));
        tech.shouldReply("alice", "签到", "连续 2 天，+6 积分（当前 11）");
    }

    @Test void secondCheckinTheSameDaySaysSoAndPaysNothing() {
        tech.shouldReply("alice", "/checkin", "连续 1 天");
        bot.advance(Duration.ofMinutes(2)); // 00:01, a new day
        tech.shouldReply("alice", "/checkin", "连续 2 天");
        bot.advance(Duration.ofHours(20)); // 20:01 the same local day
        tech.shouldReply("alice", "签到", "今天已经签到过了，连续 2 天，当前积分 11");
        assertEquals(11, balance("alice"));
        assertEquals(2, bot.db().count("SELECT COUNT(*) FROM points_ledger WHERE member_id = 'alice' AND reason = 'checkin'"));
    }

    @Test void streakBonusGrowsToItsCapAndAMilestonePaysOnceThenAMissedDayStartsAgain() {
        long[] expected = {5, 6, 7, 8, 9, 10, 20, 10}; // base 5, +1 a day up to +5, day 7 milestone +10
        for (int day = 1; day <= expected.length; day++) {
            tech.shouldReply("bob", "/checkin", "连续 " + day + " 天，+" + expected[day - 1] + " 积分");
            bot.advance(Duration.ofDays(1));
        }
        bot.advance(Duration.ofDays(1)); // one day missed
        tech.shouldReply("bob", "/checkin", "连续 1 天，+5 积分");
    }

    @Test void pointsShowsBalanceRankAndHistory() {
        tech.shouldReply("alice", "/checkin", "连续 1 天");
        tech.post("bob", "今天天气真不错啊");
        tech.shouldReply("bob", "/points", "bob 的积分：1（本群第 2 名）");
        tech.shouldReply("alice", "积分", "alice 的积分：5（本群第 1 名）");
        var h = tech.shouldReply("alice", "/points history", "alice 的积分明细（当前 5）");
        FakeGroup.assertContains(h.text(), "11-24 +5 获得 签到");
        tech.shouldReply("carol", "/points history", "你还没有积分记录");
    }

    @Test void topListsHighestBalancesFirstAndHonoursN() {
        tech.shouldReply("alice", "/checkin", "连续 1 天");
        tech.post("bob", "第一条有意义的消息");
        tech.shouldReply("olivia", "/givepoints @carol 30 活动奖励", "已为 carol 调整积分 +30（活动奖励），当前 30");
        var top = tech.shouldReply("bob", "/top", "技术交流群 积分排行（前 3 名）");
        FakeGroup.assertContains(top.text(), "1. carol — 30\n2. alice — 5\n3. bob — 1");
        var two = tech.shouldReply("bob", "排行 2", "前 2 名");
        assertTrue(!two.text().contains("bob"), two.text());
    }

    @Test void onlyOperatorsMayGivePointsAndTakingNeverGoesBelowZero() {
        tech.shouldReply("alice", "/givepoints @bob 100 我是好人", "只有运营者可以在这里使用 /givepoints（你是成员）");
        tech.shouldReply("mia", "/givepoints @bob 100 版主奖励", "只有运营者可以在这里使用 /givepoints（你是管理员）");
        assertEquals(0, balance("bob"));
        tech.shouldReply("olivia", "/givepoints @bob 10 答疑", "+10");
        tech.shouldReply("olivia", "/givepoints @bob -15 刷屏", "不能扣除 bob 15 积分：当前只有 10");
        tech.shouldReply("olivia", "/givepoints @bob -4 刷屏", "已为 bob 调整积分 -4（刷屏），当前 6");
        tech.shouldReply("olivia", "/givepoints @bob 5", "请写明原因");
        assertEquals(6, balance("bob"));
    }

    @Test void activityPointsAreCappedDailyAndShortOrRepeatedMessagesEarnNothing() {
        tech.post("carol", "好");                  // too short
        tech.post("carol", "这个问题我也遇到过");
        tech.post("carol", "这个问题我也遇到过");    // a repeat
        tech.post("carol", "  这个问题我也遇到过 ");  // a repeat after trimming
        assertEquals(1, balance("carol"));
        tech.post("carol", "试试升级到最新版本");
        tech.post("carol", "或者清一下缓存看看");
        tech.post("carol", "还不行就贴一下日志");   // over the cap of 3
        assertEquals(3, balance("carol"));
        bot.advance(Duration.ofMinutes(2)); // 00:01: a new day, a new cap
        tech.post("carol", "早上好，大家新的一天");
        assertEquals(4, balance("carol"));
        assertEquals(List.of(), tech.botSaid().stream().map(e -> e.text()).toList(), "activity points are silent");
    }

    @Test void aDaysActivityPointsAreOneGrowingLineInTheHistoryAndTheBalanceFollowsIt() {
        tech.post("bob", "第一条有意义的消息");
        tech.post("bob", "第二条有意义的消息");
        assertEquals(2, bot.db().count("SELECT balance FROM points_balance WHERE chat_id = 'tech' AND member_id = 'bob'"));
        tech.shouldReply("bob", "/checkin", "+5 积分（当前 7）");
        tech.post("bob", "第三条有意义的消息");
        bot.advance(Duration.ofMinutes(2)); // 00:01, the next day
        tech.post("bob", "新的一天第一条消息");
        assertEquals(List.of("activity:2026-11-24 3", "checkin:2026-11-24 5", "activity:2026-11-25 1"),
                bot.db().query("SELECT source, delta FROM points_ledger WHERE member_id = 'bob' ORDER BY id",
                        rs -> rs.getString(1) + " " + rs.getLong(2)));
        var h = tech.shouldReply("bob", "/points history", "bob 的积分明细（当前 9）");
        FakeGroup.assertContains(h.text(), "11-25 +1 获得 发言");
        FakeGroup.assertContains(h.text(), "11-24 +3 获得 发言");
        assertEquals(9, bot.db().count("SELECT balance FROM points_balance WHERE chat_id = 'tech' AND member_id = 'bob'"));
    }
}
