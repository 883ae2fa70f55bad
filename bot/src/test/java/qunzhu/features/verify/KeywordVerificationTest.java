package qunzhu.features.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.features.welcome.WelcomeFeature;
import qunzhu.testkit.FakePlatform;
import qunzhu.testkit.TestBot;

/** On a platform without buttons (QQ) the newcomer types the keyword instead, and is not muted meanwhile. */
class KeywordVerificationTest {
    final FakePlatform p = FakePlatform.lacking("q", "qq");
    /** Verification (before the command router, as shipped) and the welcome, on one QQ group. */
    final TestBot bot = TestBot.with(List.of(new VerifyFeature()), new WelcomeFeature()).platform(p.factory())
            .file("accounts.yml", "accounts:\n  - id: q\n    platform: qq\n")
            .yaml("groups:\n  g:\n    chat: qq:g1\n    title: QQ 群\n    strategy: layered\n"
                    + "    moderators: [\"qq:900\"]\n    join_requests: {policy: moderators}\n").build();
    final ChatRef chat = new ChatRef("qq", "g1");
    int seq;

    @AfterEach void stop() { bot.close(); }

    void deliver(Event e) { p.deliver(e); bot.settle(); }

    void say(String who, String text) {
        String id = "m" + ++seq;
        deliver(new Event.MessagePosted(EventKey.of(chat, id), chat, bot.clock().instant(), "q", MemberRef.of(who, who), id, text,
                null, null, false, false, false));
    }

    @Test void typingTheKeywordPasses() {
        deliver(new Event.MemberJoined(EventKey.of(chat, "j1"), chat, bot.clock().instant(), "q", MemberRef.of("10001", "小明"), null));
        assertFalse(p.performed.stream().anyMatch(a -> a instanceof Action.Mute), "no mute: they must be able to type");
        assertTrue(p.sent().get(0).contains("请在 5 分钟内在群里发送「验证」完成验证"), p.sent().toString());
        say("20002", "验证");
        assertEquals(1, p.sent().size(), "someone else's keyword does nothing");
        say("10001", " 验证 ");
        assertTrue(p.sent().get(p.sent().size() - 1).startsWith("欢迎 小明 加入「QQ 群」"), p.sent().toString());
        assertEquals(List.of("passed"), bot.db().query("SELECT outcome FROM verify_log", rs -> rs.getString(1)));
    }

    @Test void aModeratorTypesTheKeywordOfAJoinRequestButton() {
        deliver(new Event.JoinRequested(EventKey.of(chat, "r1"), chat, bot.clock().instant(), "q", MemberRef.of("10003", "小红"),
                "add:flag-1", "朋友介绍"));
        Action.Send notice = (Action.Send) p.performed.stream().filter(a -> a instanceof Action.Send).findFirst().orElseThrow();
        String approve = notice.buttons().get(0).keyword();
        assertTrue(approve.matches("批准 \\d+"), approve);
        say("10004", approve);
        assertFalse(p.performed.stream().anyMatch(a -> a instanceof Action.ApproveJoin), "a member's keyword approves nothing");
        say("900", approve);
        assertTrue(p.performed.stream().anyMatch(a -> a instanceof Action.ApproveJoin j && j.requestId().equals("add:flag-1")),
                p.performed.toString());
    }
}
