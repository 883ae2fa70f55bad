package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The remembered people rows' keys: seats of sequential chats and members spread over distinct hashes. */
class SeenPeopleKeysTest {
    @Test
    void seatsOfSequentialChatsAndMembersHashApart() {
        // 50 chats of 2,000 members: a record's 31-polynomial gives these 100,000 seats 9,760 hashes.
        Set<Integer> hashes = new HashSet<>();
        for (int c = 0; c < 50; c++) {
            for (int m = 0; m < 2_000; m++) hashes.add(new SeenPeople.SeatKey("telegram", "g" + c, "m" + m).hashCode());
        }
        assertTrue(hashes.size() > 99_000, "seat hashes: " + hashes.size() + " of 100,000");
    }

    @Test
    void keysAreEqualExactlyWhenTheirPartsAre() {
        assertEquals(new SeenPeople.SeatKey("qq", "1", "9"), new SeenPeople.SeatKey("qq", "1", "9"));
        assertNotEquals(new SeenPeople.SeatKey("qq", "1", "9"), new SeenPeople.SeatKey("qq", "9", "1"));
        assertEquals(new SeenPeople.MemberKey("qq", "9"), new SeenPeople.MemberKey("qq", "9"));
        assertNotEquals(new SeenPeople.MemberKey("qq", "9"), new SeenPeople.MemberKey("telegram", "9"));
        assertEquals(new SeenPeople.ChatKey("qq", "1").hashCode(), new SeenPeople.ChatKey("qq", "1").hashCode());
        assertNotEquals(new SeenPeople.ChatKey("qq", "1"), new SeenPeople.ChatKey("qq", "2"));
    }
}
