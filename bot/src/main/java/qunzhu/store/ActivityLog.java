package qunzhu.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;

/**
 * The append-only log of everything the bot saw. {@link #log} writes a batch in one
 * transaction with INSERT OR IGNORE on (platform, chat, native id), through the log's own store
 * ({@link Database#logStore}): the events it returns are the ones never seen before, and only
 * those go on to the features. Member, chat and membership rows ({@link #touchPeople}) are kept
 * in the main store, by the features' thread before their events run (a join or leave, a new
 * name, a first sighting at once; the last-seen times to within a {@link LastSeen step});
 * {@link #append} does both, one after the other.
 *
 * <p>Processing is tracked by one mark, the highest log id whose features have run; at start
 * everything after the mark is handed to the features again, so a crash between "logged" and
 * "handled" loses nothing.
 */
public final class ActivityLog {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ActivityLog.class);
    public static final String HANDLED_MARK = "pipeline.handled_through";

    /** A newly logged event with its log id. */
    public record Logged(long id, Event event) {}

    private final Database db;
    /** Where the log's rows are written: {@code db}'s {@link Database#logStore}. */
    private final Database store;
    private final ZoneId zone;
    private final SeenPeople seen;

    /**
     * How far behind the newest event the people rows' last-seen times may be: a row is written
     * again once an event is this much later than the time it holds. A member named by a name
     * several members share is the one seen last, so their step is shorter: ten minutes (at one
     * minute, a member who posts every few seconds had their row written again every minute:
     * a sixth of the ingest benchmark's events wrote a member row).
     */
    public record LastSeen(java.time.Duration chatsAndSeats, java.time.Duration members) {
        /** A chat's and a seat's last-seen time to within an hour, a member's to within ten minutes. */
        public static final LastSeen DEFAULT = new LastSeen(java.time.Duration.ofHours(1), java.time.Duration.ofMinutes(10));
        /** Every later event moves the times (for checks that compare the rows with a replay). */
        public static final LastSeen EXACT = new LastSeen(java.time.Duration.ZERO, java.time.Duration.ZERO);
    }

    public ActivityLog(Database db, ZoneId zone) { this(db, zone, LastSeen.DEFAULT); }

    public ActivityLog(Database db, ZoneId zone, LastSeen lastSeen) {
        this.db = db;
        this.store = db.logStore();
        this.zone = zone;
        this.seen = new SeenPeople(lastSeen);
    }

    /** Logs the batch ({@link #log}), then keeps its people's rows ({@link #touchPeople}); returns the new events. */
    public List<Logged> append(List<? extends Event> batch) {
        List<Logged> fresh = log(batch, null);
        db.tx(c -> {
            touchPeople(c, fresh);
            return null;
        });
        return fresh;
    }

    /**
     * Logs the batch, durably when this returns, and returns its events never seen before, in
     * log order. {@code payloads}, when given, are the events' {@link Codec#encodeUtf8 JSON}, in
     * order (encoded by the caller on its own thread: the writer's thread only binds them).
     */
    public List<Logged> log(List<? extends Event> batch, List<byte[]> payloads) {
        if (batch.isEmpty()) return List.of();
        if (payloads != null && payloads.size() != batch.size()) throw new IllegalArgumentException("one payload per event");
        return store.tx(c -> {
            List<Logged> fresh = new ArrayList<>(batch.size());
            // One batched statement: the unique key drops an event seen before (its count is 0). A new
            // row's id is one more than the largest before it (SQLite's rowid without AUTOINCREMENT),
            // so the new rows' ids follow the largest id before the batch, in order; checked below.
            long before = lastId(c);
            int[] counts;
            try (PreparedStatement ins = c.prepareStatement(INSERT)) {
                for (int i = 0; i < batch.size(); i++) {
                    Event e = batch.get(i);
                    bindRow(ins, e, payloads == null ? Codec.encodeUtf8(e) : payloads.get(i));
                    ins.addBatch();
                }
                counts = ins.executeBatch();
            }
            long id = before;
            for (int i = 0; i < batch.size(); i++) if (counts[i] > 0) fresh.add(new Logged(++id, batch.get(i)));
            long last = lastId(c);
            // Past the largest rowid SQLite picks ids at random: then each new row's id is looked up by its key.
            if (last != id) fresh = lookUpIds(c, fresh);
            return fresh;
        });
    }

    private static final String INSERT = """
            INSERT INTO activity (platform, chat_id, native_id, kind, account, member_id, member_name,
                                  at_ms, day, message_id, reply_to, text, text_len, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT))
            ON CONFLICT (platform, chat_id, native_id) DO NOTHING""";

    /** The largest id in the log (0 when empty). */
    private static long lastId(Connection c) throws SQLException {
        return Database.queryIn(c, "SELECT COALESCE(MAX(id), 0) FROM activity", rs -> rs.getLong(1)).get(0);
    }

    /** The new rows' ids by their unique key, in id order (the log order the handled mark relies on). */
    private static List<Logged> lookUpIds(Connection c, List<Logged> fresh) throws SQLException {
        List<Logged> out = new ArrayList<>(fresh.size());
        for (Logged l : fresh) {
            EventKey k = l.event().key();
            long id = Database.queryIn(c, "SELECT id FROM activity WHERE platform = ? AND chat_id = ? AND native_id = ?",
                    rs -> rs.getLong(1), k.platform(), k.chat(), k.nativeId()).get(0);
            out.add(new Logged(id, l.event()));
        }
        out.sort(java.util.Comparator.comparingLong(Logged::id));
        return out;
    }

    private void bindRow(PreparedStatement ps, Event e, byte[] payload) throws SQLException {
        MemberRef who = Event.actor(e);
        String text = null, messageId = null, replyTo = null;
        if (e instanceof Event.MessagePosted m) {
            text = m.text();
            messageId = m.messageId();
            replyTo = m.replyToId();
        } else if (e instanceof Event.ButtonPressed b) {
            text = b.data();
            messageId = b.messageId();
        } else if (e instanceof Event.MessageRemoved r) {
            messageId = r.messageId();
        } else if (e instanceof Event.ServiceMessage s) {
            messageId = s.messageId();
            text = s.about();
        }
        ps.setString(1, e.key().platform());
        ps.setString(2, e.key().chat());
        ps.setString(3, e.key().nativeId());
        ps.setString(4, kind(e));
        ps.setString(5, e.account());
        ps.setString(6, who == null ? null : who.id());
        ps.setString(7, who == null ? null : who.name());
        ps.setLong(8, e.at().toEpochMilli());
        ps.setString(9, day(e.at()).toString());
        ps.setString(10, messageId);
        ps.setString(11, replyTo);
        ps.setString(12, text);
        ps.setInt(13, text == null ? 0 : text.codePointCount(0, text.length()));
        // the JSON's UTF-8 bytes, stored as text (CAST in the statement): the driver does not encode it again
        ps.setBytes(14, payload);
    }

    /** Log kind names, stable for reports: message, join, join_inviter, leave, button, join_request, removed, migrated. */
    public static String kind(Event e) {
        if (e instanceof Event.MessagePosted) return "message";
        if (e instanceof Event.MemberJoined) return "join";
        if (e instanceof Event.JoinInviter) return "join_inviter";
        if (e instanceof Event.MemberLeft) return "leave";
        if (e instanceof Event.ButtonPressed) return "button";
        if (e instanceof Event.JoinRequested) return "join_request";
        if (e instanceof Event.MessageRemoved) return "removed";
        if (e instanceof Event.ServiceMessage) return "service";
        if (e instanceof Event.AdminsChanged) return "admins";
        if (e instanceof Event.ChatMigrated) return "migrated";
        throw new IllegalArgumentException("no log kind for " + e.getClass().getSimpleName());
    }

    /**
     * Keeps the chat, member and seat rows of newly logged events, on {@code c}, a transaction
     * of the main store (the pipeline's, before the events' features run). Written again for
     * the same events (after a crash, before their mark), the rows come out the same.
     */
    public void touchPeople(Connection c, List<Logged> fresh) throws SQLException {
        if (fresh.isEmpty()) return;
        seen.look();
        // Chats, members and seats once per batch (first time seen, latest time, latest name,
        // the seat's last join or leave): the same rows as one upsert per event, with fewer
        // statements; and none for a row that holds all of it already (SeenPeople).
        java.util.Map<SeenPeople.ChatKey, long[]> chats = new java.util.LinkedHashMap<>();
        java.util.Map<SeenPeople.MemberKey, Person> people = new java.util.LinkedHashMap<>();
        java.util.Map<SeenPeople.SeatKey, Seat> seats = new java.util.LinkedHashMap<>();
        for (Logged l : fresh) {
            Event e = l.event();
            long at = e.at().toEpochMilli();
            String platform = e.chat().platform();
            chats.merge(new SeenPeople.ChatKey(platform, e.chat().id()), new long[] {at, at}, (was, now) -> { was[1] = Math.max(was[1], now[1]); return was; });
            MemberRef who = Event.actor(e);
            if (who == null || e instanceof Event.JoinRequested) continue;
            people.computeIfAbsent(new SeenPeople.MemberKey(platform, who.id()), k -> new Person(at)).add(who.name(), at);
            seats.computeIfAbsent(new SeenPeople.SeatKey(platform, e.chat().id(), who.id()), k -> new Seat(at)).add(e, at);
        }
        chats.entrySet().removeIf(x -> seen.chatCurrent(x.getKey(), x.getValue()[1]));
        people.entrySet().removeIf(x -> seen.memberCurrent(x.getKey(), x.getValue().name, x.getValue().last));
        seats.entrySet().removeIf(x -> !x.getValue().moved() && seen.seatCurrent(x.getKey(), x.getValue().last));
        if (!seats.isEmpty()) {
            try (PreparedStatement seat = c.prepareStatement("""
                    INSERT INTO chat_members (platform, chat_id, member_id, first_seen_ms, last_seen_ms, joined_ms, left_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (platform, chat_id, member_id) DO UPDATE SET
                        last_seen_ms = MAX(chat_members.last_seen_ms, excluded.last_seen_ms),
                        joined_ms = COALESCE(excluded.joined_ms, chat_members.joined_ms),
                        left_ms = CASE WHEN excluded.left_ms IS NOT NULL THEN excluded.left_ms
                                       WHEN excluded.joined_ms IS NOT NULL THEN NULL ELSE chat_members.left_ms END""")) {
                for (java.util.Map.Entry<SeenPeople.SeatKey, Seat> e : seats.entrySet()) {
                    Seat s = e.getValue();
                    seat.setString(1, e.getKey().platform());
                    seat.setString(2, e.getKey().chat());
                    seat.setString(3, e.getKey().member());
                    seat.setLong(4, s.first);
                    seat.setLong(5, s.last);
                    seat.setObject(6, s.joined);
                    seat.setObject(7, s.left);
                    seat.addBatch();
                }
                seat.executeBatch();
            }
        }
        if (!chats.isEmpty()) {
            try (PreparedStatement chat = c.prepareStatement("""
                    INSERT INTO chats (platform, chat_id, first_seen_ms, last_seen_ms) VALUES (?, ?, ?, ?)
                    ON CONFLICT (platform, chat_id) DO UPDATE SET last_seen_ms = MAX(chats.last_seen_ms, excluded.last_seen_ms)""")) {
                for (java.util.Map.Entry<SeenPeople.ChatKey, long[]> e : chats.entrySet()) {
                    chat.setString(1, e.getKey().platform());
                    chat.setString(2, e.getKey().chat());
                    chat.setLong(3, e.getValue()[0]);
                    chat.setLong(4, e.getValue()[1]);
                    chat.addBatch();
                }
                chat.executeBatch();
            }
        }
        if (!people.isEmpty()) {
            try (PreparedStatement member = c.prepareStatement("""
                    INSERT INTO members (platform, member_id, name, first_seen_ms, last_seen_ms) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (platform, member_id) DO UPDATE SET name = excluded.name,
                        last_seen_ms = MAX(members.last_seen_ms, excluded.last_seen_ms)""")) {
                for (java.util.Map.Entry<SeenPeople.MemberKey, Person> e : people.entrySet()) {
                    member.setString(1, e.getKey().platform());
                    member.setString(2, e.getKey().member());
                    member.setString(3, e.getValue().name);
                    member.setLong(4, e.getValue().first);
                    member.setLong(5, e.getValue().last);
                    member.addBatch();
                }
                member.executeBatch();
            }
        }
        // Remembered as written; a rollback of this transaction makes the next batch forget them.
        for (java.util.Map.Entry<SeenPeople.SeatKey, Seat> e : seats.entrySet()) seen.seatWritten(e.getKey(), e.getValue().last);
        for (java.util.Map.Entry<SeenPeople.ChatKey, long[]> e : chats.entrySet()) seen.chatWritten(e.getKey(), e.getValue()[1]);
        for (java.util.Map.Entry<SeenPeople.MemberKey, Person> e : people.entrySet()) {
            seen.memberWritten(e.getKey(), e.getValue().name, e.getValue().last);
        }
    }

    /** A batch's events for one member: first and latest time, the name of the last in log order. */
    private static final class Person {
        final long first;
        long last;
        String name;

        Person(long first) { this.first = first; this.last = first; }

        void add(String name, long at) {
            this.name = name;
            last = Math.max(last, at);
        }
    }

    /**
     * A query for {@code columns} of the logged message with a platform message id (parameters:
     * platform, chat id, message id), the first one logged. A message whose id is its event's
     * native id is found by the unique key; the message index holds only the others (V017).
     */
    static String byMessageId(String columns) {
        return "SELECT " + columns + " FROM activity WHERE platform = ?1 AND chat_id = ?2 AND native_id = ?3 AND message_id = ?3"
                + " AND kind = 'message' UNION ALL SELECT " + columns + " FROM activity WHERE platform = ?1 AND chat_id = ?2"
                + " AND message_id = ?3 AND message_id <> native_id AND kind = 'message' LIMIT 1";
    }

    /**
     * A batch's events for one seat (member in a chat), folded in log order: the upsert then
     * leaves the row as one upsert per event would. {@code left} is set only when the last join
     * or leave was a leave; a later join clears it.
     */
    private static final class Seat {
        final long first;
        long last;
        Long joined, left;

        Seat(long first) { this.first = first; this.last = first; }

        void add(Event e, long at) {
            last = Math.max(last, at);
            if (e instanceof Event.MemberJoined) {
                joined = at;
                left = null;
            } else if (e instanceof Event.MemberLeft) {
                left = at;
            }
        }

        /** A join or leave is in the batch: the row must be written whatever it held. */
        boolean moved() { return joined != null || left != null; }
    }

    /** The member who wrote the message with this platform id, from the log, or null. */
    public MemberRef authorOf(String platform, String chatId, String messageId) {
        return db.queryOne(byMessageId("member_id, member_name"),
                rs -> MemberRef.of(rs.getString(1), rs.getString(2)), platform, chatId, messageId);
    }

    /** The id of our account that sent the message with this platform id, or null. */
    public String senderAccountOf(String platform, String chatId, String messageId) {
        return db.queryOne("""
                SELECT account FROM action_log
                WHERE platform = ? AND chat_id = ? AND message_id = ? AND outcome = 'done' LIMIT 1""",
                rs -> rs.getString(1), platform, chatId, messageId);
    }

    /** Events logged but not yet handled by the features (after a crash), oldest first. */
    public List<Logged> unhandled() {
        return db.tx(c -> {
            long mark = handledMark(c);
            long last = lastId(c);
            if (mark > last) {
                // The log's file is older than the main one (restored from an earlier backup than
                // it): new events would get ids at or below the mark and never be handled.
                log.warn("the handled mark ({}) is past the activity log's last event ({}): its file is older than the main one;"
                        + " the mark goes back to {} so that new events are handled", mark, last, last);
                Database.updateIn(c, "UPDATE kv SET v = ? WHERE k = ?", Long.toString(last), HANDLED_MARK);
                mark = last;
            }
            return Database.queryIn(c, "SELECT id, payload FROM activity WHERE id > ? ORDER BY id",
                    rs -> new Logged(rs.getLong(1), Codec.decodeEvent(rs.getString(2))), mark);
        });
    }

    /** Moves the handled mark on to {@code throughId} (never back), in one statement. */
    public void markHandled(long throughId) {
        db.tx(c -> {
            Database.updateIn(c, "INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v"
                    + " WHERE CAST(kv.v AS INTEGER) < CAST(excluded.v AS INTEGER)", HANDLED_MARK, Long.toString(throughId));
            return null;
        });
    }

    private static long handledMark(Connection c) throws SQLException {
        List<Long> v = Database.queryIn(c, "SELECT v FROM kv WHERE k = ?", rs -> Long.parseLong(rs.getString(1)), HANDLED_MARK);
        return v.isEmpty() ? 0 : v.get(0);
    }

    public LocalDate day(Instant at) { return at.atZone(zone).toLocalDate(); }
}
