package qunzhu.schedule;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import qunzhu.core.ChatRef;
import qunzhu.store.Database;

/**
 * Timed work kept in the store (table jobs), so a restart neither forgets nor repeats it.
 * Time is the injected clock: tests move the clock and call {@link #due()}; the runtime
 * polls. Jobs run on the pipeline thread like events (see Pipeline), never here.
 */
public final class Scheduler {
    private final Database db;
    private final Clock clock;

    public Scheduler(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    public long schedule(Instant due, String owner, String kind, ChatRef chat, String payload) {
        JsonObject body = new JsonObject();
        body.addProperty("chat", chat == null ? null : chat.toString());
        body.addProperty("data", payload);
        return db.tx(c -> {
            Database.updateIn(c, "INSERT INTO jobs(due_ms, owner, kind, payload) VALUES (?, ?, ?, ?)",
                    due.toEpochMilli(), owner, kind, body.toString());
            return Database.queryIn(c, "SELECT last_insert_rowid()", rs -> rs.getLong(1)).get(0);
        });
    }

    /** Jobs whose time has come and that have not run, oldest first. */
    public List<Job> due() {
        return db.query("SELECT id, due_ms, owner, kind, payload FROM jobs WHERE done = 0 AND due_ms <= ? ORDER BY due_ms, id",
                rs -> {
                    JsonObject body = JsonParser.parseString(rs.getString(5)).getAsJsonObject();
                    ChatRef chat = body.get("chat") == null || body.get("chat").isJsonNull() ? null : ChatRef.parse(body.get("chat").getAsString());
                    String data = body.get("data") == null || body.get("data").isJsonNull() ? null : body.get("data").getAsString();
                    return new Job(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3), rs.getString(4), chat, data);
                }, clock.millis());
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
