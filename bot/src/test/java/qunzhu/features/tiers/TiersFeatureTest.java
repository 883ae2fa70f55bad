package qunzhu.features.tiers;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.feature.MemberTiers;
import qunzhu.feature.MemberTiers.Tier;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.Setup;
import qunzhu.features.points.PointsFeature;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** Tiers from a history built message by message on a stepped clock; /whois shows them to moderators. */
class TiersFeatureTest {
    final MutableClock clock = MutableClock.at("2026-11-01T10:00:00+08:00");
    final TestBot bot = TestBot.with(new PointsFeature(), new TiersFeature(), new Probe()).clock(clock).yaml("""
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                tiers: {active_messages: 5, core_messages: 10, core_top_percent: 20, newcomer_for: 7d, silent_for: 7d, window: 30d}
            """).build();
    final FakeGroup tech = bot.group("tech");

    @AfterEach void stop() { bot.close(); }

    void say(String member, int n) { for (int i = 0; i < n; i++) tech.post(member, member + " 说第 " + i + " 句话"); }

    /** Asks the provided MemberTiers as another feature would: "/tierlist CORE" answers the member ids. */
    static final class Probe implements Feature {
        @Override public String name() { return "probe"; }
        @Override public void install(Setup s) {
            var tiers = s.find(MemberTiers.class);
            s.command(CommandSpec.of("tierlist").arg(Arg.text("tier")).namespace("tiers").handler(call -> List.of(call.reply(
                    "list=" + tiers.orElse(MemberTiers.NONE).members(call.message().chat(), Tier.valueOf(call.rest()))))));
        }
    }

    @Test void tiersFollowTheLogAndWhoisShowsThem() {
        // day 0: alice talks a lot, bob and carol are active, olivia says one thing, erin drops in
        say("alice", 12);
        say("bob", 3);
        say("carol", 6);
        say("olivia", 1);
        tech.join("erin");
        bot.advance(Duration.ofDays(2));
        tech.leave("erin");
        bot.advance(Duration.ofDays(8)); // day 10
        say("alice", 1);
        say("bob", 3); // 6 in the window, 3 of them lately
        tech.join("dan");
        say("dan", 2);

        tech.shouldReply("mia", "/whois @alice", "层级：核心成员");
        tech.shouldReply("mia", "/whois @bob", "层级：活跃成员");
        tech.shouldReply("mia", "/whois @carol", "层级：流失风险");
        tech.shouldReply("mia", "/whois @olivia", "层级：潜水成员");
        tech.shouldReply("mia", "/whois @dan", "层级：新成员");
        var erin = tech.shouldReply("mia", "/whois erin", "层级：已流失");
        FakeGroup.assertContains(erin.text(), "已于 2026-11-03 离开本群");
        var alice = tech.shouldReply("mia", "/whois @alice", "近 30 天发言：13 条");
        FakeGroup.assertContains(alice.text(), "积分：13");

        tech.shouldReply("olivia", "/tierlist ACTIVE", "list=[bob]");
        tech.shouldReply("olivia", "/tierlist CHURNED", "list=[erin]");
        tech.shouldReply("olivia", "/tierlist QUIET", "list=[olivia]");

        // thirty days on, alice's old messages leave the window: nobody is core any more
        bot.advance(Duration.ofDays(31));
        tech.shouldReply("mia", "/whois @alice", "层级：潜水成员");
        tech.shouldReply("mia", "/whois @dan", "层级：潜水成员");
    }

    @Test void membersAreRefusedWhois() {
        tech.post("bob", "hello there");
        tech.shouldReply("alice", "/whois @bob", "只有管理员可以在这里使用 /whois（你是成员）");
    }
}
