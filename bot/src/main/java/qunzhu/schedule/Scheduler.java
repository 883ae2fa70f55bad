package qunzhu.schedule;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import qunzhu.core.ChatRef;
import qunzhu.store.Database;

/**
 * Timed work kept in the store (table jobs), so a restart neither forgets nor repeats it.
 * Time is the injected clock. Nothing here polls: the pipeline asks for {@link #due()} jobs
 * and the {@link #nextDue next due time}, and waits until then; {@link #onScheduled}
 * listeners hear of every new job, so a job due earlier than that wakes it. Jobs run on the
 * pipeline thread like events (see Pipeline), never here.
 */
public final class Scheduler {
    private final Database db;
    private final Clock clock;
    private final List<Consumer<Instant>> listeners = new CopyOnWriteArrayList<>();

    public Scheduler(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Calls {@code listener} with the due time of every job scheduled from now on. It is called
     * on the scheduling thread, possibly inside that thread's transaction: it must not block.
     */
    public void onScheduled(Consumer<Instant> listener) { listeners.add(listener); }

    public long schedule(Instant due, JobKey key, ChatRef chat, String payload) {
        return schedule(due, key.owner(), key.kind(), chat, payload);
    }

    public long schedule(Instant due, String owner, String kind, ChatRef chat, String payload) {
        JsonObject body = new JsonObject();
        body.addProperty("chat", chat == null ? null : chat.toString());
        body.addProperty("data", payload);
        long id = db.tx(c -> {
            Database.updateIn(c, "INSERT INTO jobs(due_ms, owner, kind, payload) VALUES (?, ?, ?, ?)",
                    due.toEpochMilli(), owner, kind, body.toString());
            return Database.queryIn(c, "SELECT last_insert_rowid()", rs -> rs.getLong(1)).get(0);
        });
        // Inside an outer transaction the row is not committed yet; a reader from another thread
        // waits for the store's lock, so it sees the row once that transaction commits.
        for (Consumer<Instant> l : listeners) l.accept(due);
        return id;
    }

    /** The earliest due time of a job not done yet that comes after {@code after}, or null when none. */
    public Instant nextDue(Instant after) {
        Long ms = db.queryOne("SELECT MIN(due_ms) FROM jobs WHERE done = 0 AND due_ms > ?",
                rs -> rs.getObject(1) == null ? null : rs.getLong(1), after.toEpochMilli());
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    /** Jobs whose time has come and that have not run, oldest first. */
    public List<Job> due() { return due(clock.instant()); }

    /** Jobs due at {@code at} or before that have not run, oldest first. */
    public List<Job> due(Instant at) { return due(at, Integer.MAX_VALUE); }

    /** The {@code limit} oldest jobs due at {@code at} or before that have not run. */
    public List<Job> due(Instant at, int limit) {
        return db.query("SELECT id, due_ms, owner, kind, payload FROM jobs WHERE done = 0 AND due_ms <= ? ORDER BY due_ms, id LIMIT ?",
                rs -> {
                    JsonObject body = JsonParser.parseString(rs.getString(5)).getAsJsonObject();
                    ChatRef chat = body.get("chat") == null || body.get("chat").isJsonNull() ? null : ChatRef.parse(body.get("chat").getAsString());
                    String data = body.get("data") == null || body.get("data").isJsonNull() ? null : body.get("data").getAsString();
                    return new Job(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4), chat, data);
                }, at.toEpochMilli(), limit);
    }

    public void done(long id) { db.update("UPDATE jobs SET done = 1 WHERE id = ?", id); }

    /** Cancels pending jobs of an owner and kind whose payload equals {@code payload}. */
    public int cancel(String owner, String kind, String payload) {
        return db.tx(c -> {
            int n = 0;
            for (Long id : Database.queryIn(c, "SELECT id, payload FROM jobs WHERE done = 0 AND owner = ? AND kind = ?",
                    rs -> {
                        JsonObject body = JsonParser.parseString(rs.getString(2)).getAsJsonObject();
                        boolean same = body.get("data") != null && !body.get("data").isJsonNull() && body.get("data").getAsString().equals(payload);
                        return same ? rs.getLong(1) : null;
                    }, owner, kind)) {
                if (id != null) n += Database.updateIn(c, "UPDATE jobs SET done = 1 WHERE id = ?", id);
            }
            return n;
        });
    }
}
