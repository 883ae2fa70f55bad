package qunzhu.features.calendar;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a calendar entry runs, as written in config: a five-field cron expression
 * ({@code "0 9 * * 1-5"}, minute hour day-of-month month day-of-week, Unix cron as cron-utils
 * reads it), or a short form: {@code "daily 09:00"}, {@code "weekly mon 20:00"} (days may be
 * listed: {@code "weekly mon,thu 20:00"}), {@code "monthly 1 10:00"} (a day a month lacks is
 * skipped that month, as in cron), or one date-time {@code "2026-12-24 20:00"} that runs once.
 * Short forms become cron expressions.
 *
 * <p>Times are wall-clock times in the bot's zone. Across DST: a time the clock skips that day
 * (02:30 when 02:00 jumps to 03:00) runs at the same distance after the jump (03:30), as
 * java.time resolves it, so a daily post is never lost; a time that happens twice (01:30 when
 * the clock falls back) runs once, at its first pass. cron-utils' own zoned maths skips the
 * first case for the day, so the cron fields are matched on wall-clock time here and each
 * match is placed in the zone with {@link ZonedDateTime#ofLocal}.
 */
sealed interface Schedule {
    /** As written in the config (also what tells a changed schedule at start). */
    String text();

    /** The first run strictly after {@code after}, or null when there is none (a one-off already past). */
    Instant next(Instant after, ZoneId zone);

    /** Runs matching cron fields. */
    record Repeating(String text, String cron, ExecutionTime times) implements Schedule {
        @Override public Instant next(Instant after, ZoneId zone) {
            LocalDateTime cursor = after.atZone(zone).toLocalDateTime();
            for (int i = 0; i < 100_000; i++) {
                Optional<ZonedDateTime> n = times.nextExecution(cursor.atZone(ZoneOffset.UTC));
                if (n.isEmpty()) return null;
                LocalDateTime wall = n.get().toLocalDateTime();
                Instant at = ZonedDateTime.ofLocal(wall, zone, null).toInstant();
                if (at.isAfter(after)) return at;
                cursor = wall;
            }
            return null;
        }
    }

    /** One run at a wall-clock date-time. */
    record Once(String text, LocalDateTime at) implements Schedule {
        @Override public Instant next(Instant after, ZoneId zone) {
            Instant i = ZonedDateTime.ofLocal(at, zone, null).toInstant();
            return i.isAfter(after) ? i : null;
        }
    }

    Pattern DAILY = Pattern.compile("daily\\s+(\\d{1,2}:\\d{2})");
    Pattern WEEKLY = Pattern.compile("weekly\\s+([a-z,]+)\\s+(\\d{1,2}:\\d{2})");
    Pattern MONTHLY = Pattern.compile("monthly\\s+(\\d{1,2})\\s+(\\d{1,2}:\\d{2})");
    Pattern ONCE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{1,2}:\\d{2}");
    Map<String, Integer> DAYS = Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6);
    CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /** Parses a schedule; the exception's message says what is wrong, for the config error. */
    static Schedule parse(String raw) {
        String text = raw == null ? "" : raw.strip();
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Matcher m;
        if ((m = DAILY.matcher(lower)).matches()) {
            LocalTime t = time(m.group(1));
            return cron(text, t.getMinute() + " " + t.getHour() + " * * *");
        }
        if ((m = WEEKLY.matcher(lower)).matches()) {
            List<String> days = new ArrayList<>();
            for (String d : m.group(1).split(",")) {
                Integer n = DAYS.get(d.length() > 3 ? d.substring(0, 3) : d);
                if (n == null || (d.length() > 3 && !fullDay(d))) {
                    throw new IllegalArgumentException("unknown weekday \"" + d + "\" (use mon, tue, wed, thu, fri, sat, sun)");
                }
                days.add(Integer.toString(n));
            }
            LocalTime t = time(m.group(2));
            return cron(text, t.getMinute() + " " + t.getHour() + " * * " + String.join(",", days));
        }
        if ((m = MONTHLY.matcher(lower)).matches()) {
            int day = Integer.parseInt(m.group(1));
            if (day < 1 || day > 31) throw new IllegalArgumentException("day of month must be 1 to 31, got " + day);
            LocalTime t = time(m.group(2));
            return cron(text, t.getMinute() + " " + t.getHour() + " " + day + " * *");
        }
        if (ONCE.matcher(lower).matches()) {
            try {
                return new Once(text, LocalDateTime.parse(lower.replace('T', ' '), DateTimeFormatter.ofPattern("uuuu-MM-dd H:mm").withResolverStyle(java.time.format.ResolverStyle.STRICT)));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("no such date-time \"" + text + "\" (write it like 2026-12-24 20:00)");
            }
        }
        if (lower.startsWith("daily") || lower.startsWith("weekly") || lower.startsWith("monthly")) {
            throw new IllegalArgumentException("expected \"daily 09:00\", \"weekly mon 20:00\" or \"monthly 1 10:00\", got \"" + text + "\"");
        }
        if (text.split("\\s+").length != 5) {
            throw new IllegalArgumentException("expected a cron expression of five fields (minute hour day month weekday, like \"0 9 * * 1-5\"),"
                    + " \"daily 09:00\", \"weekly mon 20:00\", \"monthly 1 10:00\" or a date-time like \"2026-12-24 20:00\"; got \"" + text + "\"");
        }
        return cron(text, text);
    }

    private static boolean fullDay(String d) {
        return List.of("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday").contains(d);
    }

    private static LocalTime time(String hhmm) {
        try {
            return LocalTime.parse(hhmm.length() == 4 ? "0" + hhmm : hhmm);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("no such time of day \"" + hhmm + "\" (use 00:00 to 23:59)");
        }
    }

    private static Schedule cron(String text, String expression) {
        Cron c;
        try {
            c = UNIX.parse(expression);
            c.validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cron expression \"" + expression + "\": " + e.getMessage());
        }
        return new Repeating(text, expression, ExecutionTime.forCron(c));
    }
}
