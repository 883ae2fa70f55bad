package qunzhu.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.platform.telegram.TelegramFaultKit;
import qunzhu.platform.telegram.TelegramFaultKit.Fault;
import qunzhu.platform.telegram.TelegramFaultKit.Request;
import qunzhu.testkit.TestBot;
import qunzhu.testkit.Wait;

/**
 * The Bot API misbehaving under the whole bot: an outage (proxy 502s on every method) and a
 * 429 storm with retry_after. Outcomes are counted from the fake's request log: requests that
 * came earlier than the backoff or retry_after allowed, updates logged, replies delivered.
 */
@Timeout(60)
class TelegramFaultsTest {
    static final String CHAT = TelegramFaultKit.CHAT;
    static final String CHAT2 = "-1009876543210";
    static final String RULES = "1. 友善交流。";
    /** The fast factory's backoff (TelegramFaultKit.fastFactory): 20 ms doubling up to 200 ms, each wait at least half its step. */
    static final long BASE_MS = 20, CAP_MS = 200;
    /**
     * How long every method fails at least (wall time, from the first failed poll): 30 s in the
     * issue; 1 s here so the suite stays fast (-Dqunzhu.faults.telegramOutageMs=30000 for the long one).
     */
    static final Duration OUTAGE = Duration.ofMillis(Long.getLong("qunzhu.faults.telegramOutageMs", 1_000));

    TelegramFaultKit kit;
    TestBot bot;

    @BeforeEach void start() throws Exception {
        kit = new TelegramFaultKit();
        bot = TestBot.builder().platform(TelegramFaultKit.fastFactory()).file("accounts.yml", kit.accountsYaml())
                .file("groups.yml", """
                        groups:
                          tg:
                            chat: "telegram:%s"
                            title: 电报群
                            strategy: laissez_faire
                            rules: {text: "%s"}
                          tg2:
                            chat: "telegram:%s"
                            title: 电报二群
                            strategy: laissez_faire
                            rules: {text: "%s"}
                        """.formatted(CHAT, RULES, CHAT2, RULES)).build();
        kit.clock(() -> bot.clock().millis());
    }

    @AfterEach void stop() {
        if (bot != null) bot.close();
        if (kit != null) kit.close();
    }

    /** Rules replies the Bot API accepted, by the message they answer (chat:message id). */
    private Map<String, Integer> delivered() {
        Map<String, Integer> out = new HashMap<>();
        for (Request r : kit.requests("sendMessage")) {
            if (r.fault() == null && r.text() != null && r.text().contains(RULES)) out.merge(r.chatId() + ":" + r.replyTo(), 1, Integer::sum);
        }
        return out;
    }

    private long logged(String chat, int messageId) {
        return bot.db().count("SELECT COUNT(*) FROM activity WHERE platform = 'telegram' AND chat_id = ? AND message_id = ?", chat, Integer.toString(messageId));
    }

    /** Advances the bot's clock in steps until {@code done}, at most {@code limit} of bot time. */
    private void advanceUntil(java.util.function.BooleanSupplier done, Duration step, Duration limit) {
        for (Duration spent = Duration.ZERO; !done.getAsBoolean() && spent.compareTo(limit) < 0; spent = spent.plus(step)) {
            step(step);
        }
    }

    private void step(Duration d) { bot.step(d); }

    @Test @Timeout(120) // room for the 30 s outage
    void anOutageOfEveryMethodIsRiddenOutWithBackoffAndNothingIsLostOrDropped() {
        AtomicReference<String> phase = new AtomicReference<>("up");
        AtomicInteger downPolls = new AtomicInteger();
        List<Long> downPollTimes = new ArrayList<>();
        kit.faults(r -> switch (phase.get()) {
            case "sends-down" -> r.method().equalsIgnoreCase("sendMessage") ? Fault.badGateway() : null;
            case "all-down" -> {
                if (r.method().equalsIgnoreCase("getUpdates")) {
                    synchronized (downPollTimes) { downPollTimes.add(r.nanos()); }
                    downPolls.incrementAndGet();
                }
                yield Fault.badGateway();
            }
            default -> null;
        });
        kit.message(CHAT, 1, 42, "/rules");
        Wait.until(() -> delivered().containsKey(CHAT + ":1"), Duration.ofSeconds(20), "the first answer");

        // Sends fail, intake works: the updates are logged, their replies wait in the outbox.
        phase.set("sends-down");
        for (int id = 10; id < 13; id++) kit.message(CHAT, id, 42, "/rules");
        Wait.until(() -> kit.requests("sendMessage").stream().filter(r -> r.fault() != null).count() >= 3, Duration.ofSeconds(20), "three failed sends");

        // Everything fails: updates pushed now stay at the Bot API; the replies keep failing.
        phase.set("all-down");
        int before = kit.requests().size();
        // Polls go one at a time: once one has failed, none that could still deliver is in flight.
        Wait.until(() -> downPolls.get() >= 1, Duration.ofSeconds(20), "a poll during the outage");
        long downAt = System.nanoTime();
        long loggedBefore = bot.db().count("SELECT COUNT(*) FROM activity WHERE platform = 'telegram'");
        int deliveredBefore = delivered().size();
        for (int id = 20; id < 23; id++) kit.message(CHAT, id, 43, "/rules");
        Wait.until(() -> downPolls.get() >= 12 && System.nanoTime() - downAt >= OUTAGE.toNanos(), OUTAGE.plus(Duration.ofSeconds(30)),
                "twelve polls and the outage's length");
        step(Duration.ofSeconds(5));
        step(Duration.ofSeconds(5));
        assertEquals(0, logged(CHAT, 20), "nothing arrives while getUpdates fails");

        phase.set("up");
        long upAt = System.nanoTime();
        Wait.until(() -> logged(CHAT, 22) == 1, Duration.ofSeconds(20), "the updates the Bot API kept, once it answers");
        long recoveredMs = (System.nanoTime() - upAt) / 1_000_000;
        advanceUntil(() -> delivered().size() == 7, Duration.ofSeconds(30), Duration.ofMinutes(9));

        List<Long> times;
        synchronized (downPollTimes) { times = List.copyOf(downPollTimes); }
        int early = 0;
        for (int k = 0; k + 1 < times.size(); k++) {
            long floorMs = Math.min(CAP_MS, BASE_MS << Math.min(20, k)) / 2;
            if ((times.get(k + 1) - times.get(k)) / 1_000_000 < floorMs) early++;
        }
        System.out.println("[faults] telegram outage " + (upAt - downAt) / 1_000_000 + " ms: " + times.size() + " polls while down, "
                + early + " earlier than the backoff; poll gaps " + Gaps.of(times) + "; " + (kit.requests().size() - before)
                + " requests in all; updates logged before " + loggedBefore + ", after " + bot.db().count("SELECT COUNT(*) FROM activity WHERE platform = 'telegram'")
                + "; kept updates logged " + recoveredMs + " ms after the Bot API answered again; replies delivered before " + deliveredBefore
                + ", after " + delivered().size() + "/7");
        assertEquals(0, early, "no poll earlier than the backoff allows (no reconnect storm)");
        for (int id : new int[] {1, 10, 11, 12, 20, 21, 22}) {
            assertEquals(1, logged(CHAT, id), "update " + id + " logged once");
            assertEquals(1, delivered().getOrDefault(CHAT + ":" + id, 0), "the reply to " + id + " delivered once: " + delivered());
        }
        assertTrue(bot.db().health().writable());
    }

    @Test void aFloodOf429sIsHonouredToTheSecondAndNoReplyIsDropped() {
        Map<String, Integer> sendsByChat = new HashMap<>();
        AtomicInteger polls429 = new AtomicInteger();
        AtomicReference<Boolean> storm = new AtomicReference<>(false);
        kit.faults(r -> {
            if (!storm.get()) return null;
            if (r.method().equalsIgnoreCase("getUpdates")) return polls429.incrementAndGet() <= 2 ? Fault.tooManyRequests(1) : null;
            if (!r.method().equalsIgnoreCase("sendMessage")) return null;
            int n;
            synchronized (sendsByChat) { n = sendsByChat.merge(r.chatId(), 1, Integer::sum); }
            return n <= 6 ? Fault.tooManyRequests(1 + n % 3) : null;
        });
        kit.message(CHAT, 1, 42, "/rules");
        Wait.until(() -> delivered().containsKey(CHAT + ":1"), Duration.ofSeconds(20), "the first answer");
        storm.set(true);
        for (int i = 0; i < 5; i++) {
            kit.message(CHAT, 100 + i, 42, "/rules");
            kit.message(CHAT2, 200 + i, 44, "/rules");
        }
        Wait.until(() -> logged(CHAT2, 204) == 1, Duration.ofSeconds(20), "all ten updates, after the polls' 429s");
        advanceUntil(() -> delivered().size() == 11, Duration.ofMillis(250), Duration.ofMinutes(5));

        int early = 0, told = 0;
        for (String chat : List.of(CHAT, CHAT2)) {
            List<Request> sends = kit.requests("sendMessage").stream().filter(r -> chat.equals(r.chatId())).toList();
            for (int k = 0; k + 1 < sends.size(); k++) {
                Request r = sends.get(k);
                if (r.fault() == null || r.fault().status() != 429) continue;
                told++;
                if (sends.get(k + 1).clockMillis() < r.clockMillis() + r.fault().retryAfter() * 1000L) early++;
            }
        }
        List<Request> polls = kit.requests("getUpdates");
        int earlyPolls = 0;
        for (int k = 0; k + 1 < polls.size(); k++) {
            Request r = polls.get(k);
            if (r.fault() != null && polls.get(k + 1).nanos() < r.nanos() + r.fault().retryAfter() * 1_000_000_000L) earlyPolls++;
        }
        System.out.println("[faults] telegram 429 storm: " + told + " sendMessage 429s, " + early + " retried early; "
                + polls.stream().filter(r -> r.fault() != null).count() + " getUpdates 429s, " + earlyPolls + " early; replies delivered " + delivered().size() + "/11");
        assertEquals(12, told, "six 429s per chat were answered");
        assertEquals(0, early, "no send to a chat before its retry_after passed");
        assertEquals(0, earlyPolls, "no getUpdates before its retry_after passed");
        for (int i = 0; i < 5; i++) {
            assertEquals(1, delivered().getOrDefault(CHAT + ":" + (100 + i), 0), "reply to " + (100 + i) + ": " + delivered());
            assertEquals(1, delivered().getOrDefault(CHAT2 + ":" + (200 + i), 0), "reply to " + (200 + i) + ": " + delivered());
        }
    }
}
