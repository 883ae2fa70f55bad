package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.features.duty.DutyFeature;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/** /report mentions the moderators on duty first, and every moderator when none of them reacted in time. */
class ReportOnDutyTest {
    static final String GROUPS = """
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                moderators: [sandbox:carol]
                duty:
                  escalate_after: 10m
                  shifts:
                    - {days: mon-fri, hours: "09:00-18:00", moderators: [sandbox:mia]}
            """;

    TestBot bot;
    FakeGroup tech;

    void start(String at) {
        bot = ModerationBots.moderation(List.of(), new DutyFeature()).yaml(GROUPS).clock(MutableClock.at(at)).build();
        tech = bot.group("tech");
    }

    @AfterEach void stop() { bot.close(); }

    List<String> said() { return tech.botSaid().stream().map(SandboxHub.Entry::text).toList(); }

    @Test void onDutyModeratorIsMentionedFirstAndEveryoneAfterTheDelay() {
        start("2026-11-24T10:00:00+08:00");
        String msg = tech.post("bob", "加我微信领福利");
        tech.newEntries();
        tech.reply("alice", msg, "/report");
        assertEquals(List.of("🚩 已收到举报，@mia 请查看 bob 的这条消息。"), said());
        bot.advance(Duration.ofMinutes(9));
        tech.post("alice", "有人管吗");
        assertEquals(List.of(), said());
        bot.advance(Duration.ofMinutes(1));
        List<SandboxHub.Entry> escalated = tech.botSaid();
        assertEquals(1, escalated.size());
        assertEquals("⏰ 这条举报已等了 10 分钟，值班管理员还没有处理。@carol @mia 请查看 bob 的这条消息。", escalated.get(0).text());
        assertEquals(msg, escalated.get(0).replyTo());
    }

    @Test void aModeratorWritingInTheChatStopsTheEscalation() {
        start("2026-11-24T10:00:00+08:00");
        String msg = tech.post("bob", "加我微信领福利");
        tech.reply("alice", msg, "/report");
        bot.advance(Duration.ofMinutes(3));
        tech.post("mia", "收到，我来看看");
        tech.newEntries();
        bot.advance(Duration.ofMinutes(10));
        assertEquals(List.of(), said());
    }

    @Test void withNobodyOnDutyEveryModeratorIsMentionedAtOnce() {
        start("2026-11-24T20:00:00+08:00");
        String msg = tech.post("bob", "加我微信领福利");
        tech.newEntries();
        tech.reply("alice", msg, "/report");
        assertEquals(List.of("🚩 已收到举报，@carol @mia 请查看 bob 的这条消息。"), said());
        bot.advance(Duration.ofMinutes(15));
        assertEquals(List.of(), said());
    }
}
