package qunzhu.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one ordered list of schema changes. Each file under db/migration/ runs once, in its own
 * transaction, and is recorded in schema_version, so fresh and upgraded databases end up
 * identical. A feature adds its tables by appending a file here, never by creating tables
 * on the fly. A file's version is its position in {@link #FILES}; the name is a label (a renamed
 * file is not run again), so files are only ever appended, never reordered.
 */
public final class Migrations {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Migrations.class);
    public static final List<String> FILES = List.of(
            "V001__core.sql",
            "V002__rules.sql",
            "V003__verify.sql",
            "V004__moderation.sql",
            "V005__message_lookup.sql",
            "V006__dead_letter.sql",
            "V007__moderation_rule_names.sql",
            "V008__moderation_case_applied.sql",
            "V009__quiz.sql",
            "V010__duty.sql",
            "V011__lottery.sql",
            "V012__points.sql",
            "V013__calendar.sql",
            "V014__reports.sql",
            "V015__report_member.sql",
            "V016__report_member_day_messages.sql",
            "V017__slim_message_index.sql",
            "V018__tallies_flushed_through.sql",
            "V019__points_balance_follows_ledger.sql",
            "V020__seat_messages_dropped.sql",
            "V021__members_by_name.sql",
            "V022__activity_member_by_day.sql",
            "V023__action_log_restrictions.sql",
            "V024__indexes_for_what_is_left.sql",
            "V025__activity_log_in_its_own_file.sql");

    private Migrations() {}

    /** Applies the migrations not yet applied; returns whether the database was new (had none). */
    static boolean apply(Database db) {
        db.tx(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            }
            return null;
        });
        long current = db.count("SELECT COALESCE(MAX(version), 0) FROM schema_version");
        for (int i = 0; i < FILES.size(); i++) {
            int version = i + 1;
            if (version <= current) continue;
            String name = FILES.get(i);
            if (current > 0) log.info("updating the database's schema: {}", name);
            List<List<String>> parts = transactions(statements(read(name)));
            for (int p = 0; p < parts.size(); p++) {
                List<String> part = parts.get(p);
                boolean last = p == parts.size() - 1;
                db.tx(c -> {
                    try (Statement s = c.createStatement()) {
                        for (String statement : part) s.execute(statement);
                    }
                    if (last) Database.updateIn(c, "INSERT INTO schema_version(version, name) VALUES (?, ?)", version, name);
                    return null;
                });
            }
        }
        return current == 0;
    }

    /**
     * A migration's statements split at its {@code COMMIT;} lines: each part runs in a
     * transaction of its own, in order, and the version is recorded with the last. A migration
     * that writes two files (the main one and the attached activity log) writes one file per
     * part, so that a crash between the two commits leaves a state it can start over from
     * (SQLite commits attached files in WAL mode one by one, not atomically).
     */
    static List<List<String>> transactions(List<String> statements) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String st : statements) {
            if (st.equalsIgnoreCase("COMMIT")) {
                out.add(current);
                current = new ArrayList<>();
            } else {
                current.add(st);
            }
        }
        out.add(current);
        return out;
    }

    /**
     * The statements of a migration: each ends with a line ending in ";", except that a trigger
     * runs to its line "END;" (its body's statements end in ";" too).
     */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean trigger = false;
        for (String line : sql.split("\n", -1)) {
            String t = line.strip();
            if (current.length() == 0 && (t.isEmpty() || t.startsWith("--"))) continue;
            if (current.length() == 0) trigger = t.toUpperCase(Locale.ROOT).matches("CREATE\\s+(TEMP\\s+|TEMPORARY\\s+)?TRIGGER\\b.*");
            current.append(line).append('\n');
            boolean ends = trigger ? t.equalsIgnoreCase("END;") : t.endsWith(";");
            if (ends) {
                out.add(current.toString().strip().replaceFirst(";$", ""));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) out.add(current.toString().strip());
        return out;
    }

    static String read(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + name)) {
            if (in == null) throw new IllegalStateException("migration " + name + " is missing from the build");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            // Strip full-line comments so a ';' inside one cannot split a statement.
            return text.replaceAll("(?m)^\\s*--.*$", "");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + name, e);
        }
    }
}
