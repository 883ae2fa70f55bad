package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The compact per-member flood state (first ring slot and first burst message in fields,
 * arrays grown as needed) answers every flood/burst question as
 * the long-array state it replaced: same flood verdicts, same burst messages with the same
 * times, on random streams with times going backwards, limit changes, time 0, pairs that do
 * not match the key, rings forgotten, bursts longer than the 64 kept, and jumps of days.
 */
class WindowsStateTest {
    @Test
    void compactStateAnswersAsTheLongArrayState() {
        for (long seed = 1; seed <= 40; seed++) {
            Random rnd = new Random(seed);
            AtomicLong clock = new AtomicLong(1_764_000_000_000L);
            Windows windows = new Windows(clock::get, 1_000_000, Duration.ofDays(400));
            Map<String, Reference> model = new HashMap<>();
            long t = clock.get();
            for (int i = 0; i < 4_000; i++) {
                // Every fourth seed: one busy member, so bursts pass the 64 kept.
                boolean busy = seed % 4 == 0;
                String chat = busy ? "c0" : "c" + rnd.nextInt(3);
                String member = busy ? "m0" : "m" + rnd.nextInt(4);
                String key = chat + "|" + member;
                // Mostly the pair the key names; sometimes another pair under the same key.
                String seenChat = rnd.nextInt(20) == 0 ? "other" : chat;
                int r = rnd.nextInt(100);
                if (r < 60) t += rnd.nextInt(busy ? 200 : 3_000);
                else if (r < 80) t -= rnd.nextInt(5_000);                  // out of order
                else if (r < 83) t += (long) rnd.nextInt(40) * 86_400_000L; // days later
                else if (r < 85) t -= (long) rnd.nextInt(40) * 86_400_000L; // days earlier
                long at = rnd.nextInt(200) == 0 ? 0 : t;
                int limit = rnd.nextInt(10) == 0 ? 1 + rnd.nextInt(70) : 8;
                Duration window = Duration.ofMillis(rnd.nextInt(10) == 0 ? 40L * 86_400_000L : 10_000);
                clock.set(Math.max(clock.get(), t));
                if (rnd.nextInt(300) == 0) {
                    windows.forget(key);
                    Reference ref = model.get(key);
                    if (ref != null) ref.ring = null;
                    continue;
                }
                Windows.Seen seen = new Windows.Seen(seenChat, member, "x" + i, at);
                List<Windows.Seen> got = windows.floodBurst(key, seen, limit, window);
                List<Windows.Seen> want = model.computeIfAbsent(key, k -> new Reference()).floodBurst(key, seen, limit, window.toMillis());
                assertEquals(want, got, "seed " + seed + ", message " + i);
            }
        }
    }

    /** The state as it was before (a long ring of limit + 1, long burst times): the reference. */
    private static final class Reference {
        long[] ring;
        String chat;
        String member;
        List<String> ids = new ArrayList<>();
        List<Long> times = new ArrayList<>();

        List<Windows.Seen> floodBurst(String key, Windows.Seen seen, int limit, long window) {
            remember(key, seen, window);
            if (!flood(seen.at(), limit, window)) return null;
            List<Windows.Seen> out = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) out.add(new Windows.Seen(seen.chat(), seen.member(), ids.get(i), times.get(i)));
            return List.copyOf(out);
        }

        boolean flood(long at, int limit, long window) {
            if (ring == null || ring.length != limit + 1) ring = new long[limit + 1];
            int next = (int) ring[limit];
            ring[next] = at;
            ring[limit] = (next + 1) % limit;
            // full, and the times' span within the window (a late message is older than the rest)
            long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
            for (int i = 0; i < limit; i++) {
                if (ring[i] == 0) return false;
                min = Math.min(min, ring[i]);
                max = Math.max(max, ring[i]);
            }
            return max - min <= window;
        }

        void remember(String key, Windows.Seen seen, long window) {
            for (int i = ids.size() - 1; i >= 0; i--) {
                if (seen.at() - times.get(i) > window) { ids.remove(i); times.remove(i); }
            }
            if (ids.size() >= 64) { ids.remove(0); times.remove(0); }
            String c = seen.chat();
            String m = seen.member();
            if (key.equals(c + "|" + m)) { c = null; m = null; }
            if (!Objects.equals(c, chat) || !Objects.equals(m, member)) {
                ids.clear();
                times.clear();
                chat = c;
                member = m;
            }
            ids.add(seen.messageId());
            times.add(seen.at());
        }
    }
}
