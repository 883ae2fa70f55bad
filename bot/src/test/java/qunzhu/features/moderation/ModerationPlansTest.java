package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.store.Database;

/** Every automatic case asks how many cases of its rule wait for a summary card: the waiting ones are read, not the chat's history. */
class ModerationPlansTest {
    @Test void theDigestCountReadsOnlyTheWaitingCases() {
        try (Database db = Database.inMemory()) {
            List<String> plan = db.query("EXPLAIN QUERY PLAN " + ModerationStore.WAITING_FOR_DIGEST, rs -> rs.getString(4), "telegram", "-100", "links", "delete");
            assertEquals(List.of("SEARCH moderation_cases USING COVERING INDEX moderation_cases_digest (platform=? AND chat_id=? AND rule=? AND action=?)"), plan);
        }
    }
}
