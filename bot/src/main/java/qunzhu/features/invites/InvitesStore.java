package qunzhu.features.invites;

import java.time.Instant;
import java.util.List;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.feature.FeatureStore;

/** Who brought whom (table invites): one row per invitee and chat, pending until the grace period decides it. */
final class InvitesStore {
    static final String PENDING = "pending", ACCEPTED = "accepted", LEFT = "left";

    /** One invitee's row. */
    record Invite(String memberId, String memberName, String inviterId, String inviterName, Instant joined, String state) {}

    /** An inviter's line on the board. */
    record Inviter(String inviterId, String inviterName, long accepted, long pending) {}

    private final FeatureStore db;

    InvitesStore(FeatureStore db) { this.db = db; }

    /** Records a join someone brought; false when this invitee was recorded in this chat before (the first inviter keeps it). */
    boolean add(ChatRef chat, MemberRef member, MemberRef inviter, Instant at) {
        return db.update("""
                INSERT INTO invites (platform, chat_id, member_id, member_name, inviter_id, inviter_name, joined_ms, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, chat_id, member_id) DO NOTHING""",
                chat.platform(), chat.id(), member.id(), member.name(), inviter.id(), inviter.name(), at.toEpochMilli(), PENDING) == 1;
    }

    Invite get(ChatRef chat, String memberId) {
        return db.queryOne("""
                SELECT member_id, member_name, inviter_id, inviter_name, joined_ms, state FROM invites
                WHERE platform = ? AND chat_id = ? AND member_id = ?""",
                rs -> new Invite(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)),
                        rs.getString(6)), chat.platform(), chat.id(), memberId);
    }

    /** Moves a pending invite to {@code state}; false when it was not pending any more. */
    boolean decide(ChatRef chat, String memberId, String state, Instant at) {
        return db.update("UPDATE invites SET state = ?, decided_ms = ? WHERE platform = ? AND chat_id = ? AND member_id = ? AND state = ?",
                state, at.toEpochMilli(), chat.platform(), chat.id(), memberId, PENDING) == 1;
    }

    /** Inviters by accepted invitees, most first. */
    List<Inviter> board(ChatRef chat, int n) {
        return db.query("""
                SELECT inviter_id, MAX(inviter_name),
                       SUM(CASE WHEN state = 'accepted' THEN 1 ELSE 0 END), SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END)
                FROM invites WHERE platform = ? AND chat_id = ? AND state <> 'left'
                GROUP BY inviter_id ORDER BY 3 DESC, 4 DESC, inviter_id LIMIT ?""",
                rs -> new Inviter(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)), chat.platform(), chat.id(), n);
    }
}
