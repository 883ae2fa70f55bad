package qunzhu.features.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.core.Event;
import qunzhu.core.Tally;
import qunzhu.feature.Feature;
import qunzhu.feature.Setup;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** /feedback: stored, acknowledged, forwarded to the log chat and counted for the digest. */
class FeedbackFeatureTest {
    /** Stands for the reports feature: keeps the Counted facts it hears. */
    static final class Tallies implements Feature {
        final List<Event.Counted> seen = new CopyOnWriteArrayList<>();
        @Override public String name() { return "tallies"; }
        @Override public void install(Setup s) { s.on(Event.Counted.class, (c, ctx) -> { seen.add(c); return List.of(); }); }
    }

    final Tallies tallies = new Tallies();
    final TestBot bot = TestBot.with(new FeedbackFeature(), tallies).yaml("""
            groups:
              tech: {chat: "sandbox:tech", title: 技术交流群}
            """).build();
    final FakeGroup tech = bot.group("tech");
    final FakeGroup ops = bot.group("ops");

    @AfterEach void stop() { bot.close(); }

    @Test void feedbackIsStoredAcknowledgedForwardedAndCounted() {
        ops.newEntries();
        tech.shouldReply("alice", "/feedback 希望多办几次线上分享", "收到 alice 的反馈（#1），谢谢！");
        var forwarded = ops.botSaid();
        assertEquals(1, forwarded.size(), "one message to the log chat");
        FakeGroup.assertContains(forwarded.get(0).text(), "📮 反馈 #1，来自 alice（alice），技术交流群：\n希望多办几次线上分享");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM feedback WHERE chat_id = 'tech' AND member_id = 'alice' AND text = '希望多办几次线上分享'"));
        assertEquals(1, tallies.seen.size());
        assertEquals(Tally.FEEDBACK, tallies.seen.get(0).tally());
        assertEquals("希望多办几次线上分享", tallies.seen.get(0).detail());
        assertEquals("alice", tallies.seen.get(0).member().id());

        tech.shouldReply("bob", "反馈 群文件能整理一下吗", "（#2）");
    }

    @Test void feedbackWithoutTextAsksForIt() {
        tech.shouldReply("alice", "/feedback", "请把想说的写在命令后面");
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM feedback"));
        assertEquals(List.of(), tallies.seen);
    }
}
