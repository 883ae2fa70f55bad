package qunzhu.features.points;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.feature.Feature;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;
import qunzhu.testkit.Throwing;

/**
 * A member at the day's cap is remembered, so their later messages that day cost no statement;
 * what is remembered must never outlive what was stored: a group rolled back and run again pays
 * its messages again.
 */
class ActivityCapTest {
    static final Feature BROKEN = Throwing.on("boom boom");

    final MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
    final TestBot bot = TestBot.with(new PointsFeature(), BROKEN).clock(clock).yaml(PointsFeatureTest.GROUPS).build();
    final ChatRef tech = new ChatRef("sandbox", "tech");

    @AfterEach void stop() { bot.close(); }

    long balance(String member) {
        return bot.db().count("SELECT COALESCE(SUM(delta), 0) FROM points_ledger WHERE chat_id = 'tech' AND member_id = ?", member);
    }

    Event.MessagePosted message(String id, String who, String text) {
        return new Event.MessagePosted(EventKey.of(tech, id), tech, clock.instant(), "host", MemberRef.of(who, who), id, text, null, null,
                false, false, false);
    }

    @Test void theCapFilledInAGroupThatRunsAgainIsFilledAgain() {
        List<Event> batch = new ArrayList<>();
        for (int i = 1; i <= 4; i++) batch.add(message("a" + i, "alice", "第 " + i + " 条有意义的消息"));   // the cap is 3
        batch.add(message("x", "bob", "boom boom"));
        bot.bot().pipeline().accept(batch);   // one group: run, rolled back for bob's message, run again
        bot.settle();
        assertEquals(3, balance("alice"), "the rerun pays up to the cap again");
        bot.bot().pipeline().accept(List.of(message("a5", "alice", "第五条有意义的消息")));
        bot.settle();
        assertEquals(3, balance("alice"), "and the cap holds after it");
        clock.advance(Duration.ofDays(1));
        bot.bot().pipeline().accept(List.of(message("a6", "alice", "新的一天有意义的消息")));
        bot.settle();
        assertEquals(4, balance("alice"), "a new day has room again");
    }

    /**
     * A group's paying messages are written at its commit, once per member's day: within the
     * group a repeat does not pay, the day's cap counts them, and a check-in's reply states the
     * balance with the points not written yet.
     */
    @Test void aGroupPaysFromMemoryAndTheCheckinReplyCountsWhatItPaid() {
        qunzhu.testkit.FakeGroup group = bot.group("tech");
        List<Event> batch = new ArrayList<>();
        batch.add(message("b1", "alice", "第一条有意义的消息"));
        batch.add(message("b2", "alice", "第一条有意义的消息"));   // a repeat: nothing
        batch.add(message("b3", "alice", "第二条有意义的消息"));
        batch.add(message("b4", "alice", "/checkin"));
        bot.bot().pipeline().accept(batch);
        bot.settle();
        bot.step(Duration.ofSeconds(1));   // the outbox sends what the group stored
        assertEquals(List.of("✅ alice 签到成功，连续 1 天，+5 积分（当前 7）"), group.botSaid().stream().map(e -> e.text()).toList(),
                "2 for the messages, 5 for the check-in");
        assertEquals(7, balance("alice"));
        assertEquals(2, bot.db().count("SELECT earned FROM points_activity WHERE member_id = 'alice'"));
        assertEquals("第二条有意义的消息", bot.db().queryOne("SELECT last_text FROM points_activity WHERE member_id = 'alice'", rs -> rs.getString(1)));
        assertEquals(7, bot.db().count("SELECT balance FROM points_balance WHERE member_id = 'alice'"), "the balance follows the ledger");
        bot.bot().pipeline().accept(List.of(message("b5", "alice", "第二条有意义的消息"), message("b6", "alice", "第三条有意义的消息"),
                message("b7", "alice", "第四条有意义的消息")));
        bot.settle();
        assertEquals(3, bot.db().count("SELECT earned FROM points_activity WHERE member_id = 'alice'"),
                "the repeat of the last paying text pays nothing in a later group either, and the cap is 3");
        assertEquals(8, balance("alice"));
    }
}
