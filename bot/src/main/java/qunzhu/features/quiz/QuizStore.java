package qunzhu.features.quiz;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.feature.FeatureStore;
import qunzhu.feature.KnownAbsent;

/** All SQL on the quiz_* tables: rounds, the questions asked, members' answers. */
final class QuizStore {
    /** A round as stored: {@code picks} are bank question numbers, {@code current} the index being asked. */
    record Round(long id, ChatRef chat, String bank, String bankLocale, List<Integer> picks, int current, String state) {
        Round { picks = List.copyOf(picks); }
        boolean last() { return current >= picks.size() - 1; }
    }

    /** A question as asked. */
    record Asked(long round, int seq, int question, Instant askedAt, Instant due, boolean closed) {}

    /** A member's answering of one question. */
    record Answer(String memberId, Integer choice, boolean correct) {}

    /** One line of a leaderboard. */
    record Score(String memberId, String name, long points, long right) {}

    private final FeatureStore db;
    /** Chats known to have no running round: every message asks. A round's start or end, or a chat move, forgets. */
    private final KnownAbsent<ChatRef> noneRunning;

    QuizStore(FeatureStore db) {
        this.db = db;
        this.noneRunning = new KnownAbsent<>(db, 50_000);
    }

    Round running(ChatRef chat) {
        return noneRunning.read(chat, () -> db.queryOne("""
                SELECT id, platform, chat_id, bank, bank_locale, picks, current, state FROM quiz_round
                WHERE platform = ? AND chat_id = ? AND state = 'running'""", QuizStore::round, chat.platform(), chat.id()));
    }

    /** Rounds moved to another chat id: what was known of chats may not hold. */
    void forgetNoneRunning() { noneRunning.forgetAll(); }

    Round round(long id) {
        return db.queryOne("SELECT id, platform, chat_id, bank, bank_locale, picks, current, state FROM quiz_round WHERE id = ?",
                QuizStore::round, id);
    }

    private static Round round(java.sql.ResultSet rs) throws java.sql.SQLException {
        List<Integer> picks = Arrays.stream(rs.getString(6).split(",")).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
        return new Round(rs.getLong(1), new ChatRef(rs.getString(2), rs.getString(3)), rs.getString(4), rs.getString(5), picks,
                rs.getInt(7), rs.getString(8));
    }

    long start(ChatRef chat, Bank bank, List<Integer> picks, String by, Instant at) {
        noneRunning.forget(chat);
        return db.insert("""
                INSERT INTO quiz_round (platform, chat_id, bank, bank_locale, picks, current, state, started_by, started_at_ms)
                VALUES (?, ?, ?, ?, ?, 0, 'running', ?, ?)""", chat.platform(), chat.id(), bank.name(), bank.locale(),
                String.join(",", picks.stream().map(String::valueOf).toList()), by, at.toEpochMilli());
    }

    void asked(long round, int seq, int question, Instant at, Instant due) {
        db.update("UPDATE quiz_round SET current = ? WHERE id = ?", seq, round);
        db.update("INSERT INTO quiz_question (round_id, seq, question, asked_at_ms, due_ms) VALUES (?, ?, ?, ?, ?)",
                round, seq, question, at.toEpochMilli(), due.toEpochMilli());
    }

    Asked asked(long round, int seq) {
        return db.queryOne("SELECT round_id, seq, question, asked_at_ms, due_ms, closed FROM quiz_question WHERE round_id = ? AND seq = ?",
                rs -> new Asked(rs.getLong(1), rs.getInt(2), rs.getInt(3), Instant.ofEpochMilli(rs.getLong(4)),
                        Instant.ofEpochMilli(rs.getLong(5)), rs.getInt(6) != 0), round, seq);
    }

    /** Closes an open question; false when it was closed already (someone else won it first). */
    boolean close(long round, int seq) {
        return db.update("UPDATE quiz_question SET closed = 1 WHERE round_id = ? AND seq = ? AND closed = 0", round, seq) == 1;
    }

    void end(long round, String state, Instant at) {
        noneRunning.forgetAll();   // by id: its chat is not known here (rare)
        db.update("UPDATE quiz_round SET state = ?, ended_at_ms = ? WHERE id = ?", state, at.toEpochMilli(), round);
    }

    Answer answer(long round, int seq, String member) {
        return db.queryOne("SELECT member_id, choice, correct FROM quiz_answer WHERE round_id = ? AND seq = ? AND member_id = ?",
                rs -> new Answer(rs.getString(1), (Integer) rs.getObject(2) == null ? null : rs.getInt(2), rs.getInt(3) != 0),
                round, seq, member);
    }

    /** Records a member's answer; a later one replaces a wrong one (free-text questions may be tried again). */
    void answered(long round, int seq, MemberRef member, Integer choice, boolean correct, int points, Instant at) {
        db.update("""
                INSERT INTO quiz_answer (round_id, seq, member_id, member_name, choice, correct, points, at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (round_id, seq, member_id) DO UPDATE SET member_name = excluded.member_name, choice = excluded.choice,
                    correct = excluded.correct, points = excluded.points, at_ms = excluded.at_ms""",
                round, seq, member.id(), member.name(), choice, correct ? 1 : 0, points, at.toEpochMilli());
    }

    /** Who answered this question right, in the order they did. */
    List<String> rightNames(long round, int seq) {
        return db.query("SELECT member_name FROM quiz_answer WHERE round_id = ? AND seq = ? AND correct = 1 ORDER BY at_ms, member_id",
                rs -> rs.getString(1), round, seq);
    }

    /** The round's scores, best first (ties: who got there first). */
    List<Score> roundScores(long round, int limit) {
        return db.query("""
                SELECT member_id, MAX(member_name), SUM(points), SUM(correct), MAX(at_ms) FROM quiz_answer
                WHERE round_id = ? AND correct = 1 GROUP BY member_id ORDER BY SUM(points) DESC, SUM(correct) DESC, MAX(at_ms), member_id
                LIMIT ?""", rs -> new Score(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)), round, limit);
    }

    /** The chat's scores over every round, best first. */
    List<Score> chatScores(ChatRef chat, int limit) {
        return db.query("""
                SELECT a.member_id, MAX(a.member_name), SUM(a.points), SUM(a.correct) FROM quiz_answer a
                JOIN quiz_round r ON r.id = a.round_id
                WHERE r.platform = ? AND r.chat_id = ? AND a.correct = 1
                GROUP BY a.member_id ORDER BY SUM(a.points) DESC, SUM(a.correct) DESC, a.member_id LIMIT ?""",
                rs -> new Score(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)), chat.platform(), chat.id(), limit);
    }
}
