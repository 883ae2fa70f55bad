package qunzhu.features.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.feature.FeatureStore;
import qunzhu.store.Database;

/**
 * The store remembers that a member has no newcomer row (asked on every message), and forgets
 * it when a rollback may have brought the row back: a restricted newcomer stays restricted.
 */
class VerifyStoreCacheTest {
    final ChatRef chat = new ChatRef("sandbox", "tech");

    @Test void aRowDeletedThenRolledBackIsSeenAgain() throws Exception {
        try (Database db = Database.inMemory()) {
            VerifyStore store = new VerifyStore(FeatureStore.over(db));
            store.joined(chat, "nia", Instant.parse("2026-12-01T08:00:00Z"));
            assertNull(store.newcomer(chat, "old"), "no row: remembered as none");
            db.tx(c -> {
                Database.savepoint(c);
                store.graduated(chat, "nia");
                assertNull(store.newcomer(chat, "nia"), "gone inside the savepoint");
                Database.rollBackTo(c);
                return null;
            });
            assertNotNull(store.newcomer(chat, "nia"), "the rollback brought the row back; the cache must not say none");
            assertEquals(0, store.newcomer(chat, "nia").messages());
            store.joined(chat, "old", Instant.parse("2026-12-01T09:00:00Z"));
            assertNotNull(store.newcomer(chat, "old"), "a join is seen at once");
        }
    }
}
