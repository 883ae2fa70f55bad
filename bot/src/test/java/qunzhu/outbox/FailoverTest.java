package qunzhu.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.app.Wiring;
import qunzhu.config.BotConfig;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Outcome;
import qunzhu.core.PersonaRole;
import qunzhu.feature.Accounts;
import qunzhu.persona.AccountHealth;
import qunzhu.runtime.Threads;
import qunzhu.store.Database;
import qunzhu.testkit.FakePlatform;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.Wait;

/**
 * A persona whose account cannot speak in a group (removed, muted, rate-limited, budget spent)
 * speaks through a sibling account there; the operators hear of it once per incident; the
 * account is tried again after the cooldown.
 */
@Timeout(30)
class FailoverTest {
    static final ChatRef G = new ChatRef("fake", "g");
    static final ChatRef OPS = new ChatRef("fake", "ops");
    @TempDir Path dir;
    final MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
    final Database db = Database.inMemory();
    final FakePlatform host = FakePlatform.all("host", "fake");
    final FakePlatform warden = FakePlatform.all("warden", "fake");
    Accounts accounts;
    Outbox outbox;

    void start() throws IOException {
        Files.writeString(dir.resolve("bot.yml"), "bot: {log_chat: \"fake:ops\"}\nsandbox: {enabled: false}\n");
        Files.writeString(dir.resolve("accounts.yml"), """
                personas:
                  host: {name: 小群}
                  moderator: {name: 小管家}
                accounts:
                  - {id: host, platform: fake, persona: host}
                  - {id: warden, platform: fake, persona: moderator, budget: 2/min}
                groups:
                  g: {chat: "fake:g", title: 技术群, accounts: [host, warden]}
                """);
        BotConfig config = Wiring.loader(k -> null, List.of(host.factory()), Wiring.features()).load(dir);
        accounts = new Accounts(config, () -> qunzhu.config.ChatMoves.NONE, clock);
        accounts.add(host, PersonaRole.HOST);
        accounts.add(warden, PersonaRole.MODERATOR);
        outbox = new Outbox(accounts, config::limits, clock, new ActionLog(db, config.zone()), db, Threads.forTests());
        accounts.health().onChange(new HealthAlerts(config, () -> qunzhu.config.ChatMoves.NONE,
                new qunzhu.text.Texts(List.of("core", "persona"), java.util.Map.of()), accounts, outbox, clock));
        outbox.start();
    }

    @AfterEach void stop() { if (outbox != null) outbox.stop(Duration.ofSeconds(1)); db.close(); }

    void settle() throws InterruptedException { assertTrue(outbox.awaitIdle(Duration.ofSeconds(5))); }

    static Action.Send say(String text) { return Action.Send.of(G, PersonaRole.MODERATOR, text); }

    static List<String> texts(FakePlatform p, ChatRef chat) {
        return p.performed.stream().filter(a -> a instanceof Action.Send && a.chat().equals(chat)).map(a -> ((Action.Send) a).text()).toList();
    }

    List<String> alerts() {
        List<String> out = new java.util.ArrayList<>(texts(host, OPS));
        out.addAll(texts(warden, OPS));
        return out;
    }

    @Test void aRemovedAccountsPersonaSpeaksThroughTheHostAndIsTriedAgainAfterTheCooldown() throws Exception {
        start();
        warden.then(a -> new Outcome.Failed("Forbidden: bot was kicked from the group chat", true));
        outbox.submit(say("第一条"));
        settle();
        assertEquals(List.of("第一条"), texts(warden, G), "the moderator's account tried");
        assertEquals(List.of("第一条"), texts(host, G), "and the host's account posted it instead");
        assertEquals(AccountHealth.State.ABSENT, accounts.health().status("warden", G).state());
        outbox.submit(say("第二条"));
        settle();
        assertEquals(List.of("第一条", "第二条"), texts(host, G), "while removed, the persona speaks through the host at once");
        assertEquals(1, alerts().size(), "one alert for the incident: " + alerts());
        assertTrue(alerts().get(0).contains("warden") && alerts().get(0).contains("技术群") && alerts().get(0).contains("已不在群内"), alerts().get(0));

        clock.advance(Duration.ofMinutes(11));            // past the cooldown: the next send is the probe
        warden.then(a -> new Outcome.Failed("Forbidden: bot was kicked from the group chat", true));
        outbox.submit(say("第三条"));
        settle();
        assertEquals(List.of("第一条", "第三条"), texts(warden, G), "tried again after the cooldown");
        assertEquals(List.of("第一条", "第二条", "第三条"), texts(host, G));
        assertEquals(1, alerts().size(), "still the same incident: no second alert");

        clock.advance(Duration.ofMinutes(11));
        outbox.submit(say("第四条"));                      // back in the group: done
        settle();
        assertEquals(List.of("第一条", "第三条", "第四条"), texts(warden, G));
        assertEquals(AccountHealth.State.OK, accounts.health().status("warden", G).state(), "the incident ended");
    }

    @Test void aMutedOrRateLimitedAccountHandsItsMessageToTheSibling() throws Exception {
        start();
        warden.then(a -> new Outcome.Failed("Bad Request: not enough rights to send text messages to the chat", true));
        outbox.submit(say("muted"));
        settle();
        assertEquals(List.of("muted"), texts(host, G));
        assertEquals(AccountHealth.State.MUTED, accounts.health().status("warden", G).state());
        assertEquals(1, alerts().size());

        ChatRef other = new ChatRef("fake", "h");         // another chat: the mute was only in g
        warden.then(a -> Outcome.retryAfter(Duration.ofSeconds(30)));
        outbox.submit(Action.Send.of(other, PersonaRole.MODERATOR, "limited"));
        settle();
        assertEquals(List.of("limited"), texts(host, other), "the 429 moved it to the sibling rather than holding it 30 s");
        assertEquals(AccountHealth.State.RATE_LIMITED, accounts.health().status("warden", other).state());
    }

    @Test void aSpentBudgetMovesThePersonasNextMessageToASibling() throws Exception {
        start();
        for (String t : List.of("1", "2", "3")) outbox.submit(say(t));
        settle();
        assertEquals(List.of("1", "2"), texts(warden, G), "warden's budget is 2 a minute");
        assertEquals(List.of("3"), texts(host, G), "the third went through the host");
        assertEquals(0, outbox.budgetLeft("warden"));
        clock.advance(Duration.ofMinutes(1));
        outbox.submit(say("4"));
        settle();
        assertEquals(List.of("1", "2", "4"), texts(warden, G), "a minute later the budget allows it again");
        assertEquals(0, alerts().size(), "a spent budget is routine, no alert");
    }

    @Test void withoutASiblingTheMessageWaitsForTheBudget() throws Exception {
        start();
        ChatRef alone = new ChatRef("fake", "alone");
        // Only warden serves it: a group that lists just the one account.
        accounts.health().absent("host", alone);
        for (String t : List.of("1", "2", "3")) outbox.submit(Action.Send.of(alone, PersonaRole.MODERATOR, t));
        Wait.until(() -> texts(warden, alone).size() == 2, Duration.ofSeconds(5), "two within the budget");
        assertTrue(outbox.awaitParked(Duration.ofSeconds(5)));
        assertEquals(List.of(), texts(host, alone), "the absent host is not used");
        clock.advance(Duration.ofMinutes(1));
        settle();
        assertEquals(List.of("1", "2", "3"), texts(warden, alone));
    }
}
