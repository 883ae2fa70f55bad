package qunzhu.features.verify;

import java.time.Instant;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.MemberRef;
import qunzhu.feature.FeatureStore;

/** All SQL on join_requests. */
final class JoinRequestStore {
    record Request(long id, ChatRef chat, MemberRef member, String requestId, String status) {}

    private final FeatureStore db;

    JoinRequestStore(FeatureStore db) { this.db = db; }

    long add(Event.JoinRequested r, String status, Instant now) {
        return db.insert("""
                INSERT INTO join_requests (platform, chat_id, member_id, member_name, request_id, comment, status, at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", r.chat().platform(), r.chat().id(), r.member().id(), r.member().name(),
                r.requestId(), r.comment(), status, now.toEpochMilli());
    }

    Request get(long id) {
        return db.queryOne("SELECT platform, chat_id, member_id, member_name, request_id, status FROM join_requests WHERE id = ?",
                rs -> new Request(id, new ChatRef(rs.getString(1), rs.getString(2)), new MemberRef(rs.getString(3), rs.getString(4), false),
                        rs.getString(5), rs.getString(6)), id);
    }

    /** Marks a pending request decided; false when someone else decided it first. */
    boolean decide(long id, String status, String by, Instant now) {
        return db.update("UPDATE join_requests SET status = ?, decided_by = ?, decided_ms = ? WHERE id = ? AND status = 'pending'",
                status, by, now.toEpochMilli(), id) == 1;
    }

    boolean approvedSince(ChatRef chat, String memberId, Instant since) {
        return db.count("""
                SELECT COUNT(*) FROM join_requests WHERE platform = ? AND chat_id = ? AND member_id = ? AND status = 'approved'
                AND COALESCE(decided_ms, at_ms) >= ?""", chat.platform(), chat.id(), memberId, since.toEpochMilli()) > 0;
    }
}
