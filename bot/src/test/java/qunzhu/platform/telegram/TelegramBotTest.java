package qunzhu.platform.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.store.Database;
import qunzhu.testkit.TestBot;

/** The whole bot on Telegram: config, pipeline, features and outbox through the adapter and the fake. */
@Timeout(60)
class TelegramBotTest {
    static final String CHAT = Harness.CHAT;
    static final ChatRef REF = new ChatRef("telegram", CHAT);

    FakeBotApi api;
    TestBot bot;


    @BeforeEach void fake() throws Exception { api = new FakeBotApi(); }

    @AfterEach void stop() {
        if (bot != null) bot.close();
        api.close();
    }

    TestBot.Builder builder() {
        return TestBot.builder().platform(new TelegramFactory(Harness.FAST))
                .file("accounts.yml", Harness.telegramAccount(api))
                .file("groups.yml", """
                        groups:
                          tg:
                            chat: "telegram:%s"
                            title: 电报群
                            strategy: laissez_faire       # no verification: the welcome comes at once
                            welcome:
                              text: "欢迎 {name} 加入「{group}」！"
                            rules:
                              text: "1. 友善交流。"
                        """.formatted(CHAT));
    }

    private long say(int messageId, String text) {
        return api.push("{\"message\":{\"message_id\":" + messageId + ",\"date\":1764000000," + Harness.chat() + ",\"from\":"
                + Harness.user(42, "Alice") + ",\"text\":\"" + text + "\",\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":"
                + text.split(" ")[0].length() + "}]}}");
    }

    @Test void welcomeAndRulesWorkEndToEnd() {
        bot = builder().build();
        api.push("{\"message\":{\"message_id\":100,\"date\":1764000000," + Harness.chat() + ",\"from\":" + Harness.user(50, "Neo")
                + ",\"new_chat_members\":[" + Harness.user(50, "Neo") + "]}}");
        api.push(TelegramUpdatesTest.chatMember(50, 50, "left", "member", 1764000000, "")); // the same join, reported again
        FakeBotApi.Call welcome = api.await("sendMessage", c -> c.str("text").startsWith("欢迎"));
        assertEquals("欢迎 Neo 加入「电报群」！", welcome.str("text"));
        assertEquals(-1001234567890L, welcome.params().get("chat_id").getAsLong());

        say(101, "/rules@QunzhuBot");
        FakeBotApi.Call rules = api.await("sendMessage", c -> c.str("text").contains("1. 友善交流。"));
        assertTrue(rules.str("text").contains("电报群"), rules.str("text"));
        assertEquals(101, rules.obj("reply_parameters").get("message_id").getAsInt(), "answers the command");
        bot.settle();
        assertEquals(1, api.calls("sendMessage").stream().filter(c -> c.str("text").startsWith("欢迎")).count(), "one welcome for one join");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM activity WHERE platform = 'telegram' AND chat_id = ? AND kind = 'join'", CHAT));
    }

    @Test void whileTheStoreCannotWriteThePollerDoesNotConfirmAndTheUpdateIsHandledOnceAfter(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        qunzhu.store.Database db = qunzhu.store.Database.open(dir.resolve("q.db"), false);
        bot = builder().database(db).build();
        api.await("getUpdates", c -> true);
        db.simulateFullDisk(true);
        long id = say(201, "/rules");
        int before = api.calls("getUpdates").size();
        api.await("getUpdates", c -> api.calls("getUpdates").size() >= before + 3);
        assertTrue(api.calls("getUpdates").stream().allMatch(c -> c.params().get("offset").getAsLong() <= id),
                "the update was not confirmed while it could not be stored");
        assertEquals(0, api.calls("sendMessage").size());

        db.simulateFullDisk(false);
        api.await("sendMessage", c -> c.str("text").contains("1. 友善交流。"));
        api.awaitOffset(id + 1);
        bot.settle();
        assertEquals(1, api.calls("sendMessage").stream().filter(c -> c.str("text").contains("1. 友善交流。")).count(), "answered once");
        assertEquals(1, db.count("SELECT COUNT(*) FROM activity WHERE platform = 'telegram' AND message_id = '201'"));
    }

    @Test void joinAndLeaveServiceMessagesAreRemovedWhenTheGroupAsks() {
        bot = builder().file("groups.yml", """
                groups:
                  tg:
                    chat: "telegram:%s"
                    strategy: laissez_faire
                    welcome: {clean_service_messages: true}
                """.formatted(CHAT)).build();
        api.push("{\"message\":{\"message_id\":300,\"date\":1764000000," + Harness.chat() + ",\"from\":" + Harness.user(51, "Trin")
                + ",\"new_chat_members\":[" + Harness.user(51, "Trin") + "]}}");
        api.push("{\"message\":{\"message_id\":301,\"date\":1764000100," + Harness.chat() + ",\"from\":" + Harness.user(51, "Trin")
                + ",\"left_chat_member\":" + Harness.user(51, "Trin") + "}}");
        api.await("deleteMessage", c -> c.params().get("message_id").getAsInt() == 301);
        assertEquals(List.of(300, 301), api.calls("deleteMessage").stream().map(c -> c.params().get("message_id").getAsInt()).toList());
        api.await("sendMessage", c -> c.str("text").contains("Trin"));   // still welcomed
    }

    @Test void aPromotionTakesEffectAtOnceNotWhenTheAdminCacheExpires() {
        bot = builder().build();
        say(400, "/setrules 新群规");
        api.await("sendMessage", c -> c.str("text").contains("只有管理员"));
        api.always("getChatAdministrators", c -> FakeBotApi.Answer.ok(com.google.gson.JsonParser.parseString(
                "[{\"status\":\"administrator\",\"user\":" + Harness.user(42, "Alice") + ",\"can_restrict_members\":true}]")));
        api.push(TelegramUpdatesTest.chatMember(42, 1, "member", "administrator", 1764000200, ""));
        say(401, "/setrules 新群规");
        api.await("sendMessage", c -> c.str("text").contains("群规已更新"));
        bot.settle();
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM activity WHERE kind = 'admins' AND member_id = '42'"));
    }

    @Test void getChatAdministratorsHangingInOneChatDoesNotDelayAReplyInAnother() throws Exception {
        String other = "-1009876543210";
        java.util.concurrent.CountDownLatch hang = new java.util.concurrent.CountDownLatch(1);
        api.always("getChatAdministrators", c -> {
            if (c.str("chat_id").equals(CHAT)) {
                try { hang.await(30, java.util.concurrent.TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            }
            return FakeBotApi.Answer.ok(new com.google.gson.JsonArray());
        });
        try {
            bot = builder().file("groups.yml", """
                    groups:
                      tg: {chat: "telegram:%s", title: 电报群, strategy: laissez_faire, rules: {text: "1. 友善交流。"}}
                      other: {chat: "telegram:%s", title: 另一个群, strategy: laissez_faire, rules: {text: "2. 别的群规。"}}
                    """.formatted(CHAT, other)).build();
            say(600, "/setrules 新群规");                                              // needs the hanging chat's admins
            api.await("getChatAdministrators", c -> c.str("chat_id").equals(CHAT));   // the hang has begun
            api.push("{\"message\":{\"message_id\":601,\"date\":1764000000,\"chat\":{\"id\":" + other
                    + ",\"type\":\"supergroup\",\"title\":\"Other\"},\"from\":" + Harness.user(42, "Alice")
                    + ",\"text\":\"/rules\",\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":6}]}}");
            FakeBotApi.Call rules = api.await("sendMessage", c -> c.str("chat_id").equals(other));
            assertTrue(rules.str("text").contains("2. 别的群规。"), rules.str("text"));
            assertEquals(1, hang.getCount(), "answered while the other chat's getChatAdministrators still hangs");
            FakeBotApi.Call refused = api.await("sendMessage", c -> c.str("chat_id").equals(CHAT));
            assertTrue(refused.str("text").contains("只有管理员"), "no admin list, no moderator: " + refused.str("text"));
        } finally {
            hang.countDown();
        }
    }

    @Test void anAnonymousAdminWritingAsTheGroupMayUseModeratorCommands() {
        bot = builder().build();
        api.push("{\"message\":{\"message_id\":700,\"date\":1764000000," + Harness.chat() + ",\"from\":{\"id\":1087968824,"
                + "\"is_bot\":true,\"first_name\":\"Group\",\"username\":\"GroupAnonymousBot\"},\"sender_chat\":{\"id\":" + CHAT
                + ",\"type\":\"supergroup\",\"title\":\"Tech\"},\"text\":\"/setrules 新群规\","
                + "\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":9}]}}");
        FakeBotApi.Call done = api.await("sendMessage", c -> c.params().has("reply_parameters")
                && c.obj("reply_parameters").get("message_id").getAsInt() == 700);
        assertTrue(done.str("text").contains("群规已更新"), done.str("text"));
    }

    /** Alice (42) is an admin who may delete but not restrict; Mia (43) may restrict. Bob (44) posts. */
    private void admins() {
        api.always("getChatAdministrators", c -> FakeBotApi.Answer.ok(com.google.gson.JsonParser.parseString("["
                + "{\"status\":\"administrator\",\"user\":" + Harness.user(42, "Alice") + ",\"can_delete_messages\":true,\"can_restrict_members\":false},"
                + "{\"status\":\"administrator\",\"user\":" + Harness.user(43, "Mia") + ",\"can_delete_messages\":true,\"can_restrict_members\":true}]")));
    }

    private void post(long from, String name, int messageId, String text, Integer replyTo) {
        api.push("{\"message\":{\"message_id\":" + messageId + ",\"date\":1764000000," + Harness.chat() + ",\"from\":"
                + Harness.user(from, name) + ",\"text\":\"" + text + "\""
                + (replyTo == null ? "" : ",\"reply_to_message\":{\"message_id\":" + replyTo + ",\"date\":1764000000," + Harness.chat()
                        + ",\"from\":" + Harness.user(44, "Bob") + ",\"text\":\"spam\"}")
                + (text.startsWith("/") ? ",\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":" + text.split(" ")[0].length() + "}]" : "")
                + "}}");
    }

    @Test void aModeratorMutesOnlyWithTheRestrictRightTelegramGaveThem() {
        admins();   // the bot reads a configured group's admins as it starts
        bot = builder().build();
        post(44, "Bob", 500, "spam", null);
        post(42, "Alice", 501, "/mute 10m 刷屏", 500);
        FakeBotApi.Call refusal = api.await("sendMessage", c -> c.params().has("reply_parameters")
                && c.obj("reply_parameters").get("message_id").getAsInt() == 501);
        assertEquals("你在本平台没有「限制成员」权限，不能这样做。", refusal.str("text"));
        bot.settle();
        assertEquals(List.of(), api.calls("restrictChatMember"), "Alice lacks can_restrict_members: nothing restricted");
        post(43, "Mia", 502, "/mute 10m 刷屏", 500);
        FakeBotApi.Call mute = api.await("restrictChatMember", c -> true);
        assertEquals(44, mute.params().get("user_id").getAsLong());
        assertTrue(mute.obj("permissions").has("can_send_messages") && !mute.obj("permissions").get("can_send_messages").getAsBoolean());
        assertTrue(mute.params().has("until_date"), "a timed mute uses Telegram's own expiry");
    }

    @Test void serviceMessagesStayByDefault() {
        bot = builder().build();
        api.push("{\"message\":{\"message_id\":310,\"date\":1764000000," + Harness.chat() + ",\"from\":" + Harness.user(52, "Mo")
                + ",\"new_chat_members\":[" + Harness.user(52, "Mo") + "]}}");
        api.await("sendMessage", c -> c.str("text").startsWith("欢迎 Mo"));
        bot.settle();
        assertEquals(List.of(), api.calls("deleteMessage"));
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM activity WHERE kind = 'service' AND message_id = '310'"));
    }

    @Test void restartResumesAtTheStoredOffsetAndARedeliveredUpdateCountsOnce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("q.db");
        bot = builder().database(Database.open(file, false)).build();
        long first = say(200, "/rules");
        api.await("sendMessage", c -> c.str("text").contains("友善交流"));
        api.awaitOffset(first + 1);
        bot.settle();
        bot.close();
        bot = null;

        // Crash between "stored" and "offset saved": the offset is one back and Telegram sends the update again.
        try (Database db = Database.open(file, false)) {
            assertEquals(first + 1, new qunzhu.store.KeyValues(db).getLong(Poller.offsetKey("tg"), -1), "offset stored");
            new qunzhu.store.KeyValues(db).put(Poller.offsetKey("tg"), Long.toString(first));
        }
        api.push("{\"update_id\":" + first + ",\"message\":{\"message_id\":200,\"date\":1764000000," + Harness.chat()
                + ",\"from\":" + Harness.user(42, "Alice") + ",\"text\":\"/rules\"}}", true);
        int pollsBefore = api.calls("getUpdates").size();
        long second = say(201, "hello again");
        bot = builder().database(Database.open(file, false)).build();
        FakeBotApi.Call resumed = api.awaitCount("getUpdates", pollsBefore + 1);
        assertEquals(first, resumed.params().get("offset").getAsLong(), "resumes at the stored offset");
        api.awaitOffset(second + 1);
        bot.settle();
        assertEquals(2, bot.db().count("SELECT COUNT(*) FROM activity WHERE platform = 'telegram' AND chat_id = ? AND kind = 'message'", CHAT));
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM activity WHERE native_id = '200'"));
        assertEquals(1, api.calls("sendMessage").stream().filter(c -> c.str("text").contains("友善交流")).count(), "/rules answered once");
    }

    @Test void retryAfterHoldsTheChatUntilTheClockPassesIt() {
        bot = builder().build();
        JsonObject p = new JsonObject();
        p.addProperty("retry_after", 30);
        api.script("sendMessage", FakeBotApi.Answer.error(429, "Too Many Requests: retry after 30", p));
        say(300, "/rules");
        api.await("sendMessage", c -> true);
        // The refused message is held, not dropped; the outbox wakes at every step of the clock.
        assertNothingMoreFor(300);
        bot.clock().advance(Duration.ofSeconds(29));
        assertNothingMoreFor(300);
        bot.clock().advance(Duration.ofSeconds(2));
        FakeBotApi.Call retried = api.awaitCount("sendMessage", 2);
        assertTrue(retried.str("text").contains("友善交流"));
    }

    private void assertNothingMoreFor(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            assertEquals(1, api.calls("sendMessage").size(), "nothing to that chat while retry_after holds it");
            Thread.onSpinWait();
        }
    }

    @Test void aModerationActionTelegramCannotDoIsExplainedInPlainWords() {
        api.always("restrictChatMember", c -> FakeBotApi.Answer.error(404, "Not Found", null));
        bot = builder().build();
        bot.bot().outbox().submit(new Action.Mute(REF, new MemberRef("5000000001", "Bob", false), Duration.ofMinutes(10), "flood"));
        FakeBotApi.Call told = api.await("sendMessage", c -> true);
        assertTrue(told.str("text").contains("telegram"), told.str("text"));
        assertEquals(CHAT, told.str("chat_id"));
        assertEquals(1, api.calls("restrictChatMember").size());
    }

    @Test void aMuteTheApiAnswers500ForHoldsNoReplyAndIsPerformedOnceTheApiRecovers() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        api.always("restrictChatMember", c -> down.get() ? FakeBotApi.Answer.error(500, "Internal Server Error", null)
                : FakeBotApi.Answer.ok(new com.google.gson.JsonPrimitive(true)));
        bot = builder().build();
        admins();
        bot.bot().outbox().submit(new Action.Mute(REF, new MemberRef("44", "Bob", false), Duration.ofMinutes(10), "flood"));
        api.await("restrictChatMember", c -> true);                     // answered 500: a retry is scheduled
        post(43, "Mia", 600, "/warn 刷屏", 500);
        // The clock stands still, so the mute's retry is not due: the warning must not wait for it.
        FakeBotApi.Call warned = api.await("sendMessage", c -> c.str("text").contains("被警告"));
        assertEquals(CHAT, warned.str("chat_id"));
        assertEquals(1, api.calls("restrictChatMember").size());
        down.set(false);
        bot.clock().advance(Duration.ofSeconds(31));                     // past the longest backoff
        FakeBotApi.Call mute = api.awaitCount("restrictChatMember", 2);
        assertEquals(44, mute.params().get("user_id").getAsLong());
        bot.settle();
        assertTrue(bot.bot().outbox().awaitIdle(Duration.ofSeconds(5)), "the mute is done");
        assertEquals(List.of("error", "done"), bot.db().query("SELECT outcome FROM action_log WHERE kind = 'mute' ORDER BY id",
                rs -> rs.getString(1)));
    }
}
