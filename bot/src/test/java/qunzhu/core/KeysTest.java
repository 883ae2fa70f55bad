package qunzhu.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hot maps' keys: equal when their parts are, and hashes that spread ids built like the platforms'. */
class KeysTest {
    @Test
    void sequentialIdsSpreadOverDistinctHashes() {
        // Chats g0..g49 with members m0..m1999 and their message ids: what a record's
        // 31-polynomial folded into far fewer hashes (a chain in every map bucket).
        Set<Integer> chats = new HashSet<>(), events = new HashSet<>();
        int n = 0;
        for (int c = 0; c < 50; c++) {
            for (int m = 0; m < 2_000; m++, n++) {
                chats.add(new ChatRef("telegram", "-100" + (1_000_000 + c * 2_000 + m)).hashCode());
                events.add(new EventKey("telegram", "g" + c, "m" + m).hashCode());
            }
        }
        assertTrue(chats.size() > n * 0.99, "chat hashes: " + chats.size() + " of " + n);
        assertTrue(events.size() > n * 0.99, "event key hashes: " + events.size() + " of " + n);
        assertTrue(new HashSet<>(java.util.List.of(Keys.hash("a", "b", "c"), Keys.hash("a", "c", "b"), Keys.hash("b", "a", "c"))).size() == 3,
                "the parts' order counts");
    }

    @Test
    void keysAreEqualExactlyWhenTheirPartsAre() {
        assertEquals(new ChatRef("sandbox", "tech"), new ChatRef("sandbox", "tech"));
        assertEquals(new ChatRef("sandbox", "tech").hashCode(), new ChatRef("sandbox", "tech").hashCode());
        assertNotEquals(new ChatRef("sandbox", "tech"), new ChatRef("telegram", "tech"));
        assertNotEquals(new ChatRef("sandbox", "tech"), new ChatRef("sandbox", "tech2"));
        assertEquals(new EventKey("qq", "1", "9"), new EventKey("qq", "1", "9"));
        assertEquals(new EventKey("qq", "1", null), new EventKey("qq", "1", null));
        assertNotEquals(new EventKey("qq", "1", "9"), new EventKey("qq", "19", ""));
        assertNotEquals(new EventKey("qq", "1", "9"), new EventKey("qq", "1", null));
        assertNotEquals(new ChatRef("qq", "1"), (Object) "qq:1");
    }
}
