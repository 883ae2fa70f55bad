package qunzhu.outbox;

import java.time.Instant;
import java.time.ZoneId;
import qunzhu.core.Action;
import qunzhu.core.Outcome;
import qunzhu.core.PersonaRole;
import qunzhu.store.Database;

/**
 * Rows in table action_log: who acted, on whom, why, and what came of it (done, failed, error
 * for a transient failure that is retried, retry_after, unsupported, moved, no_account, or
 * expired for an action dropped as too old).
 */
public final class ActionLog {
    private final Database db;
    private final ZoneId zone;

    public ActionLog(Database db, ZoneId zone) {
        this.db = db;
        this.zone = zone;
    }

    public void record(Instant at, String account, PersonaRole persona, Action a, Outcome o) {
        String outcome, detail = null, messageId = null;
        if (o instanceof Outcome.Done d) { outcome = "done"; messageId = d.messageId(); }
        else if (o instanceof Outcome.RetryAfter r) { outcome = "retry_after"; detail = r.delay().toString(); }
        else if (o instanceof Outcome.Unsupported u) { outcome = "unsupported"; detail = u.what(); }
        else if (o instanceof Outcome.Failed f) { outcome = f.permanent() ? "failed" : "error"; detail = f.reason(); }
        else if (o instanceof Outcome.Moved m) { outcome = "moved"; detail = m.to().toString(); }
        else { outcome = "no_account"; detail = "no account serves this chat"; }
        insert(at, account, persona, a, outcome, detail, messageId);
    }

    /**
     * The row for an action the outbox dropped because it was not done within its kind's
     * max_age (outcome {@code expired}); {@code detail} says how old it was and what the platform answered last.
     */
    public void recordExpired(Instant at, String account, PersonaRole persona, Action a, String detail) {
        insert(at, account, persona, a, "expired", detail, null);
    }

    private void insert(Instant at, String account, PersonaRole role, Action a, String outcome, String detail, String messageId) {
        String persona = role == null ? null : role.name();
        String member = null, text = null, reason = null;
        if (a instanceof Action.Send s) text = s.text();
        else if (a instanceof Action.SendPhoto p) text = p.caption();
        else if (a instanceof Action.Edit e) text = e.text();
        else if (a instanceof Action.Delete d) { text = d.messageId(); reason = d.reason(); }
        else if (a instanceof Action.Mute m) { member = m.member().id(); reason = m.reason(); }
        else if (a instanceof Action.Unmute m) member = m.member().id();
        else if (a instanceof Action.Kick k) { member = k.member().id(); reason = k.reason(); }
        else if (a instanceof Action.Ban b) { member = b.member().id(); reason = b.reason(); }
        else if (a instanceof Action.Unban u) member = u.member().id();
        else if (a instanceof Action.ApproveJoin j) member = j.member().id();
        else if (a instanceof Action.DeclineJoin j) { member = j.member().id(); reason = j.reason(); }
        else if (a instanceof Action.AnswerButton b) text = b.text();
        else if (a instanceof Action.Pin p) text = p.messageId();
        db.update("""
                INSERT INTO action_log (at_ms, day, account, platform, chat_id, kind, persona, member_id, text, reason,
                                        outcome, detail, message_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                at.toEpochMilli(), at.atZone(zone).toLocalDate().toString(), account, a.chat().platform(), a.chat().id(),
                a.kind(), persona, member, text, reason, outcome, detail, messageId);
    }
}
