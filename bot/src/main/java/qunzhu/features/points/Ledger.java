package qunzhu.features.points;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.ChatRef;
import qunzhu.core.PointsKind;
import qunzhu.feature.FeatureStore;
import qunzhu.feature.Points;

/**
 * The points ledger (points_ledger) and the balances derived from it (points_balance, moved
 * by the store itself with each entry, so a balance always equals the sum of its member's
 * entries). Entries are appended, except a day's activity points, one line that grows with
 * each paying message ({@link #accrue}). One cause counts once: an entry whose (chat, member,
 * source) is already there is ignored. A spend, or an operator's negative grant, that would
 * take a balance below 0 is refused and logged; a claw-back is applied in full (its cause
 * was undone, even if the points were spent meanwhile).
 */
final class Ledger implements Points {
    private static final Logger log = LoggerFactory.getLogger(Ledger.class);

    /** What became of an entry. */
    enum Result { RECORDED, DUPLICATE, INSUFFICIENT, EMPTY }

    /** One ledger line, newest first in {@link #history}. */
    record Entry(long delta, PointsKind kind, String reason, String source, Instant at) {}

    /** A member's place on the board. */
    record Standing(String memberId, long balance) {}

    private final FeatureStore db;

    Ledger(FeatureStore db) { this.db = db; }

    /**
     * Appends one entry and moves the balance with it. {@code delta} gets the sign of its kind
     * (earn positive, spend and claw-back negative; a grant keeps its own).
     */
    Result record(ChatRef chat, String memberId, long delta, PointsKind kind, String reason, String source, Instant at) {
        long signed = switch (kind) {
            case EARN -> Math.abs(delta);
            case SPEND, CLAWBACK -> -Math.abs(delta);
            case GRANT -> delta;
        };
        if (signed == 0) return Result.EMPTY;
        if (signed > 0 || kind == PointsKind.CLAWBACK) return append(chat, memberId, signed, kind, reason, source, at);
        // A spend (or a negative grant) checks the balance first: the check and the entry in one savepoint.
        return db.atomically(() -> {
            // Its source is no day's activity line (the only lines written behind): no need to write them first.
            if (db.besidePending().count("SELECT COUNT(*) FROM points_ledger WHERE platform = ? AND chat_id = ? AND member_id = ? AND source = ?",
                    chat.platform(), chat.id(), memberId, source) > 0) return Result.DUPLICATE;
            long balance = balance(chat, memberId);
            if (balance + signed < 0) {
                log.warn("refused {} of {} points for member {} in {} (source {}): the balance is {}", kind, signed, memberId, chat, source, balance);
                return Result.INSUFFICIENT;
            }
            return append(chat, memberId, signed, kind, reason, source, at);
        });
    }

    /**
     * One statement: the unique key on (chat, member, source) drops a second entry for the same
     * cause, and the store moves the balance with the entry (V019).
     */
    private Result append(ChatRef chat, String memberId, long signed, PointsKind kind, String reason, String source, Instant at) {
        // Another line than any written behind (those are accrued): the waiting ones are not written for it.
        return db.besidePending().update("""
                INSERT INTO points_ledger (platform, chat_id, member_id, delta, kind, reason, source, at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (platform, chat_id, member_id, source) DO NOTHING""",
                chat.platform(), chat.id(), memberId, signed, kind.name(), reason, source, at.toEpochMilli()) == 0
                ? Result.DUPLICATE : Result.RECORDED;
    }

    /**
     * The earn line an accrual grows: key (chat, member, reason, source), the points added, the
     * time of the latest accrual set. The store moves the balance when the line is written.
     */
    static final String ACCRUE = """
            INSERT INTO points_ledger (platform, chat_id, member_id, reason, source, delta, kind, at_ms)
            VALUES (?, ?, ?, ?, ?, ?, 'EARN', ?)
            ON CONFLICT (platform, chat_id, member_id, source) DO UPDATE SET delta = points_ledger.delta + excluded.delta,
                at_ms = excluded.at_ms""";

    /**
     * Adds {@code points} (positive) to the member's earn line of {@code source}, which one
     * cause keeps growing (a day's activity points: one line a day, not one per message); the
     * line is made by its first earn, and the balance moves with it. Written at the commit of the
     * group of events, with the sum of its accruals ({@link FeatureStore#tallyAtCommit});
     * {@link #balance} counts what waits meanwhile.
     */
    void accrue(ChatRef chat, String memberId, long points, String reason, String source, Instant at) {
        if (points <= 0) throw new IllegalArgumentException("an accrual is positive: " + points);
        db.tallyAtCommit(ACCRUE, new Object[] {chat.platform(), chat.id(), memberId, reason, source}, new long[] {points},
                new Object[] {at.toEpochMilli()});
    }

    /** The balance as stored, plus the member's accruals not written yet. */
    @Override public long balance(ChatRef chat, String memberId) {
        return db.count("SELECT balance FROM points_balance WHERE platform = ? AND chat_id = ? AND member_id = ?",
                chat.platform(), chat.id(), memberId) + db.pendingTallies(ACCRUE, 0, chat.platform(), chat.id(), memberId);
    }

    /** The member's last {@code n} entries, newest first. */
    List<Entry> history(ChatRef chat, String memberId, int n) {
        return db.query("""
                SELECT delta, kind, reason, source, at_ms FROM points_ledger
                WHERE platform = ? AND chat_id = ? AND member_id = ? ORDER BY id DESC LIMIT ?""",
                rs -> new Entry(rs.getLong(1), PointsKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        Instant.ofEpochMilli(rs.getLong(5))), chat.platform(), chat.id(), memberId, n);
    }

    /** The {@code n} highest positive balances of the chat, highest first (ties by member id). */
    List<Standing> top(ChatRef chat, int n) {
        // Every member's balance counts: the accruals waiting are written first.
        db.writePending("points_ledger");
        return db.query("""
                SELECT member_id, balance FROM points_balance WHERE platform = ? AND chat_id = ? AND balance > 0
                ORDER BY balance DESC, member_id LIMIT ?""",
                rs -> new Standing(rs.getString(1), rs.getLong(2)), chat.platform(), chat.id(), n);
    }

    /** 1 + how many members of the chat have more points. */
    long rank(ChatRef chat, String memberId) {
        db.writePending("points_ledger");
        return 1 + db.count("SELECT COUNT(*) FROM points_balance WHERE platform = ? AND chat_id = ? AND balance > ?",
                chat.platform(), chat.id(), balance(chat, memberId));
    }
}
