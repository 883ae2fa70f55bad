package qunzhu.platform.onebot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qunzhu.platform.onebot.FakeOneBot.waitFor;
import static qunzhu.platform.onebot.OneBotTestConfig.activity;
import static qunzhu.platform.onebot.OneBotTestConfig.sent;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.testkit.TestBot;

/** Welcome and /rules through the whole bot, with QQ accounts on forward WebSockets. */
@Timeout(30)
class OneBotEndToEndTest {
    FakeOneBot qq1;
    FakeOneBot qq2;
    TestBot bot;

    @AfterEach void close() throws Exception {
        if (bot != null) bot.close();
        if (qq1 != null) qq1.close();
        if (qq2 != null) qq2.close();
    }

    static String account(String id, String persona, FakeOneBot fake) {
        return """
                  - id: %s
                    platform: onebot
                    persona: %s
                    mode: forward
                    url: %s
                    access_token: secret
                    action_timeout: 5s
                """.formatted(id, persona, fake.url());
    }

    @Test void aNewMemberIsWelcomedAndRulesAnswerOverQq() throws Exception {
        qq1 = FakeOneBot.server("20000", "secret");
        bot = OneBotTestConfig.bot("accounts:\n" + account("qq1", "host", qq1));
        waitFor(qq1::connected, Duration.ofSeconds(5), "the bot to connect");

        qq1.push(OneBotFrames.notice("20000", "group_increase", "approve", 123456789, 10002, 10001));
        qq1.await("send_group_msg", 1);
        assertEquals("欢迎 nick10002 加入「QQ 技术群」！发送 /rules 查看群规。", sent(qq1).get(0));

        qq1.push(OneBotFrames.text("20000", 123456789, 10003, "carol", 2_200_000_001L, "/rules"));
        qq1.await("send_group_msg", 2);
        String rules = sent(qq1).get(1);
        assertTrue(rules.contains("QQ 技术群") && rules.contains("2. 禁止广告 [含链接] & 拉群。"), rules);
        assertEquals("123456789", qq1.actions("send_group_msg").get(1).getAsJsonObject("params").get("group_id").getAsString());
        bot.settle();
        assertEquals(2, activity(bot));
    }

    private TestBot onFile(java.nio.file.Path dir, FakeOneBot fake) {
        return TestBot.builder().file("accounts.yml", OneBotTestConfig.PERSONAS + "accounts:\n" + account("qq1", "host", fake))
                .file("groups.yml", OneBotTestConfig.GROUPS).database(qunzhu.store.Database.open(dir.resolve("q.db"), false)).build();
    }

    @Test void eventsTheStoreCannotTakeAreHeldAndDeliveredInOrderOnceItCan(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        qq1 = FakeOneBot.server("20000", "secret");
        bot = onFile(dir, qq1);
        waitFor(qq1::connected, Duration.ofSeconds(5), "the bot to connect");
        OneBotAccount account = OneBotTestConfig.account(bot, "qq1");
        bot.db().simulateFullDisk(true);
        qq1.push(OneBotFrames.text("20000", 123456789, 10003, "carol", 501, "/rules"));
        qq1.push(OneBotFrames.text("20000", 123456789, 10004, "dave", 502, "after the rules"));
        waitFor(() -> account.heldCount() == 2, Duration.ofSeconds(5), "both events held");
        assertEquals(0, qq1.actions("send_group_msg").size());

        bot.db().simulateFullDisk(false);
        qq1.await("send_group_msg", 1);
        waitFor(() -> account.heldCount() == 0, Duration.ofSeconds(5), "the held events delivered");
        bot.settle();
        assertTrue(sent(qq1).get(0).contains("1. 友善交流。"), sent(qq1).toString());
        assertEquals(List.of("/rules", "after the rules"), bot.db().query("SELECT text FROM activity WHERE platform = 'onebot' ORDER BY id",
                rs -> rs.getString(1)), "both stored, in the order they came");
        assertEquals(1, sent(qq1).size());
    }

    /**
     * The next frames are read while a batch is being written: with the activity log's writer
     * held by another transaction, three messages are all handed in (held until durable) rather than
     * the first waiting on the write and the others unread; once the writer is free all three
     * are stored in the order they came and held no more.
     */
    @Test void framesAreReadOnWhileABatchIsBeingWritten(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        qq1 = FakeOneBot.server("20000", "secret");
        bot = onFile(dir, qq1);
        waitFor(qq1::connected, Duration.ofSeconds(5), "the bot to connect");
        OneBotAccount account = OneBotTestConfig.account(bot, "qq1");
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1), release = new java.util.concurrent.CountDownLatch(1);
        Thread writer = new Thread(() -> bot.db().logStore().tx(c -> {
            holding.countDown();
            try { release.await(10, java.util.concurrent.TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            return null;
        }));
        writer.start();
        assertTrue(holding.await(5, java.util.concurrent.TimeUnit.SECONDS));
        try {
            qq1.push(OneBotFrames.text("20000", 123456789, 10003, "carol", 701, "one"));
            qq1.push(OneBotFrames.text("20000", 123456789, 10004, "dave", 702, "two"));
            qq1.push(OneBotFrames.text("20000", 123456789, 10005, "erin", 703, "three"));
            waitFor(() -> account.heldCount() == 3, Duration.ofSeconds(5), "all three read and handed in while the writer is busy");
        } finally {
            release.countDown();
            writer.join();
        }
        waitFor(() -> account.heldCount() == 0, Duration.ofSeconds(5), "all three written");
        bot.settle();
        assertEquals(List.of("one", "two", "three"), bot.db().query("SELECT text FROM activity WHERE platform = 'onebot' ORDER BY id",
                rs -> rs.getString(1)));
    }

    @Test void beyondTheBoundTheOldestHeldEventIsDropped(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        qq1 = FakeOneBot.server("20000", "secret");
        bot = onFile(dir, qq1);
        waitFor(qq1::connected, Duration.ofSeconds(5), "the bot to connect");
        OneBotAccount account = OneBotTestConfig.account(bot, "qq1");
        account.holdAtMost(1);
        bot.db().simulateFullDisk(true);
        qq1.push(OneBotFrames.text("20000", 123456789, 10003, "carol", 601, "first"));
        qq1.push(OneBotFrames.text("20000", 123456789, 10004, "dave", 602, "second"));
        waitFor(() -> account.droppedCount() == 1, Duration.ofSeconds(5), "the oldest dropped");
        bot.db().simulateFullDisk(false);
        waitFor(() -> account.heldCount() == 0, Duration.ofSeconds(5), "the held event delivered");
        bot.settle();
        assertEquals(List.of("second"), bot.db().query("SELECT text FROM activity WHERE platform = 'onebot' ORDER BY id", rs -> rs.getString(1)));
    }

    @Test void twoAccountsInOneGroupProcessEachMessageOnce() throws Exception {
        qq1 = FakeOneBot.server("20000", "secret");
        qq2 = FakeOneBot.server("30000", "secret");
        bot = OneBotTestConfig.bot("accounts:\n" + account("qq1", "host", qq1) + account("qq2", "moderator", qq2));
        waitFor(() -> qq1.connected() && qq2.connected(), Duration.ofSeconds(5), "both accounts to connect");

        // NapCat numbers messages per account: the same message arrives with different ids.
        qq1.push(OneBotFrames.text("20000", 123456789, 10003, "carol", 111, "/rules"));
        qq2.push(OneBotFrames.text("30000", 123456789, 10003, "carol", -222, "/rules"));
        // Events of one account are handled in order: once this marker is logged, qq2's copy was too.
        qq2.push(OneBotFrames.text("30000", 123456789, 10004, "dave", 333, "marker"));
        waitFor(() -> bot.db().count("SELECT COUNT(*) FROM activity WHERE text = 'marker'") == 1, Duration.ofSeconds(5), "marker");
        bot.settle();

        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM activity WHERE text = '/rules'"), "one activity row");
        List<String> replies = sent(qq1, qq2);
        assertEquals(1, replies.size(), "one reply: " + replies);
        // The reply quotes the message, and only the account that logged it knows its id.
        String receiver = bot.db().queryOne("SELECT account FROM activity WHERE text = '/rules'", rs -> rs.getString(1));
        FakeOneBot speaker = receiver.equals("qq1") ? qq1 : qq2;
        assertEquals(1, speaker.actions("send_group_msg").size(), "the receiving account " + receiver + " replies");
        assertTrue(speaker.actions("send_group_msg").get(0).toString().contains(receiver.equals("qq1") ? "\"111\"" : "\"-222\""),
                speaker.actions("send_group_msg").get(0).toString());
    }

    @Test void aQqAdminMutesByReplyAndTheBotSendsSetGroupBan() throws Exception {
        qq1 = FakeOneBot.server("20000", "secret");
        FakeOneBot fake = qq1;
        fake.rawResponder = frame -> {
            if (!frame.get("action").getAsString().equals("get_group_member_list")) {
                return FakeOneBot.response(frame, "ok", 0, fake.answer(frame));
            }
            com.google.gson.JsonArray members = new com.google.gson.JsonArray();
            for (String[] m : new String[][] {{"10001", "owner"}, {"10009", "admin"}, {"10003", "member"}}) {
                com.google.gson.JsonObject o = new com.google.gson.JsonObject();
                o.addProperty("user_id", Long.parseLong(m[0]));
                o.addProperty("role", m[1]);
                members.add(o);
            }
            return FakeOneBot.response(frame, "ok", 0, members);
        };
        bot = OneBotTestConfig.bot("accounts:\n" + account("qq1", "host", qq1));
        waitFor(qq1::connected, Duration.ofSeconds(5), "the bot to connect");

        qq1.push(OneBotFrames.text("20000", 123456789, 10003, "carol", 7001, "hello"));
        qq1.push(OneBotFrames.groupMessage("20000", 123456789, 10009, "", "mia", new com.google.gson.JsonPrimitive(7002),
                OneBotFrames.segments(OneBotFrames.seg("reply", "id", "7001"), OneBotFrames.seg("text", "text", "/mute 10m 刷屏")),
                "[CQ:reply,id=7001]/mute 10m 刷屏"));
        com.google.gson.JsonObject ban = qq1.await("set_group_ban", 1).get(0).getAsJsonObject("params");
        assertEquals("10003", ban.get("user_id").getAsString());
        assertEquals(600, ban.get("duration").getAsInt());

        qq1.push(OneBotFrames.groupMessage("20000", 123456789, 10003, "", "carol", new com.google.gson.JsonPrimitive(7003),
                OneBotFrames.segments(OneBotFrames.seg("reply", "id", "7001"), OneBotFrames.seg("text", "text", "/mute 10m")),
                "[CQ:reply,id=7001]/mute 10m"));
        waitFor(() -> sent(qq1).stream().anyMatch(t -> t.contains("只有管理员")), Duration.ofSeconds(5), "a member is refused");
        assertEquals(1, qq1.actions("set_group_ban").size(), "no second mute");

        // A reply to the bot's own message finds the bot as its author, which no one may mute.
        String botMessage = qq1.actions("send_group_msg").get(0).toString();
        // The outbox logs an outcome a little after the platform answered it.
        waitFor(() -> bot.db().count("SELECT COUNT(*) FROM action_log WHERE kind = 'send' AND outcome = 'done'") > 0,
                Duration.ofSeconds(5), "the refusal's send to be logged");
        long botMessageId = Long.parseLong(bot.db().queryOne(
                "SELECT message_id FROM action_log WHERE kind = 'send' AND outcome = 'done' ORDER BY id LIMIT 1", rs -> rs.getString(1)));
        qq1.push(OneBotFrames.groupMessage("20000", 123456789, 10009, "", "mia", new com.google.gson.JsonPrimitive(7004),
                OneBotFrames.segments(OneBotFrames.seg("reply", "id", Long.toString(botMessageId)), OneBotFrames.seg("text", "text", "/mute 10m")),
                "[CQ:reply,id=" + botMessageId + "]/mute 10m"));
        int before = sent(qq1).size();
        waitFor(() -> sent(qq1).size() > before, Duration.ofSeconds(5), "an answer about muting the bot: " + botMessage);
        assertEquals(1, qq1.actions("set_group_ban").size(), "the bot is never muted: " + sent(qq1));
    }
}
