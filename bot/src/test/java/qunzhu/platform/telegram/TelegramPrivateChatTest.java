package qunzhu.platform.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.testkit.TestBot;

/**
 * A member's private chat with the bot on Telegram: /feedback works there (stored, acknowledged
 * in the private chat, forwarded to the log chat); an ordinary message there is no group
 * activity (no moderation, no points, no rollup row); a group-only command gets the router's
 * "only in a group" answer.
 */
@Timeout(60)
class TelegramPrivateChatTest {
    static final String LOG_CHAT = "-1009999";
    final FakeBotApi api = new FakeBotApi();
    final TestBot bot;

    TelegramPrivateChatTest() throws Exception {
        bot = TestBot.builder().platform(new TelegramFactory(Harness.FAST))
                .file("bot.yml", """
                        bot:
                          timezone: Asia/Shanghai
                          locale: zh-CN
                          log_chat: "telegram:%s"
                        sandbox: {enabled: false}
                        """.formatted(LOG_CHAT))
                .file("accounts.yml", Harness.telegramAccount(api))
                .file("groups.yml", """
                        groups:
                          tg:
                            chat: "telegram:%s"
                            title: 电报群
                            strategy: centralized
                        """.formatted(Harness.CHAT)).build();
    }

    @AfterEach void stop() {
        bot.close();
        api.close();
    }

    /** A text message from Alice (42) in her private chat with the bot. */
    long privately(int messageId, String text) {
        String entities = text.startsWith("/")
                ? ",\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":" + text.split(" ")[0].length() + "}]" : "";
        return api.push("{\"message\":{\"message_id\":" + messageId + ",\"date\":1764000000,\"chat\":{\"id\":42,\"type\":\"private\","
                + "\"first_name\":\"Alice\"},\"from\":" + Harness.user(42, "Alice") + ",\"text\":\"" + text + "\"" + entities + "}}");
    }

    @Test void privateFeedbackIsStoredAcknowledgedThereAndForwardedToTheLogChat() {
        privately(7, "/feedback 希望多办几次线上分享");
        FakeBotApi.Call thanks = api.await("sendMessage", c -> c.str("text").startsWith("收到"));
        assertEquals("收到 Alice 的反馈（#1），谢谢！运营同学会认真看的。", thanks.str("text"));
        assertEquals(42, thanks.params().get("chat_id").getAsLong(), "the answer goes to the private chat");
        assertEquals(7, thanks.params().getAsJsonObject("reply_parameters").get("message_id").getAsLong());
        FakeBotApi.Call forwarded = api.await("sendMessage", c -> c.str("text").startsWith("📮"));
        assertEquals(Long.parseLong(LOG_CHAT), forwarded.params().get("chat_id").getAsLong());
        assertEquals("📮 反馈 #1，来自 Alice（42），私聊：\n希望多办几次线上分享", forwarded.str("text"));
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM feedback WHERE platform = 'telegram' AND chat_id = 'private:tg:42'"
                + " AND member_id = '42' AND text = '希望多办几次线上分享'"));
    }

    @Test void anOrdinaryPrivateMessageIsNoGroupActivity() {
        // An ad with a link: the strict group's filters would delete it and warn; here it is only logged.
        privately(8, "加我微信 spam123 免费领币 https://spam.example/x 加我微信 spam123 免费领币");
        privately(9, "/checkin");
        FakeBotApi.Call answer = api.await("sendMessage", c -> c.str("text").contains("checkin"));
        assertEquals("/checkin 只能在群里使用。", answer.str("text"));
        assertEquals(42, answer.params().get("chat_id").getAsLong());
        bot.settle();
        assertEquals(2, bot.db().count("SELECT COUNT(*) FROM activity WHERE chat_id = 'private:tg:42' AND kind = 'message'"),
                "both messages reached the bot");
        List<String> methods = api.calls().stream().map(FakeBotApi.Call::method)
                .filter(m -> !m.equals("getUpdates") && !m.equals("getMe") && !m.equals("setMyCommands") && !m.equals("deleteWebhook")
                        && !m.equals("getChatAdministrators")).toList();
        assertEquals(List.of("sendMessage"), methods, "only the group-only answer: no deletion, no warning, no restriction");
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM report_chat_day WHERE chat_id LIKE 'private:%'"), "no rollup row");
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM report_member_day WHERE chat_id LIKE 'private:%'"), "no member rollup row");
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM points_ledger"), "no points");
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM points_checkin"), "no check-in");
        assertTrue(api.calls("getChatAdministrators").stream().noneMatch(c -> c.params().get("chat_id").getAsLong() == 42),
                "a private chat has no admins to ask for");
    }
}
