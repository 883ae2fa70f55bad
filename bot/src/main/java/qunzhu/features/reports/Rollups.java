package qunzhu.features.reports;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.feature.ChatMoveHook;
import qunzhu.feature.FeatureStore;

/**
 * The reports' rollups: per chat per day (with messages per hour of the day and the members who
 * posted), per member per
 * day, per member (the last day they posted and left), and every {@link Event.Counted}. Kept
 * as events are handled: two UPSERTs per event, a third on a member's first message (or leave)
 * of the day; and rebuilt exactly from the activity log (plus report_counted, which is the record of
 * Counted events) by the rebuild-rollups command. Messages from bots are not counted. A
 * message's counts on its chat's day are written behind ({@link FeatureStore#tally}): one
 * UPSERT per chat and day for a whole group of events.
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
            int reply = m.replyToId() != null ? 1 : 0;
            String h = hour(at.getHour());
            // The member's day first: on their first message of the day, the chat's day has one more active member.
            int first = posted(store, chat, day, m.author().id(), reply) ? 1 : 0;
            // Written behind: one UPSERT per chat and day when the group of events commits.
            long[] deltas = new long[3 + 24];
            deltas[0] = 1;
            deltas[1] = reply;
            deltas[2] = first;
            deltas[3 + at.getHour()] = 1;
            store.tally(CHAT_DAY_MESSAGES, new Object[] {chat.platform(), chat.id(), day}, deltas);
        } else if (e instanceof Event.MemberJoined j) {
            chatDay(store, chat, day, "joins", 1, "joins_invited", j.invitedBy() != null ? 1 : 0);
            store.update("INSERT INTO report_member_day (platform, chat_id, day, member_id, joins) VALUES (?, ?, ?, ?, 1)"
                    + " ON CONFLICT (platform, chat_id, day, member_id) DO UPDATE SET joins = report_member_day.joins + 1",
                    chat.platform(), chat.id(), day, j.member().id());
        } else if (e instanceof Event.JoinInviter) {
            // The join is counted already (without an inviter): now it is an invited one.
            chatDay(store, chat, day, "joins", 0, "joins_invited", 1);
        } else if (e instanceof Event.MemberLeft l) {
            chatDay(store, chat, day, "leaves", 1, "removals", l.removedBy() != null ? 1 : 0);
            left(store, chat, day, l.member().id());
        } else if (e instanceof Event.JoinRequested) {
            chatDay(store, chat, day, "join_requests", 1, "removals", 0);
        } else if (e instanceof Event.Counted c) {
            store.update("INSERT INTO report_counted (platform, chat_id, day, at_ms, tally, member_id, value, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    chat.platform(), chat.id(), day, e.at().toEpochMilli(), c.tally().name(), c.member() == null ? null : c.member().id(),
                    c.value(), c.detail());
        }
    }

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

    private static void chatDay(FeatureStore store, ChatRef chat, String day, String a, int av, String b, int bv) {
        store.update("INSERT INTO report_chat_day (platform, chat_id, day, " + a + ", " + b + ") VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (platform, chat_id, day) DO UPDATE SET " + a + " = report_chat_day." + a + " + excluded." + a
                + ", " + b + " = report_chat_day." + b + " + excluded." + b, chat.platform(), chat.id(), day, av, bv);
    }

    /**
     * A member's message of the day; on their first of the day, their last message day (and
     * true: one more active member that day). Each
     * UPSERT sets only the columns the event changes, so an index on the others is not rewritten.
     */
    private static boolean posted(FeatureStore store, ChatRef chat, String day, String member, int reply) {
        Long n = store.queryOne("INSERT INTO report_member_day (platform, chat_id, day, member_id, messages, replies) VALUES (?, ?, ?, ?, 1, ?)"
                + " ON CONFLICT (platform, chat_id, day, member_id) DO UPDATE SET messages = report_member_day.messages + 1,"
                + " replies = report_member_day.replies + excluded.replies RETURNING messages", rs -> rs.getLong(1),
                chat.platform(), chat.id(), day, member, reply);
        if (n == null || n != 1) return false;
        lastDay(store, chat, member, "last_message_day", day);
        return true;
    }

    private static void left(FeatureStore store, ChatRef chat, String day, String member) {
        Long n = store.queryOne("INSERT INTO report_member_day (platform, chat_id, day, member_id, leaves) VALUES (?, ?, ?, ?, 1)"
                + " ON CONFLICT (platform, chat_id, day, member_id) DO UPDATE SET leaves = report_member_day.leaves + 1 RETURNING leaves",
                rs -> rs.getLong(1), chat.platform(), chat.id(), day, member);
        if (n != null && n == 1) lastDay(store, chat, member, "last_leave_day", day);
    }

    /** Moves {@code column} of the member's report_member row forward to {@code day} (never back: events may come late). */
    private static void lastDay(FeatureStore store, ChatRef chat, String member, String column, String day) {
        store.update("INSERT INTO report_member (platform, chat_id, member_id, " + column + ") VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (platform, chat_id, member_id) DO UPDATE SET " + column + " = excluded." + column
                + " WHERE report_member." + column + " IS NULL OR report_member." + column + " < excluded." + column,
                chat.platform(), chat.id(), member, day);
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
