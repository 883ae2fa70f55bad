package qunzhu.platform.onebot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static qunzhu.platform.onebot.FakeOneBot.waitFor;

import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.testkit.TestBot;

/**
 * A member's private chat with one of the bot's QQ accounts: /feedback works there (stored,
 * acknowledged with send_private_msg through the account that received it, forwarded to the log
 * chat); an ordinary private message is no group activity; a group-only command gets the
 * router's "only in a group" answer.
 */
@Timeout(60)
class OneBotPrivateChatTest {
    static final long LOG_GROUP = 999;
    FakeOneBot qq1;
    FakeOneBot qq2;
    TestBot bot;

    @AfterEach void close() throws Exception {
        if (bot != null) bot.close();
        if (qq1 != null) qq1.close();
        if (qq2 != null) qq2.close();
    }

    void start() throws Exception {
        qq1 = FakeOneBot.server("20000", "secret");
        qq2 = FakeOneBot.server("30000", "secret");
        bot = TestBot.builder()
                .file("bot.yml", """
                        bot:
                          timezone: Asia/Shanghai
                          locale: zh-CN
                          log_chat: "onebot:%d"
                        sandbox: {enabled: false}
                        """.formatted(LOG_GROUP))
                .file("accounts.yml", OneBotTestConfig.PERSONAS + "accounts:\n" + OneBotEndToEndTest.account("qq1", "host", qq1)
                        + OneBotEndToEndTest.account("qq2", "moderator", qq2))
                .file("groups.yml", OneBotTestConfig.GROUPS.replace("laissez_faire", "centralized")).build();
        waitFor(qq1::connected, Duration.ofSeconds(5), "qq1 to connect");
        waitFor(qq2::connected, Duration.ofSeconds(5), "qq2 to connect");
    }

    /** A private message (OneBot v11 message.private, friend) from {@code user} to the account {@code selfId}. */
    static JsonObject privateText(String selfId, long user, String nickname, long messageId, String text) {
        JsonObject e = OneBotFrames.base(selfId, "message");
        e.addProperty("message_type", "private");
        e.addProperty("sub_type", "friend");
        e.add("message_id", new JsonPrimitive(messageId));
        e.addProperty("user_id", user);
        e.add("message", OneBotFrames.segments(OneBotFrames.seg("text", "text", text)));
        e.addProperty("raw_message", CqCode.escapeText(text));
        e.addProperty("font", 0);
        JsonObject sender = new JsonObject();
        sender.addProperty("user_id", user);
        sender.addProperty("nickname", nickname);
        e.add("sender", sender);
        return e;
    }

    static String text(JsonObject action) {
        StringBuilder s = new StringBuilder();
        for (var seg : action.getAsJsonObject("params").getAsJsonArray("message")) {
            JsonObject o = seg.getAsJsonObject();
            if (o.get("type").getAsString().equals("text")) s.append(o.getAsJsonObject("data").get("text").getAsString());
        }
        return s.toString();
    }

    @Test void privateFeedbackIsAcknowledgedThroughTheReceivingAccountAndForwarded() throws Exception {
        start();
        qq2.push(privateText("30000", 10003, "carol", 77, "/feedback 群文件能整理一下吗"));
        JsonObject thanks = qq2.await("send_private_msg", 1).get(0);
        assertEquals("收到 carol 的反馈（#1），谢谢！运营同学会认真看的。", text(thanks));
        assertEquals("10003", thanks.getAsJsonObject("params").get("user_id").getAsString());
        waitFor(() -> qq1.actions("send_group_msg").size() + qq2.actions("send_group_msg").size() >= 1, Duration.ofSeconds(5),
                "the forward to the log chat");
        List<JsonObject> forwards = new java.util.ArrayList<>(qq1.actions("send_group_msg"));
        forwards.addAll(qq2.actions("send_group_msg"));
        assertEquals(1, forwards.size());
        assertEquals(String.valueOf(LOG_GROUP), forwards.get(0).getAsJsonObject("params").get("group_id").getAsString());
        assertEquals("📮 反馈 #1，来自 carol（10003），私聊：\n群文件能整理一下吗", text(forwards.get(0)));
        bot.settle();
        assertEquals(List.of(), qq1.actions("send_private_msg"), "the account that did not receive it stays out of the private chat");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM feedback WHERE platform = 'onebot' AND chat_id = 'private:qq2:10003'"
                + " AND member_id = '10003' AND text = '群文件能整理一下吗'"));
    }

    @Test void anOrdinaryPrivateMessageIsNoGroupActivityAndGroupCommandsSaySo() throws Exception {
        start();
        qq1.push(privateText("20000", 10004, "dave", 78, "加我微信 spam123 免费领币 https://spam.example/x 加我微信 spam123 免费领币"));
        qq1.push(privateText("20000", 10004, "dave", 79, "签到"));
        JsonObject answer = qq1.await("send_private_msg", 1).get(0);
        assertEquals("/checkin 只能在群里使用。", text(answer));
        assertEquals("10004", answer.getAsJsonObject("params").get("user_id").getAsString());
        bot.settle();
        assertEquals(2, bot.db().count("SELECT COUNT(*) FROM activity WHERE chat_id = 'private:qq1:10004' AND kind = 'message'"),
                "both messages reached the bot");
        for (FakeOneBot f : List.of(qq1, qq2)) {
            for (String action : List.of("delete_msg", "set_group_ban", "set_group_kick", "send_group_msg")) {
                assertEquals(List.of(), f.actions(action), action + " through " + f);
            }
        }
        assertEquals(1, qq1.actions("send_private_msg").size());
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM report_chat_day WHERE chat_id LIKE 'private:%'"), "no rollup row");
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM points_ledger"), "no points");
    }
}
