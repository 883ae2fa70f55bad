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
     * {@code window}, this one included. A message recorded before is not recorded again.
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
            // Seen already (judged on arrival, then again): counted once, answered as it stands.
            if (seen.messageId() != null && r.holds(seen.messageId())) return r.flooding(seen.at(), limit, window.toMillis()) ? r.seen(seen.chat(), seen.member()) : null;
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
            if (seen.messageId() != null) for (Seen s : list) if (seen.messageId().equals(s.messageId()) && java.util.Objects.equals(s.chat(), seen.chat())) return List.copyOf(list);
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
        if (r != null) synchronized (r) { r.forgetRing(); }
    }

    long size() { return flood.estimatedSize() + waves.estimatedSize() + incidents.estimatedSize() + lists.estimatedSize(); }

    void cleanUp() { flood.cleanUp(); waves.cleanUp(); incidents.cleanUp(); lists.cleanUp(); }

    /**
     * One flood key's state, kept small because there is one per member active in a chat in the
     * last minute (up to {@link #LIVE_MAX_KEYS}): the ring of the key's last {@code limit}
     * message times and the messages of its burst within the window (at most {@value #WAVE_KEEP}),
     * oldest first; chat and member are read off the key, not kept per message. The first ring
     * slot and the first burst message sit in fields, the rest in arrays grown as needed, so a
     * member with one message in the window holds no array at all (it held a ring of
     * {@code limit + 1} longs and two arrays of two). Guarded by its own monitor.
     */
    private static final class Recent {
        /** The limit the ring is for (0: none yet), its next slot, slot 0, and slots 1 to {@code limit - 1} as far as written; 0 is an empty slot. */
        int ringLimit;
        int ringNext;
        long ring0;
        long[] ringRest;
        String chat;
        String member;
        /** The burst: message 0 in fields, 1 to {@code size - 1} in the arrays. */
        String id0;
        long time0;
        String[] idRest;
        long[] timeRest;
        int size;

        /**
         * Records a message time in the ring of the last {@code limit}; true when the ring is full
         * and its times span at most {@code window}. The span, not "the slot written longest ago
         * against this time": a message handled late (after later ones of the member were counted,
         * as when the pipeline runs behind arrival) is older than the others, and that difference
         * came out negative, a flood, for every such message.
         */
        boolean flood(long at, int limit, long window) {
            if (ringLimit != limit) forgetRing();
            ringLimit = limit;
            int next = ringNext;
            setRing(next, at);
            ringNext = (next + 1) % limit;
            return burstStart(window) != NO_BURST;
        }

        private static final long NO_BURST = Long.MIN_VALUE;

        /** The earliest time of the ring when all {@code ringLimit} slots hold one and they span at most {@code window}; else {@link #NO_BURST}. */
        private long burstStart(long window) {
            long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
            for (int i = 0; i < ringLimit; i++) {
                long t = ringSlot(i);
                if (t == 0) return NO_BURST;
                min = Math.min(min, t);
                max = Math.max(max, t);
            }
            return max - min <= window ? min : NO_BURST;
        }

        /** True when the burst holds message {@code id} (recorded before, within the window). */
        boolean holds(String id) {
            for (int i = 0; i < size; i++) if (id.equals(id(i))) return true;
            return false;
        }

        /**
         * {@link #flood}'s answer for a message at {@code at} already counted, recording nothing:
         * true when the ring floods and the message is within its span (one of the burst).
         */
        boolean flooding(long at, int limit, long window) {
            if (ringLimit != limit) return false;
            long start = burstStart(window);
            return start != NO_BURST && at >= start;
        }

        /** Records {@code seen} among the key's burst messages within {@code window}. */
        void remember(String key, Seen seen, long window) {
            int keep = 0;
            for (int i = 0; i < size; i++) {
                long t = time(i);
                if (seen.at() - t > window) continue;
                set(keep++, id(i), t);
            }
            for (int i = keep; i < size; i++) set(i, null, 0);
            size = keep;
            if (size >= WAVE_KEEP) {
                for (int i = 1; i < size; i++) set(i - 1, id(i), time(i));
                set(size - 1, null, 0);
                size--;
            }
            // The key is "chat|member" (see Filters): then chat and member are null, "as the key
            // says", and the message's own strings are not kept. A different pair starts afresh.
            String c = seen.chat();
            String m = seen.member();
            boolean asKey = c != null && m != null && key.length() == c.length() + 1 + m.length() && key.startsWith(c) && key.charAt(c.length()) == '|' && key.endsWith(m);
            if (asKey) { c = null; m = null; }
            if (!java.util.Objects.equals(c, chat) || !java.util.Objects.equals(m, member)) {
                for (int i = 0; i < size; i++) set(i, null, 0);
                size = 0;
                chat = c;
                member = m;
            }
            if (size >= 1 && (idRest == null || size - 1 == idRest.length)) {
                int cap = idRest == null ? 1 : Math.min(WAVE_KEEP - 1, idRest.length * 2);
                idRest = idRest == null ? new String[cap] : java.util.Arrays.copyOf(idRest, cap);
                timeRest = timeRest == null ? new long[cap] : java.util.Arrays.copyOf(timeRest, cap);
            }
            set(size++, seen.messageId(), seen.at());
        }

        /** The burst messages, oldest first, as sent by {@code c} and {@code m}. */
        List<Seen> seen(String c, String m) {
            Seen[] out = new Seen[size];
            for (int i = 0; i < size; i++) out[i] = new Seen(c, m, id(i), time(i));
            return List.of(out);
        }

        /** Forgets the ring (the burst stays). */
        void forgetRing() {
            ringLimit = 0;
            ringNext = 0;
            ring0 = 0;
            ringRest = null;
        }

        private String id(int i) { return i == 0 ? id0 : idRest[i - 1]; }

        private long time(int i) { return i == 0 ? time0 : timeRest[i - 1]; }

        private void set(int i, String id, long time) {
            if (i == 0) { id0 = id; time0 = time; } else { idRest[i - 1] = id; timeRest[i - 1] = time; }
        }

        private long ringSlot(int i) {
            if (i == 0) return ring0;
            return ringRest == null || i - 1 >= ringRest.length ? 0 : ringRest[i - 1];
        }

        /** Slots are written in order 0, 1, 2 ..., so growing the array as they are reached keeps every slot where a full ring has it. */
        private void setRing(int i, long value) {
            if (i == 0) { ring0 = value; return; }
            if (ringRest == null || i - 1 >= ringRest.length) {
                int cap = Math.min(ringLimit - 1, Math.max(i, ringRest == null ? 1 : ringRest.length * 2));
                ringRest = ringRest == null ? new long[cap] : java.util.Arrays.copyOf(ringRest, cap);
            }
            ringRest[i - 1] = value;
        }
    }
}
