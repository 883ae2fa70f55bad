package qunzhu.features.highlights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.PersonaRole;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.Setup;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** /highlight pays the author and counts; the weekly recap (trigger or /recap) lists the week and reposts to the profile's groups. */
class HighlightsFeatureTest {
    static final String GROUPS = """
            profiles:
              interest:
                highlights: {points: 8, repost_to_profile: true}
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                profile: interest
              tech2:
                chat: sandbox:tech2
                title: 技术二群
                profile: interest
              family:
                chat: sandbox:family
                title: Family
                locale: en
            """;

    /** Stands in for the calendar (emits Triggered on "/fire <trigger> [late]") and for the points and reports features. */
    static final class Spine implements Feature {
        final List<Event> seen = new CopyOnWriteArrayList<>();

        @Override public String name() { return "spine"; }

        @Override public void install(Setup s) {
            s.command(CommandSpec.of("fire").arg(Arg.text("what")).handler(call -> {
                List<String> w = call.words();
                call.ctx().emit(new Event.Triggered(EventKey.of(call.message().chat(), "fire:" + call.message().messageId()),
                        call.message().chat(), call.ctx().now(), null, w.get(0), null, PersonaRole.HOST, w.size() > 1));
                return List.of();
            }));
            s.on(Event.PointsChanged.class, (e, ctx) -> { seen.add(e); return List.of(); });
            s.on(Event.Counted.class, (e, ctx) -> { seen.add(e); return List.of(); });
        }
    }

    final Spine spine = new Spine();
    final TestBot bot = TestBot.with(new HighlightsFeature(), spine).yaml(GROUPS).build();
    final FakeGroup tech = bot.group("tech");
    final FakeGroup tech2 = bot.group("tech2");
    final FakeGroup family = bot.group("family");

    @AfterEach void stop() { bot.close(); }

    static List<String> texts(List<SandboxHub.Entry> e) { return e.stream().map(SandboxHub.Entry::text).toList(); }

    @Test void aModeratorsHighlightPaysTheAuthorOnceAndIsCounted() {
        String msg = tech.post("bob", "分享一个调试技巧：先看日志再猜");
        tech.reply("mia", msg, "/highlight");
        List<SandboxHub.Entry> reply = tech.botSaid();
        assertEquals(List.of("✨ 已设为精华：bob 的这条消息，+8 积分。"), texts(reply));
        assertEquals(msg, reply.get(0).replyTo());
        assertEquals(1, spine.seen.stream().filter(e -> e instanceof Event.PointsChanged p && p.member().id().equals("bob")
                && p.delta() == 8 && p.source().equals("highlight:tech#" + msg) && p.kind() == qunzhu.core.PointsKind.EARN).count());
        assertEquals(1, spine.seen.stream().filter(e -> e instanceof Event.Counted c && c.tally() == qunzhu.core.Tally.HIGHLIGHT
                && c.member().id().equals("bob")).count());
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM highlights WHERE author_id = 'bob' AND marked_by = 'mia' AND excerpt = '分享一个调试技巧：先看日志再猜'"));

        tech.shouldReply("mia", "/highlight", "请回复要设为精华的消息");
        tech.reply("mia", msg, "/highlight");
        assertEquals(List.of("这条消息已经是精华了（bob）。"), texts(tech.botSaid()));
        assertEquals(2, spine.seen.size(), "no second payment");
        tech.reply("alice", msg, "/highlight");
        assertEquals(1, tech.botSaid().size());
        assertEquals(2, spine.seen.size(), "members cannot highlight");
    }

    @Test void theRecapTriggerPostsTheWeekHereAndRepostsToTheProfilesOtherGroups() {
        String old = tech.post("carol", "上上周的好消息");
        tech.reply("mia", old, "/highlight");
        bot.advance(Duration.ofDays(8));
        String a = tech.post("bob", "Maven 离线构建：mvn -o");
        tech.reply("mia", a, "/highlight");
        bot.advance(Duration.ofHours(1));
        String b = tech.post("alice", "JDK 21 的虚拟线程很好用");
        tech.reply("mia", b, "/highlight");
        tech.newEntries();
        tech2.newEntries();
        family.newEntries();
        tech.post("olivia", "/fire recap");
        String base = "http://127.0.0.1:0/?group=tech#";
        assertEquals(List.of("✨ 技术交流群 最近 7 天的精华（2 条）\n1. bob：「Maven 离线构建：mvn -o」 " + base + a
                + "\n2. alice：「JDK 21 的虚拟线程很好用」 " + base + b), texts(tech.botSaid()));
        assertEquals(List.of("✨ 转自「技术交流群」：最近 7 天的精华（2 条）\n1. bob：「Maven 离线构建：mvn -o」 " + base + a
                + "\n2. alice：「JDK 21 的虚拟线程很好用」 " + base + b), texts(tech2.botSaid()));
        assertEquals(List.of(), texts(family.botSaid()), "another profile");
        tech.post("olivia", "/fire quiz");
        assertEquals(List.of(), texts(tech.botSaid()), "other triggers are not ours");
    }

    @Test void aLateRecapSaysSoAndAnEmptyWeekIsSaidPlainly() {
        family.post("olivia", "/fire recap late");
        assertEquals(List.of("(This recap is late: the bot was down.)\n✨ No highlights in Family in the last 7 days yet. Moderators reply to a good message with /highlight."),
                texts(family.botSaid()));
    }

    @Test void moderatorsPostTheRecapNowWithSlashRecap() {
        String a = family.post("bob", "Sunday lunch at noon");
        family.reply("mia", a, "/highlight");
        family.newEntries();
        family.post("mia", "/recap");
        assertEquals(List.of("✨ Highlights of Family, last 7 days (1)\n1. bob: “Sunday lunch at noon” http://127.0.0.1:0/?group=family#" + a),
                texts(family.botSaid()));
        family.shouldReply("alice", "/recap", "Only moderators");
    }
}
