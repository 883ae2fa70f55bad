package qunzhu.platform.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.core.Event;
import qunzhu.testkit.TestBot;
import qunzhu.testkit.Wait;

/**
 * /invite makes a personal link with createChatInviteLink, and a join through it (chat_member
 * with invite_link) names that member as the inviter; an admin's own link names the admin.
 */
@Timeout(60)
class TelegramInviteLinkTest {
    final FakeBotApi api = new FakeBotApi();
    TestBot bot;

    TelegramInviteLinkTest() throws Exception {}

    @AfterEach void stop() {
        if (bot != null) bot.close();
        api.close();
    }

    static String joinThrough(long user, String link) {
        return TelegramUpdatesTest.chatMember(user, user, "left", "member", 1764000100, ",\"invite_link\":" + link);
    }

    @Test void inviteGivesAPersonalLinkAndAJoinThroughItIsCreditedToThatMember() {
        bot = TestBot.builder().platform(new TelegramFactory(Harness.FAST))
                .file("accounts.yml", Harness.telegramAccount(api))
                .file("groups.yml", """
                        groups:
                          tg:
                            chat: "telegram:%s"
                            title: 电报群
                            strategy: laissez_faire
                        """.formatted(Harness.CHAT)).build();
        api.push("{\"message\":{\"message_id\":5,\"date\":1764000000," + Harness.chat() + ",\"from\":" + Harness.user(42, "Alice")
                + ",\"text\":\"/invite\",\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":7}]}}");
        FakeBotApi.Call created = api.await("createChatInviteLink", c -> true);
        assertEquals("qz:42", created.str("name"));
        assertEquals(Long.parseLong(Harness.CHAT), created.params().get("chat_id").getAsLong());
        FakeBotApi.Call sent = api.await("sendMessage", c -> c.str("text").contains("https://t.me/+fake1"));
        assertEquals("Alice，这是你的专属邀请链接：https://t.me/+fake1\n好友通过它入群并留满 3 天，你将获得 10 积分。", sent.str("text"));

        api.push(joinThrough(60, "{\"invite_link\":\"https://t.me/+fake1\",\"creator\":{\"id\":" + FakeBotApi.BOT_ID
                + ",\"is_bot\":true,\"first_name\":\"Qunzhu\"},\"name\":\"qz:42\",\"creates_join_request\":false,\"is_primary\":false,\"is_revoked\":false}"));
        Wait.until(() -> bot.db().count("SELECT COUNT(*) FROM invites WHERE member_id = '60'") == 1, Duration.ofSeconds(10), "the invite row");
        assertEquals("42", bot.db().queryOne("SELECT inviter_id FROM invites WHERE member_id = '60'", rs -> rs.getString(1)));
    }

    TestBot.Builder builder() {
        return TestBot.builder().platform(new TelegramFactory(Harness.FAST))
                .file("accounts.yml", Harness.telegramAccount(api))
                .file("groups.yml", """
                        groups:
                          tg:
                            chat: "telegram:%s"
                            title: 电报群
                            strategy: laissez_faire
                        """.formatted(Harness.CHAT));
    }

    /** Member 60 joins through Alice's (42) personal link: the link as the chat_member update names it. */
    static final String ALICES_LINK = "{\"invite_link\":\"https://t.me/+fake1\",\"creator\":{\"id\":" + FakeBotApi.BOT_ID
            + ",\"is_bot\":true,\"first_name\":\"Qunzhu\"},\"name\":\"qz:42\",\"creates_join_request\":false,\"is_primary\":false,\"is_revoked\":false}";

    /** The service message of the same join: no invite link, sent by the member who joined. */
    static String joinMessage(int messageId, long user, long date) {
        return "{\"message\":{\"message_id\":" + messageId + ",\"date\":" + date + "," + Harness.chat() + ",\"from\":" + Harness.user(user, "U" + user)
                + ",\"new_chat_members\":[" + Harness.user(user, "U" + user) + "]}}";
    }

    void assertOneInvitedJoinBy42() {
        Wait.until(() -> bot.db().count("SELECT COUNT(*) FROM invites WHERE member_id = '60'") == 1, Duration.ofSeconds(10), "the invite row");
        bot.settle();
        assertEquals("42", bot.db().queryOne("SELECT inviter_id FROM invites WHERE member_id = '60'", rs -> rs.getString(1)));
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM activity WHERE kind = 'join'"), "one join, not two");
        assertEquals(1, bot.db().count("SELECT COALESCE(SUM(joins), 0) FROM report_chat_day"), "counted as one join");
        assertEquals(1, bot.db().count("SELECT COALESCE(SUM(joins_invited), 0) FROM report_chat_day"), "an invited one");
    }

    @Test void aLinkJoinReportedFirstWithoutItsLinkStillCreditsTheInviter() {
        bot = builder().build();
        api.push(joinMessage(100, 60, 1764000100));
        api.push(joinThrough(60, ALICES_LINK));
        assertOneInvitedJoinBy42();
    }

    @Test void aLinkJoinWhoseLinkCameFirstIsNotUndoneByTheServiceMessage() {
        bot = builder().build();
        api.push(joinThrough(60, ALICES_LINK));
        api.push(joinMessage(100, 60, 1764000101));  // a second later, as Telegram sometimes stamps it
        assertOneInvitedJoinBy42();
    }

    @Test void theSecondReportOfALinkJoinASecondLaterNamesTheInviterOfTheFirst() {
        EventParser p = new EventParser("tg", () -> FakeBotApi.BOT_NAME, Clock.systemUTC());
        List<Event> first = p.parse(com.google.gson.JsonParser.parseString("{\"update_id\":1," + joinMessage(100, 60, 1764000099).substring(1))
                .getAsJsonObject());
        Event.MemberJoined joined = (Event.MemberJoined) first.get(0);
        assertNull(joined.invitedBy());
        List<Event> second = p.parse(com.google.gson.JsonParser.parseString("{\"update_id\":2," + joinThrough(60, ALICES_LINK).substring(1))
                .getAsJsonObject());
        assertEquals(1, second.size(), second.toString());
        Event.JoinInviter named = (Event.JoinInviter) second.get(0);
        assertEquals("42", named.invitedBy().id());
        assertEquals("60", named.member().id());
        assertEquals(joined.at(), named.at(), "the join's time, from its first report");
        assertEquals("ji60-1764000099", named.key().nativeId());
        assertEquals(List.of(), p.parse(com.google.gson.JsonParser.parseString("{\"update_id\":3," + joinThrough(61, "null").substring(1))
                .getAsJsonObject()).stream().filter(e -> e instanceof Event.JoinInviter).toList(), "a plain join names nobody");
    }

    final EventParser parser = new EventParser("tg", () -> FakeBotApi.BOT_NAME, Clock.systemUTC());

    Event.MemberJoined parse(String update) {
        List<Event> events = parser.parse(com.google.gson.JsonParser.parseString("{\"update_id\":1," + update.substring(1)).getAsJsonObject());
        return (Event.MemberJoined) events.get(0);
    }

    @Test void anAdminsOwnLinkCreditsTheAdminAndAnotherBotsLinkNobody() {
        Event.MemberJoined viaAdmin = parse(joinThrough(61, "{\"invite_link\":\"https://t.me/+AbC...\",\"creator\":"
                + Harness.user(99, "Admin") + ",\"creates_join_request\":false,\"is_primary\":true,\"is_revoked\":false}"));
        assertEquals("99", viaAdmin.invitedBy().id());
        Event.MemberJoined viaOtherBot = parse(joinThrough(62, "{\"invite_link\":\"https://t.me/+XyZ...\",\"creator\":{\"id\":5,"
                + "\"is_bot\":true,\"first_name\":\"Other\"},\"name\":\"campaign\",\"creates_join_request\":false,\"is_primary\":false,\"is_revoked\":false}"));
        assertNull(viaOtherBot.invitedBy());
        Event.MemberJoined plain = parse(joinThrough(63, "null"));
        assertNull(plain.invitedBy(), "a join on one's own names nobody");
    }
}
