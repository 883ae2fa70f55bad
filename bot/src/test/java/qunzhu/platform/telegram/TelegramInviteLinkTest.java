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
                .file("accounts.yml", """
                        personas:
                          host: {name: 小群}
                        accounts:
                          - {id: tg, platform: telegram, persona: host, token: "%s", api_url: %s, poll_timeout: 1s}
                        """.formatted(FakeBotApi.TOKEN, api.url()))
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
