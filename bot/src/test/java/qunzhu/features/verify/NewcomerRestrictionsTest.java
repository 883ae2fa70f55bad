package qunzhu.features.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/**
 * Verification alone on a layered group, so newcomers may not post links or media for 12 hours
 * or 3 messages. No moderation runs, so everyone else may post the same links: the restriction
 * is the newcomers' own.
 */
class NewcomerRestrictionsTest {
    final TestBot bot = TestBot.with(List.of(new VerifyFeature())).yaml("""
            groups:
              tech: {chat: sandbox:tech, title: 技术交流群, strategy: layered}
            """).build();
    final FakeGroup tech = bot.group("tech");

    @AfterEach void stop() { bot.close(); }

    @Test void newcomersLinkIsRemovedWithANoticeThatGoesAwayAfterAMinute() {
        tech.joinVerified("dave");
        tech.newEntries();
        String link = tech.post("dave", "福利在这 ｈｔｔｐｓ：／／ｇｉｔｈｕｂ．ｃｏｍ／ｘ");
        assertFalse(tech.visible(link), "link removed");
        List<SandboxHub.Entry> said = tech.botSaid();
        assertEquals(1, said.size());
        assertEquals("dave，新成员入群 12 小时内或发言满 3 条之前不能发链接、图片或转发，刚才的消息已删除。再过 12 小时或再发 3 条普通消息后即可。",
                said.get(0).text());
        bot.advance(Duration.ofSeconds(61));
        assertFalse(tech.visible(said.get(0).id()), "notice auto-deleted");
    }

    @Test void aNewcomersLinkAfterSixtyThousandAccentsIsRemovedToo() {
        tech.joinVerified("dave");
        tech.newEntries();
        String link = tech.post("dave", "a" + "\u0301".repeat(59_999) + " ｇｉｔｈｕｂ．ｃｏｍ／ｘ"); // waits 10 s at most
        assertFalse(tech.visible(link), "link removed");
        FakeGroup.assertContains(tech.botSaid().get(0).text(), "dave，新成员入群 12 小时内或发言满 3 条之前不能发链接");
    }

    @Test void restrictionLiftsAfterTheConfiguredMessages() {
        tech.joinVerified("dave");
        tech.newEntries();
        tech.post("dave", "大家好");
        tech.post("dave", "我是新来的");
        String early = tech.post("dave", "看看 github.com");
        assertFalse(tech.visible(early), "after 2 messages still restricted");
        FakeGroup.assertContains(tech.botSaid().get(0).text(), "再发 1 条普通消息后即可");
        tech.post("dave", "请多指教");
        String later = tech.post("dave", "看看 github.com");
        assertTrue(tech.visible(later), "after 3 ordinary messages links are fine");
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM newcomers WHERE member_id = 'dave'"));
    }

    @Test void restrictionLiftsAfterTheConfiguredHours() {
        tech.joinVerified("dave");
        tech.newEntries();
        bot.advance(Duration.ofHours(11));
        String early = tech.post("dave", "https://github.com/docs");
        assertFalse(tech.visible(early));
        FakeGroup.assertContains(tech.botSaid().get(0).text(), "再过 1 小时或");
        bot.advance(Duration.ofHours(1));
        String later = tech.post("dave", "https://github.com/docs");
        assertTrue(tech.visible(later));
    }

    @Test void oldMembersAndModeratorsAreNotRestricted() {
        assertTrue(tech.visible(tech.post("alice", "https://github.com")));
        tech.leave("mia");
        tech.join("mia");
        assertEquals(List.of(), tech.muted(), "moderators skip verification");
        assertTrue(tech.visible(tech.post("mia", "https://github.com")));
    }

    @Test void forwardedMediaFromANewcomerIsRemoved() {
        tech.joinVerified("dave");
        ChatRef chat = new ChatRef("sandbox", "tech");
        String id = tech.post("dave", "看图");
        // The sandbox has no media uploads: deliver the media message as an adapter would.
        bot.bot().pipeline().accept(List.of(new Event.MessagePosted(EventKey.of(chat, "media-1"), chat, bot.clock().instant(),
                "host", MemberRef.of("dave", "dave"), "media-1", "", null, null, true, true, false)));
        bot.settle();
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM action_log WHERE kind = 'delete' AND text = 'media-1' AND reason = 'newcomer link or media'"));
        assertTrue(tech.visible(id), "the ordinary message stays");
    }
}
