package qunzhu.features.lottery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.feature.FeatureStore;

/** All SQL on lottery_lotteries and lottery_entries. */
final class LotteryStore {
    /** One lottery as stored. {@code drawAt} null: drawn by hand. {@code result}: winner ids in draw order. */
    record Lottery(long id, ChatRef chat, int winners, String prize, Instant created, String createdBy, Instant drawAt,
                   int minDays, int minMessages, long minPoints, long cost, String seed, String commitment, String status,
                   Instant drawn, boolean late, String entriesHash, List<String> result) {
        boolean open() { return status.equals("open"); }
        boolean drawnAlready() { return status.equals("drawn"); }
    }

    /** One entry: who, under which name, when, and what it cost. */
    record Entry(String memberId, String name, Instant at, long paid) {}

    private static final String COLUMNS = "id, platform, chat_id, winners, prize, created_ms, created_by, draw_ms, min_days, min_messages,"
            + " min_points, cost, seed, commitment, status, drawn_ms, late, entries_hash, result";

    private final FeatureStore db;

    LotteryStore(FeatureStore db) { this.db = db; }

    long create(ChatRef chat, StartLine line, String createdBy, String seed, String commitment, Instant now) {
        return db.insert("""
                INSERT INTO lottery_lotteries (platform, chat_id, winners, prize, created_ms, created_by, draw_ms, min_days,
                                               min_messages, min_points, cost, seed, commitment, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open')""",
                chat.platform(), chat.id(), line.winners(), line.prize(), now.toEpochMilli(), createdBy,
                line.drawAt() == null ? null : line.drawAt().toEpochMilli(), line.minDays(), line.minMessages(), line.minPoints(),
                line.cost(), seed, commitment);
    }

    Lottery get(long id) {
        return db.queryOne("SELECT " + COLUMNS + " FROM lottery_lotteries WHERE id = ?", LotteryStore::lottery, id);
    }

    /** Open lotteries of the chat, oldest first. */
    List<Lottery> open(ChatRef chat) {
        return db.query("SELECT " + COLUMNS + " FROM lottery_lotteries WHERE platform = ? AND chat_id = ? AND status = 'open' ORDER BY id",
                LotteryStore::lottery, chat.platform(), chat.id());
    }

    /** The chat's lotteries drawn most recently, newest first. */
    List<Lottery> recentlyDrawn(ChatRef chat, int n) {
        return db.query("SELECT " + COLUMNS + " FROM lottery_lotteries WHERE platform = ? AND chat_id = ? AND status = 'drawn'"
                + " ORDER BY drawn_ms DESC, id DESC LIMIT ?", LotteryStore::lottery, chat.platform(), chat.id(), n);
    }

    /** Adds the entry; false when the member had one already. */
    boolean enter(long lotteryId, MemberRef member, Instant now, long paid) {
        if (db.count("SELECT COUNT(*) FROM lottery_entries WHERE lottery_id = ? AND member_id = ?", lotteryId, member.id()) > 0) return false;
        db.update("INSERT INTO lottery_entries (lottery_id, member_id, member_name, at_ms, paid) VALUES (?, ?, ?, ?, ?)",
                lotteryId, member.id(), member.name(), now.toEpochMilli(), paid);
        return true;
    }

    boolean entered(long lotteryId, String memberId) {
        return db.count("SELECT COUNT(*) FROM lottery_entries WHERE lottery_id = ? AND member_id = ?", lotteryId, memberId) > 0;
    }

    long entryCount(long lotteryId) { return db.count("SELECT COUNT(*) FROM lottery_entries WHERE lottery_id = ?", lotteryId); }

    List<Entry> entries(long lotteryId) {
        return db.query("SELECT member_id, member_name, at_ms, paid FROM lottery_entries WHERE lottery_id = ? ORDER BY at_ms, member_id",
                rs -> new Entry(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getLong(4)), lotteryId);
    }

    /** Closes the entries and keeps the outcome; false when the lottery was not open any more. */
    boolean drawn(long id, Instant at, boolean late, String entriesHash, List<String> winners) {
        return db.update("UPDATE lottery_lotteries SET status = 'drawn', drawn_ms = ?, late = ?, entries_hash = ?, result = ?"
                + " WHERE id = ? AND status = 'open'", at.toEpochMilli(), late ? 1 : 0, entriesHash, String.join("\n", winners), id) == 1;
    }

    boolean cancelled(long id) {
        return db.update("UPDATE lottery_lotteries SET status = 'cancelled' WHERE id = ? AND status = 'open'", id) == 1;
    }

    private static Lottery lottery(ResultSet rs) throws SQLException {
        long draw = rs.getLong(8);
        boolean noDraw = rs.wasNull();
        long drawn = rs.getLong(16);
        boolean notDrawn = rs.wasNull();
        String result = rs.getString(19);
        return new Lottery(rs.getLong(1), new ChatRef(rs.getString(2), rs.getString(3)), rs.getInt(4), rs.getString(5),
                Instant.ofEpochMilli(rs.getLong(6)), rs.getString(7), noDraw ? null : Instant.ofEpochMilli(draw), rs.getInt(9),
                rs.getInt(10), rs.getLong(11), rs.getLong(12), rs.getString(13), rs.getString(14), rs.getString(15),
                notDrawn ? null : Instant.ofEpochMilli(drawn), rs.getInt(17) == 1, rs.getString(18),
                result == null || result.isEmpty() ? List.of() : List.of(result.split("\n")));
    }
}
