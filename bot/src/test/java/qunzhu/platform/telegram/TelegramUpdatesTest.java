package qunzhu.platform.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;

/** Every update kind the adapter maps, through polling against the fake Bot API. */
@Timeout(30)
class TelegramUpdatesTest {
    Harness h;

    @BeforeEach void start() throws Exception { h = Harness.polling(); }
    @AfterEach void stop() { h.close(); }

    static final ChatRef CHAT = new ChatRef("telegram", Harness.CHAT);

    @Test void groupTextMessageBecomesMessagePostedWithTheSupergroupIdIntact() {
        h.message(10, "\"text\":\"hello all\"");
        var m = h.await(Event.MessagePosted.class, e -> true);
        assertEquals(CHAT, m.chat());
        assertEquals("-1001234567890", m.key().chat());
        assertEquals("10", m.key().nativeId());
        assertEquals("10", m.messageId());
        assertEquals("42", m.author().id());
        assertEquals("Alice", m.author().name());
        assertEquals("hello all", m.text());
        assertEquals("tg", m.account());
        assertFalse(m.media() || m.forwarded() || m.fromChannel());
    }

    @Test void photoWithCaptionAndPhotoWithoutTextAreMedia() {
        h.message(11, "\"photo\":[{\"file_id\":\"f1\",\"file_unique_id\":\"u1\",\"width\":90,\"height\":90}],\"caption\":\"look\"");
        h.message(12, "\"sticker\":{\"file_id\":\"s1\"}");
        var captioned = h.await(Event.MessagePosted.class, e -> e.messageId().equals("11"));
        var bare = h.await(Event.MessagePosted.class, e -> e.messageId().equals("12"));
        assertEquals("look", captioned.text());
        assertTrue(captioned.media());
        assertEquals("", bare.text());
        assertTrue(bare.media());
    }

    @Test void ourCommandSuffixIsStrippedAndAnotherBotsCommandNeverArrives() {
        h.message(13, "\"text\":\"/rules@QunzhuBot please\",\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":16}]");
        h.message(14, "\"text\":\"/rules@OtherBot\",\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":15}]");
        h.message(15, "\"text\":\"/help@qunzhubot\"");
        assertEquals("/rules please", h.await(Event.MessagePosted.class, e -> e.messageId().equals("13")).text());
        assertEquals("/help", h.await(Event.MessagePosted.class, e -> e.messageId().equals("15")).text());
        assertTrue(h.events().stream().noneMatch(e -> e instanceof Event.MessagePosted m && m.messageId().equals("14")),
                "a command for @OtherBot must not reach our router");
    }

    @Test void replyCarriesTheRepliedMessageAndItsAuthor() {
        h.message(16, "\"text\":\"+1\",\"reply_to_message\":{\"message_id\":9,\"date\":1763999990," + Harness.chat()
                + ",\"from\":" + Harness.user(77, "Bob") + ",\"text\":\"idea\"}");
        var m = h.await(Event.MessagePosted.class, e -> true);
        assertEquals("9", m.replyToId());
        assertEquals("77", m.replyToAuthor().id());
        assertEquals("Bob", m.replyToAuthor().name());
    }

    @Test void forwardsAreMarkedAndChannelForwardsSaySo() {
        h.message(17, "\"text\":\"buy now\",\"forward_origin\":{\"type\":\"channel\",\"date\":1763990000,"
                + "\"chat\":{\"id\":-1009876543210,\"type\":\"channel\",\"title\":\"Deals\"},\"message_id\":3}");
        h.message(18, "\"text\":\"fwd\",\"forward_origin\":{\"type\":\"user\",\"date\":1763990000,\"sender_user\":" + Harness.user(5, "Eve") + "}");
        h.message(19, "\"text\":\"old style\",\"forward_from_chat\":{\"id\":-1009876543210,\"type\":\"channel\"},\"forward_date\":1763990000");
        var channel = h.await(Event.MessagePosted.class, e -> e.messageId().equals("17"));
        var user = h.await(Event.MessagePosted.class, e -> e.messageId().equals("18"));
        var old = h.await(Event.MessagePosted.class, e -> e.messageId().equals("19"));
        assertTrue(channel.forwarded() && channel.fromChannel());
        assertTrue(user.forwarded() && !user.fromChannel());
        assertTrue(old.forwarded() && old.fromChannel());
    }

    @Test void onlyAMessageSentAsTheGroupItselfIsMarkedSentAsChat() {
        // An anonymous admin: Telegram sends the message with the group as sender_chat (from is GroupAnonymousBot).
        h.message(30, "\"text\":\"/ban\",\"sender_chat\":{\"id\":" + Harness.CHAT + ",\"type\":\"supergroup\",\"title\":\"Tech\"}");
        // A linked channel's post, or a member writing as their channel: another chat, not this one.
        h.message(31, "\"text\":\"/ban\",\"sender_chat\":{\"id\":-1009876543210,\"type\":\"channel\",\"title\":\"Deals\"}");
        h.message(32, "\"text\":\"/ban\"");
        var asGroup = h.await(Event.MessagePosted.class, e -> e.messageId().equals("30"));
        var asChannel = h.await(Event.MessagePosted.class, e -> e.messageId().equals("31"));
        var plain = h.await(Event.MessagePosted.class, e -> e.messageId().equals("32"));
        assertTrue(asGroup.sentAsChat());
        assertEquals(Harness.CHAT, asGroup.author().id());
        assertFalse(asChannel.sentAsChat());
        assertFalse(plain.sentAsChat());
    }

    @Test void editedMessageGetsItsOwnStableKey() {
        h.api.push("{\"edited_message\":{\"message_id\":20,\"date\":1764000000,\"edit_date\":1764000100," + Harness.chat()
                + ",\"from\":" + Harness.user(42, "Alice") + ",\"text\":\"fixed typo\"}}");
        var m = h.await(Event.MessagePosted.class, e -> true);
        assertEquals("e20-1764000100", m.key().nativeId());
        assertEquals("20", m.messageId());
        assertEquals("fixed typo", m.text());
    }

    @Test void oneJoinReportedTwiceIsOneJoinKey() {
        h.api.push("{\"message\":{\"message_id\":21,\"date\":1764000000," + Harness.chat() + ",\"from\":" + Harness.user(50, "Neo")
                + ",\"new_chat_members\":[" + Harness.user(50, "Neo") + "]}}");
        h.api.push(chatMember(50, 50, "left", "member", 1764000001, ""));
        h.message(22, "\"text\":\"after\"");
        h.await(Event.MessagePosted.class, e -> e.messageId().equals("22"));
        Set<String> joinKeys = h.events().stream().filter(e -> e instanceof Event.MemberJoined).map(e -> e.key().nativeId()).collect(Collectors.toSet());
        assertEquals(Set.of("j50-1764000000"), joinKeys);
        var j = h.await(Event.MemberJoined.class, e -> true);
        assertNull(j.invitedBy(), "joined on their own");
    }

    @Test void restrictedMemberJoiningIsAJoinAndAnInviterIsKept() {
        h.api.push(chatMember(60, 42, "left", "restricted\",\"is_member\":true,\"until_date\":0,\"x\":\"", 1764000000, ""));
        var j = h.await(Event.MemberJoined.class, e -> true);
        assertEquals("60", j.member().id());
        assertEquals("42", j.invitedBy().id());
    }

    @Test void leavesAndKicksBecomeMemberLeftWithWhoRemovedThem() {
        h.api.push("{\"message\":{\"message_id\":23,\"date\":1764000000," + Harness.chat() + ",\"from\":" + Harness.user(70, "Max")
                + ",\"left_chat_member\":" + Harness.user(70, "Max") + "}}");
        h.api.push(chatMember(71, 42, "member", "kicked\",\"until_date\":0,\"x\":\"", 1764000050, ""));
        var left = h.await(Event.MemberLeft.class, e -> e.member().id().equals("70"));
        var kicked = h.await(Event.MemberLeft.class, e -> e.member().id().equals("71"));
        assertNull(left.removedBy());
        assertEquals("42", kicked.removedBy().id());
        assertEquals("l71-1764000050", kicked.key().nativeId());
    }

    @Test void promotionIsNoMembershipChange() {
        h.api.push(chatMember(72, 42, "member", "administrator\",\"can_be_edited\":false,\"x\":\"", 1764000000, ""));
        h.message(24, "\"text\":\"after\"");
        h.await(Event.MessagePosted.class, e -> true);
        assertTrue(h.events().stream().noneMatch(e -> e instanceof Event.MemberJoined || e instanceof Event.MemberLeft));
    }

    @Test void buttonPressBecomesButtonPressedWithTheQueryId() {
        h.api.push("{\"callback_query\":{\"id\":\"4382bfdwdsb323b2d9\",\"from\":" + Harness.user(42, "Alice")
                + ",\"message\":{\"message_id\":30,\"date\":1764000000," + Harness.chat() + ",\"text\":\"Pick\"},"
                + "\"chat_instance\":\"-5\",\"data\":\"quiz:1:b\"}}");
        var b = h.await(Event.ButtonPressed.class, e -> true);
        assertEquals("cb4382bfdwdsb323b2d9", b.key().nativeId());
        assertEquals("4382bfdwdsb323b2d9", b.callbackId());
        assertEquals("quiz:1:b", b.data());
        assertEquals("30", b.messageId());
        assertEquals(CHAT, b.chat());
    }

    @Test void joinRequestCarriesTheUserAsRequestId() {
        long id = h.api.push("{\"chat_join_request\":{" + Harness.chat() + ",\"from\":" + Harness.user(80, "Ann")
                + ",\"user_chat_id\":80,\"date\":1764000000,\"bio\":\"Java dev\"}}");
        var r = h.await(Event.JoinRequested.class, e -> true);
        assertEquals("80", r.requestId());
        assertEquals("Java dev", r.comment());
        assertEquals("jr" + id, r.key().nativeId());
    }

    @Test void groupUpgradeBecomesChatMigrated() {
        h.api.push("{\"message\":{\"message_id\":31,\"date\":1764000000,\"chat\":{\"id\":-4001234,\"type\":\"group\",\"title\":\"Old\"},"
                + "\"from\":" + Harness.user(42, "Alice") + ",\"migrate_to_chat_id\":-1001234567890}}");
        var m = h.await(Event.ChatMigrated.class, e -> true);
        assertEquals(new ChatRef("telegram", "-4001234"), m.chat());
        assertEquals(CHAT, m.to());
    }

    @Test void channelPostsAndMalformedUpdatesAreSkippedAndPassedAndAPrivateMessageIsItsOwnChat() {
        h.api.push("{\"message\":{\"message_id\":1,\"date\":1764000000,\"chat\":{\"id\":42,\"type\":\"private\"},\"from\":"
                + Harness.user(42, "Alice") + ",\"text\":\"/start\"}}");
        h.api.push("{\"channel_post\":{\"message_id\":2,\"date\":1764000000,\"chat\":{\"id\":-1009876543210,\"type\":\"channel\"},\"text\":\"news\"}}");
        h.api.push("{\"message\":\"this is not a message\"}");
        h.api.push("{\"message\":{\"message_id\":3,\"date\":1764000000,\"text\":\"no chat at all\"}}");
        h.api.push("{\"message\":{\"message_id\":4,\"date\":1764000000," + Harness.chat() + ",\"new_chat_members\":[42]}}");
        long last = h.message(32, "\"text\":\"still here\"");
        h.await(Event.MessagePosted.class, e -> e.messageId().equals("32"));
        assertEquals(2, h.events().size(), "the private message and the good group message: " + h.events());
        Event.MessagePosted direct = (Event.MessagePosted) h.events().get(0);
        assertEquals(qunzhu.core.ChatRef.direct("telegram", "tg", "42"), direct.chat(), "the private chat with this account");
        assertEquals("/start", direct.text());
        h.api.awaitOffset(last + 1);
    }

    /** A chat_member update; {@code newStatus} may smuggle extra fields (see callers). */
    static String chatMember(long user, long from, String oldStatus, String newStatus, long date, String extra) {
        return "{\"chat_member\":{" + Harness.chat() + ",\"from\":" + Harness.user(from, "U" + from) + ",\"date\":" + date
                + ",\"old_chat_member\":{\"status\":\"" + oldStatus + "\",\"user\":" + Harness.user(user, "U" + user) + "}"
                + ",\"new_chat_member\":{\"status\":\"" + newStatus + "\",\"user\":" + Harness.user(user, "U" + user) + "}" + extra + "}}";
    }
}
