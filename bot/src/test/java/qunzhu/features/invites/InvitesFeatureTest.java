package qunzhu.features.invites;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.core.Event;
import qunzhu.core.Tally;
import qunzhu.feature.Feature;
import qunzhu.feature.Setup;
import qunzhu.features.points.PointsFeature;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** Invites counted after the grace period, clawed back when the invitee leaves early; with the points ledger. */
class InvitesFeatureTest {
    static final class Tallies implements Feature {
        final List<Event.Counted> seen = new CopyOnWriteArrayList<>();
        @Override public String name() { return "tallies"; }
        @Override public void install(Setup s) { s.on(Event.Counted.class, (c, ctx) -> { seen.add(c); return List.of(); }); }
    }

    final MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
    final Tallies tallies = new Tallies();
    final TestBot bot = TestBot.with(new PointsFeature(), new InvitesFeature(), tallies).clock(clock).yaml("""
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                points: {per_message: 0}
                invites: {grace: 3d, points: 10, join_points: 2}
            """).build();
    final FakeGroup tech = bot.group("tech");

    @AfterEach void stop() { bot.close(); }

    long ledger(String member, String kind) {
        return bot.db().count("SELECT COALESCE(SUM(delta), 0) FROM points_ledger WHERE chat_id = 'tech' AND member_id = ? AND kind = ?", member, kind);
    }

    @Test void anInviteeWhoStaysPastTheGracePeriodCountsAndOneWhoLeavesEarlyIsClawedBack() {
        tech.post("alice", "大家好");
        tech.joinInvitedBy("bob2", "alice");
        tech.joinInvitedBy("dan", "alice");
        assertEquals(4, ledger("alice", "EARN"), "join points for both at once");
        bot.advance(Duration.ofDays(1));
        tech.leave("dan"); // within 3 days
        assertEquals(-2, ledger("alice", "CLAWBACK"));
        tech.shouldReply("carol", "/invites", "1. alice — 0 人（另有 1 人待定）");

        bot.advance(Duration.ofDays(2).plusMinutes(1)); // bob2 has stayed 3 days
        assertEquals(14, ledger("alice", "EARN"), "+10 for bob2, nothing for dan");
        assertEquals(12, bot.db().count("SELECT balance FROM points_balance WHERE chat_id = 'tech' AND member_id = 'alice'"));
        List<Event.Counted> accepted = tallies.seen.stream().filter(c -> c.tally() == Tally.INVITE_ACCEPTED).toList();
        assertEquals(1, accepted.size());
        assertEquals("alice", accepted.get(0).member().id());
        assertEquals("bob2", accepted.get(0).detail());
        tech.shouldReply("carol", "/invites", "1. alice — 1 人");
        assertEquals("accepted", bot.db().queryOne("SELECT state FROM invites WHERE member_id = 'bob2'", rs -> rs.getString(1)));
        assertEquals("left", bot.db().queryOne("SELECT state FROM invites WHERE member_id = 'dan'", rs -> rs.getString(1)));

        // dan comes back invited by carol: the first invite decided it, nobody is paid again
        tech.joinInvitedBy("dan", "carol");
        bot.advance(Duration.ofDays(4));
        assertEquals(0, ledger("carol", "EARN"));
        // bob2 leaving after the grace period takes nothing back
        tech.leave("bob2");
        assertEquals(-2, ledger("alice", "CLAWBACK"));
    }

    @Test void aJoinWithoutInviterOrBySelfRecordsNothing() {
        tech.join("erin");
        bot.advance(Duration.ofDays(4));
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM invites"));
        tech.shouldReply("alice", "/invites", "还没有记录到邀请");
    }

    @Test void inviteOnAPlatformWithoutPersonalLinksSaysSo() {
        tech.shouldReply("alice", "/invite", "这个平台没有专属邀请链接");
    }
}
