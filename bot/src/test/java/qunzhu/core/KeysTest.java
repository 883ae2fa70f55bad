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
        // Chats g0..g49 and ids m0..m1999: a record's 31-polynomial folds these 100,000 keys
        // into 9,760 hashes (a chain in every map bucket).
        Set<Integer> events = new HashSet<>();
        int n = 0;
        for (int c = 0; c < 50; c++) {
            for (int m = 0; m < 2_000; m++, n++) events.add(new EventKey("telegram", "g" + c, "m" + m).hashCode());
        }
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
