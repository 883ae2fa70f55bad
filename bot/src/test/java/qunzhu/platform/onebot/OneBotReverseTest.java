package qunzhu.platform.onebot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qunzhu.platform.onebot.FakeOneBot.waitFor;
import static qunzhu.platform.onebot.OneBotTestConfig.activity;
import static qunzhu.platform.onebot.OneBotTestConfig.sent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Outcome;
import qunzhu.testkit.SlowClients;
import qunzhu.testkit.TestBot;

/** The implementation dials the bot (reverse WebSocket), as NapCat and Lagrange do by default. */
@Timeout(30)
class OneBotReverseTest {
    static final String SELF = "20000";
    final List<FakeOneBot> fakes = new ArrayList<>();
    TestBot bot;
    int port;

    @BeforeEach void start() {
        bot = OneBotTestConfig.bot("""
                accounts:
                  - id: qq1
                    platform: onebot
                    persona: host
                    mode: reverse
                    listen: 127.0.0.1:0
                    self_id: "20000"
                    access_token: s3cret
                    handshake_timeout: 1s
                    max_message_bytes: 65536
                """);
        port = OneBotTestConfig.account(bot, "qq1").listenPort();
    }

    @AfterEach void close() throws Exception {
        for (FakeOneBot f : fakes) f.close();
        bot.close();
    }

    FakeOneBot fake(String selfId, String token) {
        FakeOneBot f = FakeOneBot.client(selfId, token);
        fakes.add(f);
        return f;
    }

    @Test void theRightTokenIsAcceptedAndEventsAreHandled() throws Exception {
        FakeOneBot qq = fake(SELF, "s3cret");
        assertTrue(qq.dial(port));
        waitFor(() -> OneBotTestConfig.account(bot, "qq1").connected(), Duration.ofSeconds(5), "session");
        qq.push(OneBotFrames.text(SELF, 123456789, 10003, "carol", -1_388_401_960L, "/rules"));
        qq.await("send_group_msg", 1);
        assertTrue(sent(qq).get(0).contains("1. 友善交流。"), sent(qq).get(0));
        assertEquals(1, activity(bot));
    }

    @Test void aWrongTokenIsRefusedInTheHandshakeBeforeAnyEvent() throws Exception {
        FakeOneBot wrong = fake(SELF, "guess");
        assertFalse(wrong.dial(port), "handshake must be refused");
        FakeOneBot none = fake(SELF, "");
        assertFalse(none.dial(port, "/onebot/v11/ws", Map.of("X-Self-ID", SELF)), "no token at all");
        assertEquals(0, wrong.opened.get() + none.opened.get());
        assertFalse(OneBotTestConfig.account(bot, "qq1").connected());
        // A rightful session afterwards: its event is the only one logged.
        FakeOneBot right = fake(SELF, "s3cret");
        assertTrue(right.dial(port));
        right.push(OneBotFrames.text(SELF, 123456789, 10003, "carol", 1, "hello"));
        waitFor(() -> activity(bot) == 1, Duration.ofSeconds(5), "the rightful event");
        bot.settle();
        assertEquals(1, activity(bot));
    }

    @Test void anUnexpectedQqNumberOrPathIsRefused() throws Exception {
        assertFalse(fake("99999", "s3cret").dial(port), "other X-Self-ID");
        assertFalse(fake(SELF, "s3cret").dial(port, "/", Map.of("Authorization", "Bearer s3cret")), "missing X-Self-ID");
        assertFalse(fake(SELF, "s3cret").dial(port, "/elsewhere", Map.of("X-Self-ID", SELF, "Authorization", "Bearer s3cret")), "wrong path");
    }

    @Test void tokenInTheQueryAndLowercaseHeadersWithoutARoleAreAccepted() throws Exception {
        assertTrue(fake(SELF, "s3cret").dial(port, "/?access_token=s3cret", Map.of("x-self-id", SELF)));
    }

    @Test void aReconnectWithTheSameQqNumberReplacesTheOldSession() throws Exception {
        FakeOneBot first = fake(SELF, "s3cret");
        assertTrue(first.dial(port));
        FakeOneBot second = fake(SELF, "s3cret");
        assertTrue(second.dial(port));
        waitFor(() -> !first.connected(), Duration.ofSeconds(5), "the old session to be closed");
        assertInstanceOf(Outcome.Done.class, OneBotTestConfig.account(bot, "qq1")
                .perform(Action.Send.of(new ChatRef("onebot", "123456789"), "host", "still here")));
        assertEquals(List.of("still here"), sent(second));
        assertEquals(List.of(), sent(first));
        // The implementation dropping and dialling again is accepted too.
        second.drop();
        FakeOneBot third = fake(SELF, "s3cret");
        assertTrue(third.dial(port));
        third.push(OneBotFrames.text(SELF, 123456789, 10003, "carol", 5_000_000_000L, "/rules"));
        third.await("send_group_msg", 1);
    }

    @Test void clientsThatNeverFinishTheHandshakeDoNotBlockAGoodOneAndAreClosedAfterTheTimeout() throws Exception {
        try (SlowClients slow = SlowClients.stall(16, port, "GET /onebot/v11/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n")) {
            FakeOneBot qq = fake(SELF, "s3cret");
            assertTrue(qq.dial(port), "the rightful implementation still gets in");
            qq.push(OneBotFrames.text(SELF, 123456789, 10003, "carol", 7, "/rules"));
            qq.await("send_group_msg", 1);
            slow.awaitDisconnected(10_000);
            assertTrue(qq.connected(), "the good session is untouched");
        }
    }

    @Test void anOversizeFrameClosesThatConnectionAndTheListenerServesTheNext() throws Exception {
        FakeOneBot big = fake(SELF, "s3cret");
        assertTrue(big.dial(port));
        waitFor(() -> OneBotTestConfig.account(bot, "qq1").connected(), Duration.ofSeconds(5), "session");
        big.push(OneBotFrames.text(SELF, 123456789, 10003, "carol", 8, "x".repeat(70 * 1024)));
        // isOpen() turns false when the close starts; onClose (which counts who closed) comes after
        waitFor(() -> big.closedByBot.get() > 0, Duration.ofSeconds(5), "the bot to close the oversize frame's connection");
        assertFalse(big.connected());
        assertEquals(1, big.closedByBot.get(), "closed by the bot");
        assertEquals(0, activity(bot), "the oversize event was not taken");
        FakeOneBot next = fake(SELF, "s3cret");
        assertTrue(next.dial(port));
        next.push(OneBotFrames.text(SELF, 123456789, 10003, "carol", 9, "/rules"));
        next.await("send_group_msg", 1);
    }
}
