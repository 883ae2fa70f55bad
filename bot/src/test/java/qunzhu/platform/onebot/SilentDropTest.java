package qunzhu.platform.onebot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static qunzhu.platform.onebot.FakeOneBot.waitFor;
import static qunzhu.platform.onebot.OneBotTestConfig.sent;

import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.core.ChatRef;
import qunzhu.persona.AccountHealth;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.testkit.TestBot;

/**
 * QQ risk control (风控): send_group_msg answers ok, but the message never reaches the group.
 * With two of our accounts in the group, the sibling should see it within the window; when it
 * does not and get_msg cannot find it either, the host persona fails over to the sibling, the
 * lost message is posted again, and the operators hear of it once.
 */
@Timeout(30)
class SilentDropTest {
    static final ChatRef QQ = new ChatRef("onebot", OneBotTestConfig.GROUP);
    FakeOneBot qq1;
    FakeOneBot qq2;
    TestBot bot;

    @AfterEach void close() throws Exception {
        if (bot != null) bot.close();
        if (qq1 != null) qq1.close();
        if (qq2 != null) qq2.close();
    }

    /** A fake whose sends answer ok and vanish: get_msg then cannot find them. */
    static void swallowsSends(FakeOneBot fake) {
        fake.rawResponder = frame -> frame.get("action").getAsString().equals("get_msg")
                ? FakeOneBot.response(frame, "failed", 1200, null)
                : FakeOneBot.response(frame, "ok", 0, fake.answer(frame));
    }

    void start() throws InterruptedException {
        qq1 = FakeOneBot.server("20000", "secret");
        qq2 = FakeOneBot.server("20001", "secret");
        bot = OneBotTestConfig.bot("accounts:\n" + OneBotEndToEndTest.account("qq1", "host", qq1)
                + OneBotEndToEndTest.account("qq2", "moderator", qq2)
                + "  - {id: desk, platform: sandbox, persona: reporter}\n");   // the operators' room is on the sandbox
        waitFor(() -> qq1.connected() && qq2.connected(), Duration.ofSeconds(5), "both accounts to connect");
    }

    List<String> alerts() {
        return bot.hub().transcript("ops", 0).get("entries") instanceof List<?> l
                ? l.stream().map(e -> (SandboxHub.Entry) e).filter(e -> e.kind().equals("bot")).map(SandboxHub.Entry::text).toList()
                : List.of();
    }

    @Test void aSendNoSiblingSawAndGetMsgCannotFindFailsOverToTheSibling() throws Exception {
        start();
        swallowsSends(qq1);
        qq1.push(OneBotFrames.notice("20000", "group_increase", "approve", 123456789, 10002, 10001));
        qq1.await("send_group_msg", 1);
        bot.settle();
        assertEquals(1, bot.bot().accounts().drops().waiting(), "the welcome waits to be seen by qq2");

        bot.advance(Duration.ofSeconds(31));              // the window passes: nobody saw it
        qq1.await("get_msg", 1);
        qq2.await("send_group_msg", 1);
        bot.settle();
        assertEquals(sent(qq1).get(0), sent(qq2).get(0), "the lost welcome was posted again by the sibling");
        assertEquals(AccountHealth.State.SILENT_DROPS, bot.bot().accounts().health().status("qq1", QQ).state());
        waitFor(() -> alerts().size() == 1, Duration.ofSeconds(5), "one alert in the log chat");
        assertTrue(alerts().get(0).contains("qq1") && alerts().get(0).contains("风控") && alerts().get(0).contains("qq2"), alerts().get(0));

        // The host persona keeps speaking through qq2 until the cooldown passes.
        qq1.push(OneBotFrames.text("20000", 123456789, 10003, "carol", 2_200_000_001L, "/rules"));
        qq2.await("send_group_msg", 2);
        assertEquals(1, qq1.actions("send_group_msg").size(), "nothing more through qq1");
        assertEquals(1, alerts().size(), "still one alert");
    }

    @Test void aSendTheSiblingSawIsNotAskedAbout() throws Exception {
        start();
        qq1.push(OneBotFrames.notice("20000", "group_increase", "approve", 123456789, 10002, 10001));
        qq1.await("send_group_msg", 1);
        bot.settle();
        assertEquals(1, bot.bot().accounts().drops().waiting());
        // qq2 receives qq1's welcome as a group message from QQ 20000.
        qq2.push(OneBotFrames.text("20001", 123456789, 20000, "小群", 7_000_000_001L, sent(qq1).get(0)));
        waitFor(() -> bot.bot().accounts().drops().waiting() == 0, Duration.ofSeconds(5), "the welcome seen by the sibling");
        bot.advance(Duration.ofSeconds(31));
        assertEquals(0, bot.bot().silentDrops().probes(), "no get_msg for a message the sibling saw");
        assertEquals(AccountHealth.State.OK, bot.bot().accounts().health().status("qq1", QQ).state());
    }
}
