package qunzhu.features.reports;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.UnaryOperator;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.feature.ChatMoveHook;
import qunzhu.feature.FeatureStore;
import qunzhu.store.ActivityLog;
import qunzhu.store.Tallies;

/**
 * The reports' rollups: per chat per day (with messages per hour of the day and the members who
 * posted), per member per day, per member (the last day they posted and left), and every
 * {@link Event.Counted}. Kept as events are handled, written behind ({@link FeatureStore#tally}):
 * an event adds to its rows in memory, and the store writes each row once with the sum of its
 * adds, a few seconds later (committed counts are held, see {@link Tallies}), so a busy member's
 * day is one UPSERT per few seconds, not one per message. A member's first message (or leave) of
 * a day is learnt when their row is written (its messages equal the messages just added): the
 * chat's day then gains an active member and report_member moves on. A crash loses the held
 * counts: {@link #recount} counts their events again from the activity log at start. Rebuilt
 * exactly from the activity log (plus report_counted, which is the record of Counted events) by
 * the rebuild-rollups command. Messages from bots are not counted.
 */
public final class Rollups {
    static final String[] TABLES = {"report_chat_day", "report_member_day", "report_member", "report_counted"};

    private final ZoneId zone;

    public Rollups(ZoneId zone) { this.zone = zone; }

    /**
     * Counts one handled event in {@code chat} (the chat's current id); events of other kinds are
     * ignored, and so is everything in a private chat with the bot except a {@link Event.Counted}
     * (a private /feedback is listed; a private message is no group activity).
     */
    public void apply(Event e, ChatRef chat, FeatureStore store) {
        if (chat.isPrivate() && !(e instanceof Event.Counted)) return;
        ZonedDateTime at = e.at().atZone(zone);
        String day = at.toLocalDate().toString();
        if (e instanceof Event.MessagePosted m) {
            if (m.author() == null || m.author().bot()) return;
            long reply = m.replyToId() != null ? 1 : 0;
            // The member's day: when its row is written and its messages are just this write's, this was their first
            // message of the day (the chat's day then has one more active member).
            store.tally(MEMBER_DAY_MESSAGES, new Object[] {chat.platform(), chat.id(), day, m.author().id()}, new long[] {1, reply},
                    (key, deltas, now) -> {
                        if (now[0] != deltas[0]) return;
                        long[] active = new long[3 + 24];
                        active[2] = 1;
                        store.tally(CHAT_DAY_MESSAGES, new Object[] {key[0], key[1], key[2]}, active);
                        lastDay(store, (String) key[0], (String) key[1], (String) key[3], "last_message_day", (String) key[2]);
                    });
            long[] deltas = new long[3 + 24];
            deltas[0] = 1;
            deltas[1] = reply;
            deltas[3 + at.getHour()] = 1;
            store.tally(CHAT_DAY_MESSAGES, new Object[] {chat.platform(), chat.id(), day}, deltas);
        } else if (e instanceof Event.MemberJoined j) {
            chatDay(store, chat, day, CHAT_DAY_JOINS, 1, j.invitedBy() != null ? 1 : 0);
            store.tally(MEMBER_DAY_JOINS, new Object[] {chat.platform(), chat.id(), day, j.member().id()}, new long[] {1});
        } else if (e instanceof Event.JoinInviter) {
            // The join is counted already (without an inviter): now it is an invited one.
            chatDay(store, chat, day, CHAT_DAY_JOINS, 0, 1);
        } else if (e instanceof Event.MemberLeft l) {
            chatDay(store, chat, day, CHAT_DAY_LEAVES, 1, l.removedBy() != null ? 1 : 0);
            // Their first leave of the day moves their last leave day.
            store.tally(MEMBER_DAY_LEAVES, new Object[] {chat.platform(), chat.id(), day, l.member().id()}, new long[] {1},
                    (key, d, now) -> {
                        if (now[0] == d[0]) lastDay(store, (String) key[0], (String) key[1], (String) key[3], "last_leave_day", (String) key[2]);
                    });
        } else if (e instanceof Event.JoinRequested) {
            chatDay(store, chat, day, CHAT_DAY_REQUESTS, 1, 0);
        } else if (e instanceof Event.Counted c) {
            store.update("INSERT INTO report_counted (platform, chat_id, day, at_ms, tally, member_id, value, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    chat.platform(), chat.id(), day, e.at().toEpochMilli(), c.tally().name(), c.member() == null ? null : c.member().id(),
                    c.value(), c.detail());
        }
    }

    /**
     * Counts again the events handled after the rollups' last write ({@link Tallies#FLUSHED_THROUGH}):
     * the store holds their counts in memory for a while, and a crash loses them. Run at
     * install, before the pipeline handles anything; {@code current} is the chat's id now.
     * Returns the number of events counted again.
     */
    public int recount(FeatureStore store, qunzhu.store.KeyValues kv, qunzhu.store.History history, UnaryOperator<ChatRef> current) {
        long written = kv.getLong(Tallies.FLUSHED_THROUGH, 0), handled = kv.getLong(ActivityLog.HANDLED_MARK, 0);
        if (written >= handled) return 0;
        List<Event> events = history.eventsAfter(written, handled, COUNTED_KINDS);
        store.atomically(() -> {
            for (Event e : events) apply(e, current.apply(e.chat()), store);
            return null;
        });
        return events.size();
    }

    /** The activity kinds the rollups count (a Counted event is not logged: report_counted is its record). */
    public static final List<String> COUNTED_KINDS = List.of("message", "join", "join_inviter", "leave", "join_request");

    static String hour(int h) { return h < 10 ? "h0" + h : "h" + h; }

    /** Adds messages, replies, active members and the 24 hours' messages to a chat's day. */
    private static final String CHAT_DAY_MESSAGES;
    static {
        StringBuilder cols = new StringBuilder("messages, replies, active"), set = new StringBuilder(), marks = new StringBuilder("?, ?, ?");
        for (int h = 0; h < 24; h++) {
            cols.append(", ").append(hour(h));
            marks.append(", ?");
        }
        for (String c : cols.toString().split(", ")) {
            if (set.length() > 0) set.append(", ");
            set.append(c).append(" = report_chat_day.").append(c).append(" + excluded.").append(c);
        }
        CHAT_DAY_MESSAGES = "INSERT INTO report_chat_day (platform, chat_id, day, " + cols + ") VALUES (?, ?, ?, " + marks
                + ") ON CONFLICT (platform, chat_id, day) DO UPDATE SET " + set;
    }

    private static final String CHAT_DAY_JOINS = chatDaySql("joins", "joins_invited");
    private static final String CHAT_DAY_LEAVES = chatDaySql("leaves", "removals");
    private static final String CHAT_DAY_REQUESTS = chatDaySql("join_requests", "removals");

    private static String chatDaySql(String a, String b) {
        return "INSERT INTO report_chat_day (platform, chat_id, day, " + a + ", " + b + ") VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (platform, chat_id, day) DO UPDATE SET " + a + " = report_chat_day." + a + " + excluded." + a
                + ", " + b + " = report_chat_day." + b + " + excluded." + b;
    }

    private static void chatDay(FeatureStore store, ChatRef chat, String day, String sql, long av, long bv) {
        store.tally(sql, new Object[] {chat.platform(), chat.id(), day}, new long[] {av, bv});
    }

    /**
     * A member's messages and replies of a day; each UPSERT sets only the columns the event
     * changes, so an index on the others is not rewritten.
     */
    private static final String MEMBER_DAY_MESSAGES = "INSERT INTO report_member_day (platform, chat_id, day, member_id, messages, replies)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (platform, chat_id, day, member_id) DO UPDATE SET"
            + " messages = report_member_day.messages + excluded.messages, replies = report_member_day.replies + excluded.replies"
            + " RETURNING messages";
    private static final String MEMBER_DAY_JOINS = "INSERT INTO report_member_day (platform, chat_id, day, member_id, joins) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (platform, chat_id, day, member_id) DO UPDATE SET joins = report_member_day.joins + excluded.joins";
    private static final String MEMBER_DAY_LEAVES = "INSERT INTO report_member_day (platform, chat_id, day, member_id, leaves) VALUES (?, ?, ?, ?, ?)"
            + " ON CONFLICT (platform, chat_id, day, member_id) DO UPDATE SET leaves = report_member_day.leaves + excluded.leaves RETURNING leaves";

    /** Moves {@code column} of the member's report_member row forward to {@code day} (never back: events may come late). */
    private static void lastDay(FeatureStore store, String platform, String chat, String member, String column, String day) {
        store.update("INSERT INTO report_member (platform, chat_id, member_id, " + column + ") VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (platform, chat_id, member_id) DO UPDATE SET " + column + " = excluded." + column
                + " WHERE report_member." + column + " IS NULL OR report_member." + column + " < excluded." + column,
                platform, chat, member, day);
    }

    /**
     * Moves a chat's rollups to its new id, adding them to rows the new id already has for the
     * same day (a message in the new chat may be handled before the move): nothing is lost.
     */
    static ChatMoveHook moveHook() {
        return (from, to, store) -> {
            StringBuilder set = new StringBuilder("messages = report_chat_day.messages + excluded.messages");
            StringBuilder cols = new StringBuilder("messages");
            for (String c : new String[] {"replies", "joins", "joins_invited", "leaves", "removals", "join_requests", "active"}) {
                set.append(", ").append(c).append(" = report_chat_day.").append(c).append(" + excluded.").append(c);
                cols.append(", ").append(c);
            }
            for (int h = 0; h < 24; h++) {
                set.append(", ").append(hour(h)).append(" = report_chat_day.").append(hour(h)).append(" + excluded.").append(hour(h));
                cols.append(", ").append(hour(h));
            }
            store.update("INSERT INTO report_chat_day (platform, chat_id, day, " + cols + ") SELECT platform, ?, day, " + cols
                    + " FROM report_chat_day WHERE platform = ? AND chat_id = ? ON CONFLICT (platform, chat_id, day) DO UPDATE SET " + set,
                    to.id(), from.platform(), from.id());
            store.update("DELETE FROM report_chat_day WHERE platform = ? AND chat_id = ?", from.platform(), from.id());
            store.update("""
                    INSERT INTO report_member_day (platform, chat_id, day, member_id, messages, replies, joins, leaves)
                    SELECT platform, ?, day, member_id, messages, replies, joins, leaves FROM report_member_day WHERE platform = ? AND chat_id = ?
                    ON CONFLICT (platform, chat_id, day, member_id) DO UPDATE SET messages = report_member_day.messages + excluded.messages,
                        replies = report_member_day.replies + excluded.replies, joins = report_member_day.joins + excluded.joins,
                        leaves = report_member_day.leaves + excluded.leaves""", to.id(), from.platform(), from.id());
            store.update("DELETE FROM report_member_day WHERE platform = ? AND chat_id = ?", from.platform(), from.id());
            // A member who posted under both ids on one day is one active member of that day.
            store.update("""
                    UPDATE report_chat_day SET active = (SELECT COUNT(*) FROM report_member_day m WHERE m.platform = report_chat_day.platform
                        AND m.chat_id = report_chat_day.chat_id AND m.day = report_chat_day.day AND m.messages > 0)
                    WHERE platform = ? AND chat_id = ?""", to.platform(), to.id());
            store.update("""
                    INSERT INTO report_member (platform, chat_id, member_id, last_message_day, last_leave_day)
                    SELECT platform, ?, member_id, last_message_day, last_leave_day FROM report_member WHERE platform = ? AND chat_id = ?
                    ON CONFLICT (platform, chat_id, member_id) DO UPDATE SET
                        last_message_day = CASE WHEN report_member.last_message_day IS NULL OR excluded.last_message_day > report_member.last_message_day
                                                THEN excluded.last_message_day ELSE report_member.last_message_day END,
                        last_leave_day = CASE WHEN report_member.last_leave_day IS NULL OR excluded.last_leave_day > report_member.last_leave_day
                                              THEN excluded.last_leave_day ELSE report_member.last_leave_day END""",
                    to.id(), from.platform(), from.id());
            store.update("DELETE FROM report_member WHERE platform = ? AND chat_id = ?", from.platform(), from.id());
            store.update("UPDATE report_counted SET chat_id = ? WHERE platform = ? AND chat_id = ?", to.id(), from.platform(), from.id());
        };
    }
}
