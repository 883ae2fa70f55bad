package qunzhu.features.moderation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The sliding windows behind flood control and ad-wave detection, in Caffeine caches that are
 * bounded in size and forget a key once its window has passed. Time is the event time given
 * by {@code nowMillis} (the bot's clock live, the replayed message's time in a backtest).
 * The caches do their upkeep (expiry, eviction, buffer drains) on the calling thread: on
 * Caffeine's default executor every new key woke a common-pool thread, which cost a system
 * call and 4-14 us of another thread's CPU per decision and made the p99 decision 60-80 us
 * instead of 17-27 us (ModerationBench, 2 cores).
 */
final class Windows {
    /** One message seen in an ad wave. */
    record Seen(String chat, String member, String messageId, long at) {}

    private static final int WAVE_KEEP = 64;
    /** Keys kept live per cache: members active within the longest window, not all members. */
    static final long LIVE_MAX_KEYS = 200_000;
    /** How long a chain's list is remembered: a 接龙 runs for hours, often a day. */
    private static final Duration CHAIN_MEMORY = Duration.ofDays(2);

    /** Per flood key: the flood ring, and the member's recent messages so a whole burst can be deleted. */
    private final Cache<String, Recent> flood;
    private final Cache<String, List<Seen>> waves;
    /** Open incidents: key → {case number, open until (epoch ms)}. */
    private final Cache<String, long[]> incidents;
    /** Numbered lists seen per chat (keys from {@link Chains#key}), for telling a 接龙 from an ad wave. */
    private final Cache<String, Boolean> lists;

    Windows(LongSupplier nowMillis, long maxKeys, Duration longestWindow) {
        com.github.benmanes.caffeine.cache.Ticker ticker = () -> nowMillis.getAsLong() * 1_000_000L;
        this.flood = Caffeine.newBuilder().executor(Runnable::run).ticker(ticker).maximumSize(maxKeys).expireAfterAccess(longestWindow).build();
        this.waves = Caffeine.newBuilder().executor(Runnable::run).ticker(ticker).maximumSize(maxKeys).expireAfterWrite(longestWindow).build();
        this.incidents = Caffeine.newBuilder().executor(Runnable::run).ticker(ticker).maximumSize(maxKeys).expireAfterWrite(longestWindow).build();
        this.lists = Caffeine.newBuilder().executor(Runnable::run).ticker(ticker).maximumSize(maxKeys).expireAfterWrite(CHAIN_MEMORY).build();
    }

    /**
     * Records a message of {@code key} at {@code at} and says whether it is at least the
     * {@code limit}-th within {@code window}. Keeps only the last {@code limit} times.
     */
    boolean flood(String key, long at, int limit, Duration window) {
        Recent r = flood.get(key, k -> new Recent());
        synchronized (r) { return r.flood(at, limit, window.toMillis()); }
    }

    /**
     * Records {@code seen} under the normalised text and returns every sighting of it within
     * {@code window}, this one included.
     */
    List<Seen> wave(String text, Seen seen, Duration window) { return remember(waves, text, seen, window); }

    /**
     * Records a member's message under its flood key, as a burst message and in the flood ring;
     * when it is at least the {@code limit}-th within {@code window} (see {@link #flood}), returns
     * their messages within {@code window}, this one included, else null. One look-up of the key.
     */
    List<Seen> floodBurst(String key, Seen seen, int limit, Duration window) {
        Recent r = flood.get(key, k -> new Recent());
        synchronized (r) {
            r.remember(key, seen, window.toMillis());
            return r.flood(seen.at(), limit, window.toMillis()) ? r.seen(seen.chat(), seen.member()) : null;
        }
    }

    /**
     * The case number of the incident open under {@code key} at {@code at} (a flood burst or ad
     * wave already punished), keeping it open until {@code window} after this message; null when none is.
     */
    Integer openIncident(String key, long at, Duration window) {
        long[] i = incidents.getIfPresent(key);
        if (i == null || at > i[1]) return null;
        incidents.put(key, new long[] {i[0], Math.max(i[1], at + window.toMillis())});
        return (int) i[0];
    }

    /** Opens an incident under {@code key}: later messages of it within {@code window} belong to case {@code caseNo}. */
    void incident(String key, int caseNo, long at, Duration window) { incidents.put(key, new long[] {caseNo, at + window.toMillis()}); }

    private static List<Seen> remember(Cache<String, List<Seen>> cache, String key, Seen seen, Duration window) {
        List<Seen> list = cache.get(key, k -> new ArrayList<>());
        synchronized (list) {
            list.removeIf(s -> seen.at() - s.at() > window.toMillis());
            if (list.size() >= WAVE_KEEP) list.remove(0);
            list.add(seen);
            return List.copyOf(list);
        }
    }

    /**
     * Records the numbered list {@code items} of a message in {@code chat} and says whether it
     * extends a list seen there before by one line (a 接龙 growing).
     */
    boolean extendsList(String chat, List<String> items) {
        if (items.isEmpty()) return false;
        boolean grows = items.size() >= 2 && lists.getIfPresent(Chains.key(chat, items, items.size() - 1)) != null;
        lists.put(Chains.key(chat, items, items.size()), Boolean.TRUE);
        return grows;
    }

    /** Forgets a flood key (raid mode switched off by hand starts counting afresh). */
    void forget(String key) {
        Recent r = flood.getIfPresent(key);
        if (r != null) synchronized (r) { r.ring = null; }
    }

    long size() { return flood.estimatedSize() + waves.estimatedSize() + incidents.estimatedSize() + lists.estimatedSize(); }

    void cleanUp() { flood.cleanUp(); waves.cleanUp(); incidents.cleanUp(); lists.cleanUp(); }

    /**
     * One flood key's state: the ring of its last message times, and the messages of its burst
     * within the window (at most {@value #WAVE_KEEP}) in parallel arrays, oldest first; chat and
     * member are read off the key, not kept per message. Guarded by its own monitor.
     */
    private static final class Recent {
        long[] ring;
        String chat;
        String member;
        String[] ids;
        long[] times;
        int size;

        /** Records a message time in the ring of the last {@code limit}; true when the oldest of them is within {@code window} of it. */
        boolean flood(long at, int limit, long window) {
            if (ring == null || ring.length != limit + 1) ring = new long[limit + 1];
            // ring[limit] is the next slot; ring[0..limit-1] the times (0 = empty)
            int next = (int) ring[limit];
            ring[next] = at;
            ring[limit] = (next + 1) % limit;
            int oldest = (int) ring[limit];
            return ring[oldest] != 0 && at - ring[oldest] <= window;
        }

        /** Records {@code seen} among the key's burst messages within {@code window}. */
        void remember(String key, Seen seen, long window) {
            int keep = 0;
            for (int i = 0; i < size; i++) {
                if (seen.at() - times[i] > window) continue;
                ids[keep] = ids[i];
                times[keep++] = times[i];
            }
            for (int i = keep; i < size; i++) ids[i] = null;
            size = keep;
            if (size >= WAVE_KEEP) {
                System.arraycopy(ids, 1, ids, 0, size - 1);
                System.arraycopy(times, 1, times, 0, size - 1);
                size--;
            }
            // The key is "chat|member" (see Filters): then chat and member are null, "as the key
            // says", and the message's own strings are not kept. A different pair starts afresh.
            String c = seen.chat();
            String m = seen.member();
            boolean asKey = c != null && m != null && key.length() == c.length() + 1 + m.length() && key.startsWith(c) && key.charAt(c.length()) == '|' && key.endsWith(m);
            if (asKey) { c = null; m = null; }
            if (!java.util.Objects.equals(c, chat) || !java.util.Objects.equals(m, member)) {
                for (int i = 0; i < size; i++) ids[i] = null;
                size = 0;
                chat = c;
                member = m;
            }
            if (ids == null || size == ids.length) {
                int cap = ids == null ? 2 : Math.min(WAVE_KEEP, ids.length * 2);
                ids = ids == null ? new String[cap] : java.util.Arrays.copyOf(ids, cap);
                times = times == null ? new long[cap] : java.util.Arrays.copyOf(times, cap);
            }
            ids[size] = seen.messageId();
            times[size++] = seen.at();
        }

        /** The burst messages, oldest first, as sent by {@code c} and {@code m}. */
        List<Seen> seen(String c, String m) {
            Seen[] out = new Seen[size];
            for (int i = 0; i < size; i++) out[i] = new Seen(c, m, ids[i], times[i]);
            return List.of(out);
        }
    }
}
