package qunzhu.features.questions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.store.Database;

/** A moderator's every message looks for the open questions: read in order from the open ones only, not sorted out of every question asked. */
class QuestionsPlansTest {
    @Test void theOpenQuestionsAreReadInOrderFromTheirOwnIndex() {
        try (Database db = Database.inMemory()) {
            List<String> plan = db.query("EXPLAIN QUERY PLAN " + QuestionsStore.OPEN, rs -> rs.getString(4), "telegram", "-100");
            assertEquals(List.of("SEARCH questions USING INDEX questions_unanswered (platform=? AND chat_id=?)"), plan);
        }
    }
}
