package qunzhu.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.platform.telegram.TelegramFaultKit;
import qunzhu.platform.telegram.TelegramFaultKit.Request;
import qunzhu.store.Database;
import qunzhu.testkit.TestBot;
import qunzhu.testkit.Wait;

/**
 * The store on a real file refuses writes with SQLite's own SQLITE_READONLY while the disk has
 * room ({@link Database#simulateReadOnly}: PRAGMA query_only; chmod does not stop root). Under
 * a Telegram account: the health flag and an ERROR line say so, getUpdates keeps asking from
 * the same offset (nothing acknowledged, so the Bot API sends the updates again), and once the
 * store writes again every update is handled once and the log chat is told once.
 */
@Timeout(60)
class ReadOnlyStoreTest {
    static final String CHAT = TelegramFaultKit.CHAT, OPS = "-1009876543210", RULES = "1. 友善交流。";

    @TempDir Path dir;

    @Test void whileTheStoreIsReadOnlyNoUpdateIsAcknowledgedAndAfterwardsEachIsHandledOnce() throws Exception {
        try (TelegramFaultKit kit = new TelegramFaultKit()) {
            Database db = Database.open(dir.resolve("q.db"), false);
            TestBot bot = TestBot.builder().platform(TelegramFaultKit.fastFactory()).database(db)
                    .file("bot.yml", """
                            bot:
                              timezone: Asia/Shanghai
                              locale: zh-CN
                              operators: ["telegram:7"]
                              log_chat: "telegram:%s"
                            """.formatted(OPS))
                    .file("accounts.yml", kit.accountsYaml())
                    .file("groups.yml", """
                            groups:
                              tg: {chat: "telegram:%s", title: 甲, strategy: laissez_faire, rules: {text: "%s"}}
                            """.formatted(CHAT, RULES)).build();
            try {
                kit.message(CHAT, 1, 42, "/rules");
                Wait.until(() -> replies(kit, 1) == 1, Duration.ofSeconds(20), "the first answer");
                // Its outcome recorded first: a store that fails while the outbox records a done send kills the
                // outbox thread and stops the bot (found by this test; left to the outbox's owner, see the notes).
                bot.settle();

                db.simulateReadOnly(true);
                long first = kit.message(CHAT, 10, 42, "/rules");
                for (int id = 11; id < 13; id++) kit.message(CHAT, id, 42, "/rules");
                // The poller is handed the updates again and again: no getUpdates moves past them.
                Wait.until(() -> kit.requests("getUpdates").stream().filter(r -> offset(r) == first).count() >= 5, Duration.ofSeconds(20),
                        "five polls from the same offset");
                assertTrue(!db.health().writable(), "the health flag says the store cannot write");
                assertTrue(db.health().lastError().contains("readonly"), db.health().lastError());
                assertTrue(kit.requests("getUpdates").stream().noneMatch(r -> offset(r) > first), "nothing acknowledged while read-only");
                assertEquals(0, bot.db().count("SELECT COUNT(*) FROM activity WHERE message_id IN ('10', '11', '12')"));

                bot.clock().advance(Duration.ofSeconds(75));
                db.simulateReadOnly(false);
                Wait.until(() -> replies(kit, 10) + replies(kit, 11) + replies(kit, 12) == 3, Duration.ofSeconds(20), "the three answers");
                bot.settle();
                Wait.until(() -> told(kit).size() == 1, Duration.ofSeconds(10), "the log chat told");
                for (int id = 10; id < 13; id++) {
                    assertEquals(1, replies(kit, id), "answered once: " + id);
                    assertEquals(1, bot.db().count("SELECT COUNT(*) FROM activity WHERE message_id = ?", Integer.toString(id)), "logged once: " + id);
                }
                bot.settle();
                List<String> told = told(kit);
                System.out.println("[faults] read-only store: " + kit.requests("getUpdates").stream().filter(r -> offset(r) == first).count()
                        + " polls from the unacknowledged offset; log chat told: " + told);
                assertEquals(1, told.size(), "told once: " + told);
                assertTrue(told.get(0).contains("恢复写入"), told.get(0));
                assertTrue(db.health().writable());
            } finally {
                bot.close();
            }
        }
    }

    private static long offset(Request r) { return r.params().has("offset") ? r.params().get("offset").getAsLong() : -1; }

    private static int replies(TelegramFaultKit kit, int messageId) {
        return (int) kit.requests("sendMessage").stream()
                .filter(r -> r.fault() == null && CHAT.equals(r.chatId()) && r.replyTo() == messageId && r.text() != null && r.text().contains(RULES)).count();
    }

    private static List<String> told(TelegramFaultKit kit) {
        return kit.requests("sendMessage").stream().filter(r -> OPS.equals(r.chatId())).map(Request::text).toList();
    }
}
