package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;

/** A welcome's {members}: the people in the chat now, read from those present alone. */
class MemberCountTest {
    private static final ChatRef A = new ChatRef("telegram", "-100");
    private static final Instant T = Instant.parse("2026-11-01T04:00:00Z");

    @Test void countsThePeoplePresentNotEveryoneEverSeen() {
        try (Database db = Database.inMemory()) {
            ActivityLog log = new ActivityLog(db, ZoneId.of("Asia/Shanghai"), ActivityLog.LastSeen.EXACT);
            log.append(List.of(joined("a", 1), joined("b", 2), joined("c", 3),
                    new Event.MemberLeft(EventKey.of(A, "l-b"), A, T.plusSeconds(4), "host", MemberRef.of("b", "b"), null)));
            assertEquals(2, new History(db).memberCount(A));
            assertEquals(0, new History(db).memberCount(new ChatRef("telegram", "-200")));
        }
    }

    @Test void aWelcomesMemberCountReadsThePeoplePresentOnly() {
        try (Database db = Database.inMemory()) {
            List<String> plan = db.query("EXPLAIN QUERY PLAN " + History.MEMBER_COUNT, rs -> rs.getString(4), "telegram", "-100");
            assertEquals(List.of("SEARCH chat_members USING COVERING INDEX chat_members_present (platform=? AND chat_id=? AND left_ms=?)"), plan);
        }
    }

    private static Event joined(String member, int s) {
        return new Event.MemberJoined(EventKey.of(A, "j-" + member), A, T.plusSeconds(s), "host", MemberRef.of(member, member), null);
    }
}
