package qunzhu.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import qunzhu.core.Keys;

/**
 * What the store holds of the people rows (chats, members, seats) as {@link ActivityLog} last
 * wrote them, so that a message from someone seen a moment ago costs none of their upserts
 * (they were three of the four or five row writes a message made). A row is written again when
 * something a reader uses changed (a member's name, a join or leave) or when the event's time is
 * a {@link ActivityLog.LastSeen step} past the last-seen time stored, so the stored time is never
 * more than a step behind. What is remembered is a lower bound of the stored time (the upsert
 * keeps the later of the two), so a forgotten or evicted row is only written once more.
 *
 * <p>Remembered rows are forgotten when any transaction or savepoint is rolled back (the write
 * may be the one undone) and when a chat moves (its rows change ids). Bounded, the least
 * recently used forgotten first. Used under the store's lock only.
 */
final class SeenPeople {
    // Hashed and compared without the records' method handles: see Keys.
    record ChatKey(String platform, String chat) {
        @Override public int hashCode() { return Keys.hash(platform, chat); }

        @Override public boolean equals(Object o) { return o instanceof ChatKey k && Objects.equals(chat, k.chat) && Objects.equals(platform, k.platform); }
    }

    record MemberKey(String platform, String member) {
        @Override public int hashCode() { return Keys.hash(platform, member); }

        @Override public boolean equals(Object o) {
            return o instanceof MemberKey k && Objects.equals(member, k.member) && Objects.equals(platform, k.platform);
        }
    }

    record SeatKey(String platform, String chat, String member) {
        @Override public int hashCode() { return Keys.hash(platform, chat, member); }

        @Override public boolean equals(Object o) {
            return o instanceof SeatKey k && Objects.equals(member, k.member) && Objects.equals(chat, k.chat) && Objects.equals(platform, k.platform);
        }
    }

    /** A member row as written: the name and (a lower bound of) the last-seen time. */
    private record Member(String name, long lastSeen) {}

    /** Chat moves in the process: rows moved to another chat id are not where they were remembered. */
    private static final AtomicLong MOVES = new AtomicLong();

    static final int MAX_CHATS = 10_000, MAX_MEMBERS = 100_000, MAX_SEATS = 100_000;

    private final long chatStep, memberStep;
    private final Map<ChatKey, Long> chats = lru(MAX_CHATS);
    private final Map<MemberKey, Member> members = lru(MAX_MEMBERS);
    private final Map<SeatKey, Long> seats = lru(MAX_SEATS);
    /** {@link Database#rollbacks} plus the moves when the remembered rows were last known good. */
    private long epoch = Long.MIN_VALUE;

    SeenPeople(ActivityLog.LastSeen steps) {
        this.chatStep = steps.chatsAndSeats().toMillis();
        this.memberStep = steps.members().toMillis();
    }

    /** A chat's rows moved to another id (see {@link MovedChats}): nothing remembered holds. */
    static void chatMoved() { MOVES.incrementAndGet(); }

    /** Forgets everything when a rollback or a move happened since the last look. Call first in each batch. */
    void look() {
        long now = Database.rollbacks() + MOVES.get();
        if (now == epoch) return;
        chats.clear();
        members.clear();
        seats.clear();
        epoch = now;
    }

    /** The chat's row holds a last-seen time no more than a step before {@code last}. */
    boolean chatCurrent(ChatKey k, long last) { return current(chats.get(k), last, chatStep); }

    boolean seatCurrent(SeatKey k, long last) { return current(seats.get(k), last, chatStep); }

    boolean memberCurrent(MemberKey k, String name, long last) {
        Member m = members.get(k);
        return m != null && java.util.Objects.equals(m.name, name) && last - m.lastSeen < memberStep;
    }

    private static boolean current(Long stored, long last, long step) { return stored != null && last - stored < step; }

    void chatWritten(ChatKey k, long last) { chats.merge(k, last, Math::max); }

    void seatWritten(SeatKey k, long last) { seats.merge(k, last, Math::max); }

    void memberWritten(MemberKey k, String name, long last) {
        Member m = members.get(k);
        members.put(k, new Member(name, m == null ? last : Math.max(m.lastSeen, last)));
    }

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<K, V> eldest) { return size() > max; }
        };
    }
}
