package qunzhu.platform.telegram;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.core.Action;
import qunzhu.core.Admin;
import qunzhu.core.Button;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.core.Outcome;

/** Each action as the exact Bot API call the fake received, and each error as its outcome. */
@Timeout(30)
class TelegramActionsTest {
    static final ChatRef CHAT = new ChatRef("telegram", Harness.CHAT);
    static final MemberRef BOB = new MemberRef("5000000001", "Bob", false);
    /** Harness clock: 2026-11-24T02:00:00Z. */
    static final long NOW = java.time.Instant.parse("2026-11-24T02:00:00Z").getEpochSecond();

    Harness h;

    @BeforeEach void start() throws Exception {
        h = new Harness(new FakeBotApi(), TelegramSettings.Mode.POLLING, null);
        h.platform.describeCommands(Map.of("rules", "show the rules", "checkin", "daily check-in", "签到", "alias", "Bad-Name", "x"));
        h.start();
    }

    @AfterEach void stop() { h.close(); }

    private FakeBotApi.Call last(String method) {
        List<FakeBotApi.Call> c = h.api.calls(method);
        assertFalse(c.isEmpty(), "no " + method + " call; calls: " + h.api.calls());
        return c.get(c.size() - 1);
    }

    @Test void sendIsPlainTextWithReplyParametersAndAnInlineKeyboard() {
        Action.Send send = Action.Send.of(CHAT, "host", "<b>1 & 2</b> *not markdown*").replyingTo("77")
                .withButtons(List.of(new Button("A", "quiz:1:a"), new Button("B", "quiz:1:b")));
        Outcome o = h.platform.perform(send);
        assertTrue(o instanceof Outcome.Done d && d.messageId() != null, "got " + o);
        FakeBotApi.Call c = last("sendMessage");
        assertEquals(-1001234567890L, c.params().get("chat_id").getAsLong(), "64-bit chat id sent intact");
        assertEquals("<b>1 & 2</b> *not markdown*", c.str("text"));
        assertFalse(c.params().has("parse_mode"), "plain text: member-supplied text must not be parsed as markup");
        assertEquals(77, c.obj("reply_parameters").get("message_id").getAsInt());
        assertEquals(JsonParser.parseString("{\"inline_keyboard\":[[{\"text\":\"A\",\"callback_data\":\"quiz:1:a\"}],"
                + "[{\"text\":\"B\",\"callback_data\":\"quiz:1:b\"}]]}"), c.obj("reply_markup"));
    }

    @Test void deleteManyGoesAsDeleteMessagesCallsOfAtMostAHundredIds() {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 1; i <= 150; i++) ids.add(Integer.toString(1000 + i));
        assertEquals(Outcome.done(), h.platform.perform(new Action.DeleteMany(CHAT, ids, "flood")));
        List<FakeBotApi.Call> calls = h.api.calls("deleteMessages");
        assertEquals(2, calls.size(), "150 ids: two calls; calls: " + h.api.calls());
        assertEquals(100, calls.get(0).params().getAsJsonArray("message_ids").size());
        assertEquals(50, calls.get(1).params().getAsJsonArray("message_ids").size());
        assertEquals(1001, calls.get(0).params().getAsJsonArray("message_ids").get(0).getAsInt());
        assertEquals(1150, calls.get(1).params().getAsJsonArray("message_ids").get(49).getAsInt());
        assertTrue(h.api.calls("deleteMessage").isEmpty(), "no single deletes");
    }

    @Test void sendPhotoUploadsTheImageAsMultipart() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 1, 2};
        assertTrue(h.platform.perform(new Action.SendPhoto(CHAT, "reporter", png, "本周活跃度")) instanceof Outcome.Done);
        FakeBotApi.Call c = last("sendPhoto");
        assertEquals(Harness.CHAT, c.str("chat_id"));
        assertEquals("本周活跃度", c.str("caption"));
        assertArrayEquals(png, c.files().get("photo"));
    }

    @Test void editDeletePinAndAnswer() {
        h.platform.perform(new Action.Edit(CHAT, "31", "Closed", List.of(new Button("Results", "quiz:r"))));
        FakeBotApi.Call edit = last("editMessageText");
        assertEquals(31, edit.params().get("message_id").getAsInt());
        assertEquals("Closed", edit.str("text"));
        assertEquals("quiz:r", edit.obj("reply_markup").getAsJsonArray("inline_keyboard").get(0).getAsJsonArray().get(0)
                .getAsJsonObject().get("callback_data").getAsString());
        h.platform.perform(new Action.Delete(CHAT, "32", "spam"));
        assertEquals("32", last("deleteMessage").str("message_id"));
        h.platform.perform(new Action.Pin(CHAT, "33"));
        assertEquals("33", last("pinChatMessage").str("message_id"));
        h.platform.perform(new Action.AnswerButton(CHAT, "tg", "q-1", "Recorded"));
        FakeBotApi.Call ans = last("answerCallbackQuery");
        assertEquals("q-1", ans.str("callback_query_id"));
        assertEquals("Recorded", ans.str("text"));
    }

    @Test void aTextLongerThanTelegramAllowsGoesAsSeveralMessages() {
        String para = "第一行的内容比较长。".repeat(40) + "\n";          // 401 characters a line
        String text = para.repeat(12);                                   // 4812 characters
        Outcome o = h.platform.perform(Action.Send.of(CHAT, "host", text).replyingTo("77")
                .withButtons(List.of(new Button("OK", "ok"))));
        List<FakeBotApi.Call> sent = h.api.calls("sendMessage");
        assertEquals(2, sent.size());
        String first = sent.get(0).str("text");
        assertTrue(first.length() <= 4096 && text.startsWith(first) && text.charAt(first.length()) == '\n', "split at a line end");
        assertEquals(text.strip(), first + "\n" + sent.get(1).str("text").strip(), "nothing lost but the line break at the cut");
        assertTrue(sent.get(0).params().has("reply_parameters") && !sent.get(1).params().has("reply_parameters"));
        assertTrue(sent.get(1).params().has("reply_markup") && !sent.get(0).params().has("reply_markup"));
        assertTrue(o instanceof Outcome.Done d && d.messageId() != null, "got " + o);
    }

    @Test void banTimedAndForeverUnbanOnlyIfBannedAndKickLetsThemRejoin() {
        h.platform.perform(new Action.Ban(CHAT, BOB, Duration.ofDays(1), "spam"));
        assertEquals(NOW + 86400, last("banChatMember").params().get("until_date").getAsLong());
        h.platform.perform(new Action.Ban(CHAT, BOB, null, "spam"));
        assertFalse(last("banChatMember").params().has("until_date"), "forever: no until_date");
        assertEquals("5000000001", last("banChatMember").str("user_id"));
        h.platform.perform(new Action.Unban(CHAT, BOB));
        assertTrue(last("unbanChatMember").params().get("only_if_banned").getAsBoolean());

        int bans = h.api.calls("banChatMember").size();
        assertTrue(h.platform.perform(new Action.Kick(CHAT, BOB, "rude")) instanceof Outcome.Done);
        assertEquals(bans + 1, h.api.calls("banChatMember").size());
        FakeBotApi.Call unban = last("unbanChatMember");
        assertEquals("5000000001", unban.str("user_id"));
        assertTrue(unban.params().get("only_if_banned").getAsBoolean());
        // The poller runs beside us: look at the moderation calls only.
        List<String> moderation = h.api.calls().stream().map(FakeBotApi.Call::method)
                .filter(m -> m.equals("banChatMember") || m.equals("unbanChatMember")).toList();
        assertEquals(List.of("banChatMember", "unbanChatMember"), moderation.subList(moderation.size() - 2, moderation.size()),
                "the kick's unban comes after its ban");
    }

    @Test void muteTakesAwaySendingUntilAndUnmuteGivesAllBack() {
        h.platform.perform(new Action.Mute(CHAT, BOB, Duration.ofMinutes(10), "flood"));
        FakeBotApi.Call mute = last("restrictChatMember");
        assertEquals("5000000001", mute.str("user_id"));
        assertEquals(NOW + 600, mute.params().get("until_date").getAsLong());
        JsonObject p = mute.obj("permissions");
        assertFalse(p.get("can_send_messages").getAsBoolean());
        assertFalse(p.get("can_send_photos").getAsBoolean());
        assertFalse(p.get("can_send_other_messages").getAsBoolean());

        h.platform.perform(new Action.Mute(CHAT, BOB, Duration.ofSeconds(5), "flood"));
        assertEquals(NOW + 31, last("restrictChatMember").params().get("until_date").getAsLong(),
                "under 30 s Telegram would mute forever: a short mute stays short");
        h.platform.perform(new Action.Mute(CHAT, BOB, null, "flood"));
        assertEquals(0, last("restrictChatMember").params().get("until_date").getAsLong(), "0 = forever");

        h.platform.perform(new Action.Unmute(CHAT, BOB));
        JsonObject back = last("restrictChatMember").obj("permissions");
        back.entrySet().forEach(e -> assertTrue(e.getValue().getAsBoolean(), e.getKey() + " restored"));
        assertTrue(back.get("can_send_messages").getAsBoolean());
    }

    @Test void joinRequestsAreApprovedAndDeclinedByUserId() {
        h.platform.perform(new Action.ApproveJoin(CHAT, BOB, "5000000001"));
        assertEquals("5000000001", last("approveChatJoinRequest").str("user_id"));
        h.platform.perform(new Action.DeclineJoin(CHAT, new MemberRef("5000000002", "Eve", false), null, "bot"));
        assertEquals("5000000002", last("declineChatJoinRequest").str("user_id"));
    }

    @Test void errorsBecomeTypedOutcomes() {
        JsonObject retry = new JsonObject();
        retry.addProperty("retry_after", 34);
        h.api.script("sendMessage", FakeBotApi.Answer.error(429, "Too Many Requests: retry after 34", retry));
        assertEquals(new Outcome.RetryAfter(Duration.ofSeconds(34)), h.platform.perform(Action.Send.of(CHAT, "host", "hi")));

        JsonObject moved = new JsonObject();
        moved.addProperty("migrate_to_chat_id", -1009999999999L);
        h.api.script("sendMessage", FakeBotApi.Answer.error(400, "Bad Request: group chat was upgraded to a supergroup chat", moved));
        assertEquals(new Outcome.Moved(new ChatRef("telegram", "-1009999999999")),
                h.platform.perform(Action.Send.of(new ChatRef("telegram", "-4001234"), "host", "hi")));

        h.api.script("deleteMessage", FakeBotApi.Answer.error(400, "Bad Request: message to delete not found", null));
        assertPermanent(h.platform.perform(new Action.Delete(CHAT, "1", "spam")), true);
        h.api.script("deleteMessage", FakeBotApi.Answer.error(400, "Bad Request: message can't be deleted", null));
        assertPermanent(h.platform.perform(new Action.Delete(CHAT, "1", "spam")), true);
        h.api.script("banChatMember", FakeBotApi.Answer.error(400, "Bad Request: not enough rights to restrict/unrestrict chat member", null));
        assertPermanent(h.platform.perform(new Action.Ban(CHAT, BOB, null, "x")), true);
        h.api.script("sendMessage", FakeBotApi.Answer.error(403, "Forbidden: bot was kicked from the supergroup chat", null));
        assertPermanent(h.platform.perform(Action.Send.of(CHAT, "host", "hi")), true);
        h.api.script("sendMessage", new FakeBotApi.Answer(502, "<html>Bad Gateway</html>"));
        assertPermanent(h.platform.perform(Action.Send.of(CHAT, "host", "hi")), false);

        h.api.always("restrictChatMember", c -> FakeBotApi.Answer.error(404, "Not Found", null));
        assertEquals(new Outcome.Unsupported("restrictChatMember"), h.platform.perform(new Action.Mute(CHAT, BOB, null, "x")));
    }

    @Test void outcomesTellTheOutboxWhatToRetryWhatToDropAndWhatCannotBeDone() {
        Action.Mute mute = new Action.Mute(CHAT, BOB, Duration.ofMinutes(10), "flood");
        // 5xx from the API: transient; the same call goes through once the API is back.
        h.api.script("restrictChatMember", FakeBotApi.Answer.error(500, "Internal Server Error", null));
        assertPermanent(h.platform.perform(mute), false);
        assertEquals(Outcome.done(), h.platform.perform(mute));
        // An error page from a proxy in front of the API (no Bot API envelope): the API never said no.
        h.api.script("restrictChatMember", new FakeBotApi.Answer(404, "<html>404 Not Found</html>"));
        assertPermanent(h.platform.perform(mute), false);
        h.api.script("restrictChatMember", new FakeBotApi.Answer(403, "<html>403 Forbidden</html>"));
        assertPermanent(h.platform.perform(mute), false);
        // The API's own refusals with a description: final.
        h.api.script("restrictChatMember", FakeBotApi.Answer.error(400, "Bad Request: not enough rights to restrict/unrestrict chat member", null));
        assertPermanent(h.platform.perform(mute), true);
        h.api.script("restrictChatMember", FakeBotApi.Answer.error(403, "Forbidden: bot is not a member of the supergroup chat", null));
        assertPermanent(h.platform.perform(mute), true);
        // A method this API does not have: unsupported, never retried.
        h.api.script("restrictChatMember", FakeBotApi.Answer.error(404, "Not Found: method not found", null));
        assertEquals(new Outcome.Unsupported("restrictChatMember"), h.platform.perform(mute));
        h.api.script("restrictChatMember", FakeBotApi.Answer.error(400, "Bad Request: method not found", null));
        assertEquals(new Outcome.Unsupported("restrictChatMember"), h.platform.perform(mute));
        // Flood control without parameters still waits.
        h.api.script("restrictChatMember", FakeBotApi.Answer.error(429, "Too Many Requests", null));
        assertEquals(new Outcome.RetryAfter(Duration.ofSeconds(5)), h.platform.perform(mute));
    }

    @Test void networkFailureIsATransientFailureNeverAThrow() {
        h.api.stopServer();
        assertPermanent(h.platform.perform(Action.Send.of(CHAT, "host", "hi")), false);
    }

    @Test void stoppingIntakeDoesNotCancelASendTheOutboxIsDraining() throws Exception {
        h.api.await("getUpdates", c -> true);
        java.util.concurrent.CountDownLatch inFlight = new java.util.concurrent.CountDownLatch(1);
        h.api.always("sendMessage", c -> {
            inFlight.countDown();
            try { Thread.sleep(300); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            return FakeBotApi.Answer.ok(JsonParser.parseString("{\"message_id\":9,\"date\":1,\"chat\":{\"id\":1,\"type\":\"group\"}}"));
        });
        var sent = java.util.concurrent.CompletableFuture.supplyAsync(() -> h.platform.perform(Action.Send.of(CHAT, "host", "bye")));
        assertTrue(inFlight.await(5, java.util.concurrent.TimeUnit.SECONDS));
        h.platform.stop();
        assertEquals(new Outcome.Done("9"), sent.get(5, java.util.concurrent.TimeUnit.SECONDS));
    }

    private static void assertPermanent(Outcome o, boolean permanent) {
        assertTrue(o instanceof Outcome.Failed f && f.permanent() == permanent, "expected Failed(permanent=" + permanent + "), got " + o);
    }

    @Test void adminsMapRightsAndAreAskedEveryTime() {
        h.api.always("getChatAdministrators", c -> FakeBotApi.Answer.ok(JsonParser.parseString("""
                [{"status":"creator","user":{"id":1,"is_bot":false,"first_name":"Olivia"},"is_anonymous":false},
                 {"status":"administrator","user":{"id":2,"is_bot":false,"first_name":"Mia"},"can_be_edited":false,
                  "is_anonymous":false,"can_manage_chat":true,"can_delete_messages":true,"can_restrict_members":true,
                  "can_promote_members":false,"can_change_info":false,"can_invite_users":true,"can_pin_messages":false}]""")));
        List<Admin> admins = h.platform.admins(CHAT);
        assertEquals(new Admin("1", true, Admin.ALL_RIGHTS), admins.get(0));
        assertEquals(new Admin("2", false, Set.of("delete", "restrict", "ban", "invite")), admins.get(1));
        assertEquals(admins, h.platform.admins(CHAT));
        assertEquals(2, h.api.calls("getChatAdministrators").size(), "no cache in the adapter: the admin directory keeps them");
        assertEquals(Harness.CHAT, h.api.calls("getChatAdministrators").get(0).str("chat_id"));
    }

    @Test void startLearnsWhoWeAreAndSetsTheValidCommands() {
        FakeBotApi.Call set = h.api.await("setMyCommands", c -> true);
        assertEquals(String.valueOf(FakeBotApi.BOT_ID), h.platform.selfId());
        assertEquals(Set.of("rules", "checkin"), Set.copyOf(set.params().getAsJsonArray("commands").asList().stream()
                .map(e -> e.getAsJsonObject().get("command").getAsString()).toList()));
        h.api.await("deleteWebhook", c -> true);
        FakeBotApi.Call poll = h.api.await("getUpdates", c -> true);
        assertEquals(JsonParser.parseString("[\"message\",\"edited_message\",\"callback_query\",\"chat_member\",\"my_chat_member\","
                + "\"chat_join_request\"]"), poll.params().get("allowed_updates"));
    }
}
