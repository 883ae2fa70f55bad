package qunzhu.platform.telegram;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import qunzhu.core.Event;
import qunzhu.platform.EventSink;
import qunzhu.store.Database;
import qunzhu.store.KeyValues;

/** One TelegramAccount against a {@link FakeBotApi}, with a sink that records what it accepted. */
final class Harness implements AutoCloseable {
    static final TelegramFactory.Timing FAST = new TelegramFactory.Timing(Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(200));
    static final String CHAT = "-1001234567890";

    /** accounts.yml with one Telegram account (id tg, the host persona; a moderator persona without its own account) polling {@code api}. */
    static String telegramAccount(FakeBotApi api) {
        return """
                personas:
                  host: {name: 小群}
                  moderator: {name: 小管家}
                accounts:
                  - {id: tg, platform: telegram, persona: host, token: "%s", api_url: %s, poll_timeout: 1s}
                """.formatted(FakeBotApi.TOKEN, api.url());
    }

    final FakeBotApi api;
    final Database db = Database.inMemory();
    final KeyValues kv = new KeyValues(db);
    final Clock clock = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneOffset.UTC);
    final List<Event> accepted = new ArrayList<>();
    /** Throws on the next accept calls while positive (a store that fails). */
    volatile int failNext;
    final TelegramAccount platform;

    Harness(FakeBotApi api, TelegramSettings.Mode mode, TelegramSettings.Webhook webhook) {
        this.api = api;
        TelegramSettings s = new TelegramSettings(FakeBotApi.TOKEN, api.url(), mode, Duration.ofSeconds(1), webhook);
        this.platform = new TelegramAccount("tg", s, clock, kv, FAST, qunzhu.runtime.Threads.forTests());
    }

    static Harness polling() throws IOException {
        Harness h = new Harness(new FakeBotApi(), TelegramSettings.Mode.POLLING, null);
        h.start();
        return h;
    }

    void start() throws IOException { platform.start(sink()); }

    EventSink sink() {
        return batch -> {
            if (failNext > 0) { failNext--; throw new IllegalStateException("disk full (test)"); }
            synchronized (this) { accepted.addAll(batch); notifyAll(); }
        };
    }

    synchronized List<Event> events() { return List.copyOf(accepted); }

    /** Waits (bounded) for an accepted event matching {@code test}. */
    @SuppressWarnings("unchecked")
    <T extends Event> T await(Class<T> type, Predicate<T> test) {
        Object[] found = {null};
        qunzhu.testkit.Wait.until(() -> {
            for (Event e : events()) if (type.isInstance(e) && test.test((T) e)) { found[0] = e; return true; }
            return false;
        }, java.time.Duration.ofSeconds(10), "a " + type.getSimpleName() + " matching the expectation");
        return (T) found[0];
    }

    /** Pushes a group message update with the given extra message fields. */
    long message(int messageId, String fields) {
        return api.push("{\"message\":{\"message_id\":" + messageId + ",\"date\":1764000000," + chat() + ",\"from\":" + user(42, "Alice")
                + (fields.isEmpty() ? "" : "," + fields) + "}}");
    }

    static String chat() { return "\"chat\":{\"id\":" + CHAT + ",\"type\":\"supergroup\",\"title\":\"Tech\"}"; }

    static String user(long id, String first) {
        return "{\"id\":" + id + ",\"is_bot\":false,\"first_name\":\"" + first + "\"}";
    }

    @Override public void close() {
        platform.stop();
        api.close();
        db.close();
    }
}
