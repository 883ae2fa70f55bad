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
}
