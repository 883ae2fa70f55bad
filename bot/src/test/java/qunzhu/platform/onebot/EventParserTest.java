package qunzhu.platform.onebot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qunzhu.platform.onebot.OneBotFrames.groupMessage;
import static qunzhu.platform.onebot.OneBotFrames.seg;
import static qunzhu.platform.onebot.OneBotFrames.segments;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;

class EventParserTest {
    static final String SELF = "20000";
    final EventParser parser = new EventParser("qq1", Clock.systemUTC());

    @Test void arrayMessageGivesTextMentionsReplyAndMedia() {
        JsonObject e = groupMessage(SELF, 123456789L, 10001L, "Alice card", "alice", new JsonPrimitive(3425462029L),
                segments(seg("reply", "id", "-1388401960"), seg("at", "qq", "10002"), seg("text", "text", " /mute 10m "),
                        seg("at", "qq", "10003"), seg("face", "id", "14"), seg("image", "file", "abc.image")), "raw");
        Event.MessagePosted m = assertInstanceOf(Event.MessagePosted.class, parser.parse(e));
        assertEquals(new ChatRef("onebot", "123456789"), m.chat());
        assertEquals("10001", m.author().id());
        assertEquals("Alice card", m.author().name());
        assertEquals("3425462029", m.messageId());
        assertEquals("/mute 10m @10003[表情]", m.text());
        assertEquals("-1388401960", m.replyToId());
        assertEquals("10002", m.replyToAuthor().id());
        assertTrue(m.media());
        assertEquals(Instant.ofEpochSecond(OneBotFrames.TIME), m.at());
        assertEquals("qq1", m.account());
    }

    @Test void cqCodeStringMessageIsUnescapedAndNicknameUsedWithoutCard() {
        JsonObject e = groupMessage(SELF, 1, 10001L, "", "alice", new JsonPrimitive("-964635551"),
                new JsonPrimitive("[CQ:at,qq=all] a&amp;b &#91;CQ:x&#93;, ok"), "");
        Event.MessagePosted m = assertInstanceOf(Event.MessagePosted.class, parser.parse(e));
        assertEquals("@全体成员 a&b [CQ:x], ok", m.text());
        assertEquals("alice", m.author().name());
        assertEquals("-964635551", m.messageId());
        assertFalse(m.media());
    }

    @Test void idsAsStringsAndBeyondInt64AreKeptExactly() {
        JsonObject e = OneBotFrames.json("""
                {"time":"1764000000","self_id":"20000","post_type":"message","message_type":"group","message_id":"18446744073709551615",
                 "group_id":"9876543210","user_id":4294967296,"message":[{"type":"text","data":{"text":"hi"}}],"sender":{}}""");
        Event.MessagePosted m = assertInstanceOf(Event.MessagePosted.class, parser.parse(e));
        assertEquals("18446744073709551615", m.messageId());
        assertEquals("9876543210", m.chat().id());
        assertEquals("4294967296", m.author().id());
        assertEquals("4294967296", m.author().name());
    }

    @Test void theSameMessageSeenByTwoAccountsWithDifferentIdsHasOneKey() {
        Event a = new EventParser("qq1", Clock.systemUTC()).parse(OneBotFrames.text("20000", 1, 10001, "alice", 111, "hello"));
        Event b = new EventParser("qq2", Clock.systemUTC()).parse(OneBotFrames.text("30000", 1, 10001, "alice", -222, "hello"));
        assertEquals(a.key(), b.key());
        Event other = parser.parse(OneBotFrames.text(SELF, 1, 10001, "alice", 111, "hello!"));
        assertNotEquals(a.key(), other.key());
    }

    @Test void joinsByApprovalAndInvitation() {
        Event.MemberJoined j = assertInstanceOf(Event.MemberJoined.class,
                parser.parse(OneBotFrames.notice(SELF, "group_increase", "approve", 1, 10001, 10009)));
        assertEquals("10001", j.member().id());
        assertNull(j.invitedBy());
        Event.MemberJoined inv = assertInstanceOf(Event.MemberJoined.class,
                parser.parse(OneBotFrames.notice(SELF, "group_increase", "invite", 1, 10001, 10009)));
        assertEquals("10009", inv.invitedBy().id());
    }

    @Test void leavesKicksAndOurOwnRemoval() {
        Event.MemberLeft leave = assertInstanceOf(Event.MemberLeft.class,
                parser.parse(OneBotFrames.notice(SELF, "group_decrease", "leave", 1, 10001, 10001)));
        assertNull(leave.removedBy());
        Event.MemberLeft kick = assertInstanceOf(Event.MemberLeft.class,
                parser.parse(OneBotFrames.notice(SELF, "group_decrease", "kick", 1, 10001, 10009)));
        assertEquals("10009", kick.removedBy().id());
        Event.MemberLeft me = assertInstanceOf(Event.MemberLeft.class,
                parser.parse(OneBotFrames.notice(SELF, "group_decrease", "kick_me", 1, 20000, 10009)));
        assertEquals(SELF, me.member().id());
        assertEquals("10009", me.removedBy().id());
    }

    @Test void joinRequestsCarryFlagAndSubTypeAndComment() {
        Event.JoinRequested r = assertInstanceOf(Event.JoinRequested.class,
                parser.parse(OneBotFrames.joinRequest(SELF, "add", 1, 10001, "答案：42", "flag:with:colons")));
        assertEquals("add:flag:with:colons", r.requestId());
        assertEquals("答案：42", r.comment());
        assertEquals(new JoinRequestId("add", "flag:with:colons"), JoinRequestId.decode(r.requestId()));
    }

    @Test void anInvitationOfOurOwnAccountIsNotAJoinRequest() {
        assertNull(parser.parse(OneBotFrames.joinRequest(SELF, "invite", 1, 10001, "", "flag-9")));
    }

    @Test void adminChangesAreReportedSoCachedAdminsAreDropped() {
        Event.AdminsChanged set = assertInstanceOf(Event.AdminsChanged.class,
                parser.parse(OneBotFrames.notice(SELF, "group_admin", "set", 1, 10001, 0)));
        assertEquals("10001", set.member().id());
        Event.AdminsChanged unset = assertInstanceOf(Event.AdminsChanged.class,
                parser.parse(OneBotFrames.notice(SELF, "group_admin", "unset", 1, 10001, 0)));
        assertNotEquals(set.key(), unset.key(), "a promotion and a demotion are two events");
    }

    @Test void recallsBecomeMessageRemovedWithInt64Ids() {
        JsonObject n = OneBotFrames.notice(SELF, "group_recall", null, 1, 10001, 10009);
        n.addProperty("message_id", 5_000_000_000L);
        Event.MessageRemoved r = assertInstanceOf(Event.MessageRemoved.class, parser.parse(n));
        assertEquals("5000000000", r.messageId());
        assertEquals("10009", r.removedBy().id());
    }

    @Test void otherNoticesAndUnknownPostsAreSkippedAndAPrivateMessageIsItsOwnChat() {
        Event.MessagePosted direct = (Event.MessagePosted) parser.parse(OneBotFrames.json("""
                {"time":1,"self_id":1,"post_type":"message","message_type":"private","user_id":5,"message":"hi"}"""));
        assertEquals(ChatRef.direct("onebot", "qq1", "5"), direct.chat(), "the private chat with this account");
        assertEquals("hi", direct.text());
        assertNull(parser.parse(OneBotFrames.notice(SELF, "group_upload", null, 1, 2, 3)));
        assertNull(parser.parse(OneBotFrames.notice(SELF, "notify", "poke", 1, 2, 3)));
        assertNull(parser.parse(OneBotFrames.json("{\"post_type\":\"message_sent\"}")));
        // Malformed, not merely unused: refused with a reason the account logs at WARN.
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> parser.parse(OneBotFrames.json("{\"post_type\":\"message\",\"message_type\":\"group\"}")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> parser.parse(OneBotFrames.json("{\"time\":1}")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> parser.parse(OneBotFrames.json(
                "{\"time\":99999999999999,\"post_type\":\"message\",\"message_type\":\"group\",\"group_id\":1,\"user_id\":2,\"message\":\"hi\"}")));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> parser.parse(OneBotFrames.json(
                "{\"time\":1,\"post_type\":\"message\",\"message_type\":\"group\",\"group_id\":\"abc\",\"user_id\":2,\"message\":\"hi\"}")));
    }
}
