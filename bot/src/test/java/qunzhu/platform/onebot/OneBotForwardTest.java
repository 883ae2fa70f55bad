package qunzhu.platform.onebot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qunzhu.platform.onebot.FakeOneBot.waitFor;

import com.google.gson.JsonObject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.core.Action;
import qunzhu.core.Admin;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.Outcome;

@Timeout(20)
class OneBotForwardTest {
    static final String SELF = "20000";
    final List<Event> events = new CopyOnWriteArrayList<>();
    final List<AutoCloseable> open = new ArrayList<>();
    final ChatRef group = new ChatRef("onebot", "123456789");

    @AfterEach void close() throws Exception {
        for (AutoCloseable c : open) c.close();
    }

    FakeOneBot fake(String token) throws Exception {
        FakeOneBot f = FakeOneBot.server(SELF, token);
        open.add(f);
        return f;
    }

    OneBotAccount account(FakeOneBot fake, String token, Duration actionTimeout) throws Exception {
        OneBotSettings s = new OneBotSettings("forward", URI.create(fake.url()), null, 0, null, token, actionTimeout,
                Duration.ofMillis(50), Duration.ofMillis(50), Duration.ofMillis(400));
        OneBotAccount a = new OneBotAccount("qq1", s, null, Clock.systemUTC(), qunzhu.runtime.Threads.forTests(),
                new qunzhu.text.Texts(java.util.List.of("core"), java.util.Map.of()));
        open.add(a::stop);
        a.start(events::addAll);
        return a;
    }

    OneBotAccount connected(FakeOneBot fake) throws Exception {
        OneBotAccount a = account(fake, "secret", Duration.ofSeconds(3));
        waitFor(() -> a.connected() && fake.connected() && SELF.equals(a.selfId()), Duration.ofSeconds(5), "connection");
        return a;
    }

    @Test void connectsWithTheBearerTokenAndLearnsItsQqNumberFromGetLoginInfo() throws Exception {
        FakeOneBot fake = fake("secret");
        OneBotAccount a = connected(fake);
        assertEquals(SELF, a.selfId());
        assertEquals(0, fake.refused.get());
        assertEquals("{}", fake.await("get_login_info", 1).get(0).get("params").toString());
    }

    @Test void aWrongTokenIsRefusedAndRetriedWithGrowingDelays() throws Exception {
        FakeOneBot fake = fake("secret");
        long start = System.nanoTime();
        OneBotAccount a = account(fake, "wrong", Duration.ofSeconds(3));
        waitFor(() -> fake.refused.get() >= 4, Duration.ofSeconds(5), "four refused handshakes");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        // Three waits of at least 25, 50 and 100 ms (half of 50, 100, 200 with jitter): no reconnect storm.
        assertTrue(elapsedMs >= 175, "retried too fast: 4 attempts in " + elapsedMs + " ms");
        assertFalse(a.connected());
        assertEquals(0, fake.opened.get());
        assertInstanceOf(Outcome.Failed.class, a.perform(Action.Send.of(group, "host", "hi")));
    }

    @Test void everyActionIsSentAsTheExactSpecFrame() throws Exception {
        FakeOneBot fake = fake("secret");
        OneBotAccount a = connected(fake);
        qunzhu.core.MemberRef bob = qunzhu.core.MemberRef.of("3000000001", "bob");
        Outcome sent = a.perform(Action.Send.of(group, "host", "hi [all] & you").replyingTo("-1388401960")
                .withButtons(List.of(new qunzhu.core.Button("我是人类", "verify:ok", "我是人类"), new qunzhu.core.Button("规则", "rules"),
                        new qunzhu.core.Button("选 A", "quiz:a", "A"))));
        assertEquals(new Outcome.Done("3425462029"), sent);
        assertEquals(Outcome.done(), a.perform(new Action.Delete(group, "3425462029", "spam")));
        a.perform(new Action.Kick(group, bob, "spam"));
        a.perform(new Action.Ban(group, bob, Duration.ofDays(1), "spam"));
        a.perform(new Action.Mute(group, bob, Duration.ofMinutes(10), "flood"));
        a.perform(new Action.Mute(group, bob, null, "flood"));
        a.perform(new Action.Mute(group, bob, Duration.ofDays(45), "flood"));
        a.perform(new Action.Unmute(group, bob));
        a.perform(new Action.ApproveJoin(group, bob, "add:flag-1"));
        a.perform(new Action.DeclineJoin(group, bob, "invite:flag-2", "答案不对"));
        a.perform(new Action.SendPhoto(group, "reporter", new byte[] {1, 2, 3}, "日报"));
        assertEquals(List.of(
                "{\"group_id\":123456789,\"message\":[{\"type\":\"reply\",\"data\":{\"id\":\"-1388401960\"}},{\"type\":\"text\",\"data\":{\"text\":\"hi [all] & you\\n回复「我是人类」\\n规则\\n回复「A」：选 A\"}}]}",
                "{\"group_id\":123456789,\"message\":[{\"type\":\"image\",\"data\":{\"file\":\"base64://AQID\"}},{\"type\":\"text\",\"data\":{\"text\":\"日报\"}}]}"),
                params(fake.await("send_group_msg", 2)));
        assertEquals(List.of("{\"message_id\":3425462029}"), params(fake.actions("delete_msg")));
        assertEquals(Outcome.done(), a.perform(new Action.DeleteMany(group, List.of("11", "12"), "flood")));
        assertEquals(List.of("{\"message_id\":3425462029}", "{\"message_id\":11}", "{\"message_id\":12}"),
                params(fake.actions("delete_msg")), "one delete_msg per message");
        assertEquals(List.of("{\"group_id\":123456789,\"user_id\":3000000001,\"reject_add_request\":false}",
                "{\"group_id\":123456789,\"user_id\":3000000001,\"reject_add_request\":true}"), params(fake.actions("set_group_kick")));
        assertEquals(List.of("{\"group_id\":123456789,\"user_id\":3000000001,\"duration\":600}",
                "{\"group_id\":123456789,\"user_id\":3000000001,\"duration\":2592000}",
                "{\"group_id\":123456789,\"user_id\":3000000001,\"duration\":2592000}",
                "{\"group_id\":123456789,\"user_id\":3000000001,\"duration\":0}"), params(fake.actions("set_group_ban")));
        assertEquals(List.of("{\"flag\":\"flag-1\",\"sub_type\":\"add\",\"approve\":true,\"reason\":\"\"}",
                "{\"flag\":\"flag-2\",\"sub_type\":\"invite\",\"approve\":false,\"reason\":\"答案不对\"}"), params(fake.actions("set_group_add_request")));
    }

    @Test void actionsQqCannotDoAreUnsupportedWithoutACall() throws Exception {
        FakeOneBot fake = fake("secret");
        OneBotAccount a = connected(fake);
        int before = fake.actions.size();
        assertInstanceOf(Outcome.Unsupported.class, a.perform(new Action.Edit(group, "1", "x", List.of())));
        assertInstanceOf(Outcome.Unsupported.class, a.perform(new Action.Pin(group, "1")));
        assertInstanceOf(Outcome.Unsupported.class, a.perform(new Action.Unban(group, qunzhu.core.MemberRef.of("1", null))));
        assertEquals(Outcome.done(), a.perform(new Action.AnswerButton(group, "qq1", "cb", "ok")));
        assertEquals(before, fake.actions.size());
        assertFalse(a.capabilities().buttons());
        assertTrue(a.capabilities().joinRequests());
        assertFalse(a.capabilities().can(Action.Edit.class));
        assertTrue(a.capabilities().actions().containsAll(List.of(Action.Send.class, Action.SendPhoto.class, Action.Delete.class,
                Action.Mute.class, Action.Unmute.class, Action.Kick.class, Action.Ban.class)));
    }

    @Test void twentyConcurrentCallsAnsweredOutOfOrderEachGetTheirOwnAnswer() throws Exception {
        FakeOneBot fake = fake("secret");
        OneBotAccount a = connected(fake);
        fake.responder = f -> FakeOneBot.SILENT;
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Outcome>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String text = "m" + i;
                results.add(pool.submit(() -> a.perform(Action.Send.of(group, "host", text))));
            }
            List<JsonObject> frames = new ArrayList<>(fake.await("send_group_msg", 20));
            java.util.Collections.reverse(frames);
            for (JsonObject f : frames) {
                String text = f.getAsJsonObject("params").getAsJsonArray("message").get(0).getAsJsonObject()
                        .getAsJsonObject("data").get("text").getAsString();
                JsonObject data = new JsonObject();
                data.addProperty("message_id", 5_000_000_000L + Integer.parseInt(text.substring(1)));
                fake.reply(f, data);
            }
            for (int i = 0; i < 20; i++) assertEquals(new Outcome.Done(Long.toString(5_000_000_000L + i)), results.get(i).get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test void anUnansweredCallFailsNotPermanentlyWithinTheActionTimeout() throws Exception {
        FakeOneBot fake = fake("secret");
        OneBotAccount a = account(fake, "secret", Duration.ofMillis(300));
        waitFor(() -> a.connected() && SELF.equals(a.selfId()), Duration.ofSeconds(5), "connection");
        fake.responder = f -> FakeOneBot.SILENT;
        long start = System.nanoTime();
        Outcome o = a.perform(Action.Send.of(group, "host", "hello?"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, o);
        assertFalse(f.permanent());
        assertTrue(ms >= 250 && ms < 2000, "gave up after " + ms + " ms");
    }

    @Test void aCallWaitingWhenTheConnectionDropsFailsAtOnceNotPermanently() throws Exception {
        FakeOneBot fake = fake("secret");
        OneBotAccount a = account(fake, "secret", Duration.ofSeconds(15));
        waitFor(() -> a.connected() && SELF.equals(a.selfId()), Duration.ofSeconds(5), "connection");
        fake.responder = f -> FakeOneBot.SILENT;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Outcome> pending = pool.submit(() -> a.perform(Action.Send.of(group, "host", "lost")));
            fake.await("send_group_msg", 1);
            fake.drop();
            Outcome.Failed f = assertInstanceOf(Outcome.Failed.class, pending.get(5, java.util.concurrent.TimeUnit.SECONDS));
            assertFalse(f.permanent());
            assertTrue(f.reason().contains("disconnected"), f.reason());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test void failedRetcodesBecomeTypedOutcomes() throws Exception {
        FakeOneBot fake = fake("secret");
        OneBotAccount a = connected(fake);
        fake.rawResponder = f -> {
            String text = f.getAsJsonObject("params").getAsJsonArray("message").get(0).getAsJsonObject()
                    .getAsJsonObject("data").get("text").getAsString();
            JsonObject r = FakeOneBot.response(f, "failed", Integer.parseInt(text), null);
            r.addProperty("wording", "不支持的Api");
            if (text.equals("100")) { r.remove("wording"); r.remove("message"); r.addProperty("msg", "SEND_MSG_API_ERROR"); }
            return r;
        };
        assertInstanceOf(Outcome.Unsupported.class, a.perform(Action.Send.of(group, "host", "1404")));
        assertEquals(true, assertInstanceOf(Outcome.Failed.class, a.perform(Action.Send.of(group, "host", "1400"))).permanent());
        assertEquals(true, assertInstanceOf(Outcome.Failed.class, a.perform(Action.Send.of(group, "host", "1200"))).permanent());
        Outcome.Failed gocq = assertInstanceOf(Outcome.Failed.class, a.perform(Action.Send.of(group, "host", "100")));
        assertTrue(gocq.reason().contains("SEND_MSG_API_ERROR"), gocq.reason());
        fake.rawResponder = f -> FakeOneBot.response(f, "ok", 0, null);
        assertEquals(Outcome.done(), a.perform(Action.Send.of(group, "host", "data null")));
    }

    @Test void anAnsweredFailureIsFinalAndOnlyNoAnswerIsRetried() throws Exception {
        FakeOneBot fake = fake("secret");
        OneBotAccount a = account(fake, "secret", Duration.ofMillis(300));
        waitFor(() -> a.connected() && SELF.equals(a.selfId()), Duration.ofSeconds(5), "connection");
        Action.Mute mute = new Action.Mute(group, qunzhu.core.MemberRef.of("10001", "Bob"), Duration.ofMinutes(10), "flood");
        // NapCat: the handler failed (here an NTQQ timeout): permanent, a retry could act twice.
        fake.rawResponder = f -> napcat(f, 1200, "Error: Timeout: NTQQ API call failed");
        assertEquals(true, assertInstanceOf(Outcome.Failed.class, a.perform(mute)).permanent());
        // NapCat: unknown action.
        fake.rawResponder = f -> napcat(f, 1404, "不支持的Api set_group_ban");
        assertInstanceOf(Outcome.Unsupported.class, a.perform(mute));
        // Another implementation: a failed status whose text says the action is not supported.
        fake.rawResponder = f -> napcat(f, -1, "action set_group_ban is not supported");
        assertInstanceOf(Outcome.Unsupported.class, a.perform(mute));
        // Bad parameters: permanent.
        fake.rawResponder = f -> napcat(f, 1400, "参数错误");
        assertEquals(true, assertInstanceOf(Outcome.Failed.class, a.perform(mute)).permanent());
        // No answer at all: transient, and the same call goes through once the implementation answers.
        fake.rawResponder = null;
        fake.responder = f -> FakeOneBot.SILENT;
        assertEquals(false, assertInstanceOf(Outcome.Failed.class, a.perform(mute)).permanent());
        fake.responder = fake::answer;
        assertEquals(Outcome.done(), a.perform(mute));
    }

    private static JsonObject napcat(JsonObject action, int retcode, String wording) {
        JsonObject r = FakeOneBot.response(action, "failed", retcode, null);
        r.addProperty("message", wording);
        r.addProperty("wording", wording);
        return r;
    }

    @Test void reconnectsAfterTheImplementationDropsTheConnection() throws Exception {
        FakeOneBot fake = fake("secret");
        OneBotAccount a = connected(fake);
        fake.drop();
        waitFor(() -> fake.opened.get() == 2 && a.connected(), Duration.ofSeconds(5), "reconnect");
        assertInstanceOf(Outcome.Done.class, a.perform(Action.Send.of(group, "host", "back")));
    }

    @Test void heartbeatSilenceIsTreatedAsADeadConnection() throws Exception {
        FakeOneBot fake = fake("secret");
        OneBotAccount a = connected(fake);
        fake.push(OneBotFrames.heartbeat(SELF, 100));
        // The fake now stays silent: after 2 x 100 ms the bot must drop it and dial again.
        waitFor(() -> fake.opened.get() >= 2, Duration.ofSeconds(5), "reconnect after heartbeat silence");
        waitFor(a::connected, Duration.ofSeconds(5), "connected again");
    }

    @Test void eventsReachTheSinkAndMalformedFramesAreSkipped() throws Exception {
        FakeOneBot fake = fake("secret");
        connected(fake);
        fake.push("not json at all {");
        fake.push("[1,2,3]");
        fake.push("{\"post_type\":\"message\",\"message_type\":\"group\",\"group_id\":{\"x\":1}}");
        fake.push("{\"echo\":\"nobody:1\",\"status\":\"ok\",\"retcode\":0}");
        fake.push(OneBotFrames.meta(SELF, "lifecycle", "enable"));
        fake.push(OneBotFrames.text(SELF, 123456789, 10001, "alice", 2_147_483_648L, "hello"));
        fake.push(OneBotFrames.notice(SELF, "group_increase", "approve", 123456789, 10002, 0));
        waitFor(() -> events.size() >= 2, Duration.ofSeconds(5), "two events");
        Event.MessagePosted m = assertInstanceOf(Event.MessagePosted.class, events.get(0));
        assertEquals("2147483648", m.messageId());
        Event.MemberJoined j = assertInstanceOf(Event.MemberJoined.class, events.get(1));
        assertEquals("nick10002", j.member().name(), "name looked up with get_group_member_info");
        assertEquals(2, events.size());
    }

    @Test void adminsComeFromTheMemberListAndAreAskedEveryTime() throws Exception {
        FakeOneBot fake = fake("secret");
        OneBotAccount a = connected(fake);
        fake.responder = f -> null;
        fake.rawResponder = f -> {
            com.google.gson.JsonArray list = new com.google.gson.JsonArray();
            list.add(OneBotFrames.json("{\"user_id\":10001,\"role\":\"owner\",\"nickname\":\"o\"}"));
            list.add(OneBotFrames.json("{\"user_id\":\"10002\",\"role\":\"admin\",\"nickname\":\"a\"}"));
            list.add(OneBotFrames.json("{\"user_id\":10003,\"role\":\"member\",\"nickname\":\"m\"}"));
            return FakeOneBot.response(f, "ok", 0, list);
        };
        List<Admin> admins = a.admins(group);
        assertEquals(List.of("10001", "10002"), admins.stream().map(Admin::memberId).toList());
        assertTrue(admins.get(0).owner());
        assertTrue(admins.get(1).may("ban") && admins.get(1).may("delete") && !admins.get(1).may("promote"));
        a.admins(group);
        assertEquals(2, fake.actions("get_group_member_list").size(), "no cache in the adapter: the admin directory keeps them");
        assertEquals("{\"group_id\":123456789}", fake.actions("get_group_member_list").get(0).get("params").toString());
    }

    private static List<String> params(List<JsonObject> frames) {
        return frames.stream().map(f -> f.get("params").toString()).toList();
    }
}
