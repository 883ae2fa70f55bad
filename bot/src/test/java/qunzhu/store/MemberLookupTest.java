package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;

/** A member named in a command is found by display name or id: the one seen last when names repeat, never by a pass over all members. */
class MemberLookupTest {
    private static final ChatRef A = new ChatRef("telegram", "-100"), B = new ChatRef("telegram", "-200");

    @Test void byNameTheOneSeenLastAndByIdThatOne() {
        Instant t = Instant.ofEpochSecond(1_780_000_000L);
        try (Database db = Database.inMemory()) {
            ActivityLog log = new ActivityLog(db, ZoneId.of("Asia/Shanghai"));
            History history = new History(db);
            log.append(List.of(message(A, "1", "111", "Alice", t), message(B, "2", "222", "Alice", t.plusSeconds(60))));
            assertEquals("222", history.memberIdByName("telegram", "Alice"));
            log.append(List.of(message(A, "3", "111", "Alice", t.plusSeconds(600))));
            assertEquals("111", history.memberIdByName("telegram", "Alice"), "the Alice who spoke last");
            assertEquals("222", history.memberIdByName("telegram", "222"));
            assertNull(history.memberIdByName("telegram", "Bob"));
            assertNull(history.memberIdByName("onebot", "Alice"));
        }
    }

    @Test void theLookupUsesTheIndexes() {
        try (Database db = Database.inMemory()) {
            List<String> plan = db.query("EXPLAIN QUERY PLAN " + History.MEMBER_BY_NAME, rs -> rs.getString(4), "telegram", "Alice");
            assertFalse(plan.stream().anyMatch(p -> p.startsWith("SCAN members")), "plan: " + plan);
            assertEquals(2, plan.stream().filter(p -> p.startsWith("SEARCH members USING") && !p.endsWith("(platform=?)")).count(),
                    "both branches search on platform and name or id: " + plan);
        }
    }

    private static Event message(ChatRef chat, String id, String member, String name, Instant at) {
        return new Event.MessagePosted(EventKey.of(chat, id), chat, at, "host", MemberRef.of(member, name), id, "hi", null, null,
                false, false, false, false);
    }
}
