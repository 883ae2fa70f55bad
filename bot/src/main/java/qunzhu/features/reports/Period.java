package qunzhu.features.reports;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/** A range of local days in the bot's zone, both ends included. */
public record Period(LocalDate from, LocalDate to) {
    public Period {
        if (to.isBefore(from)) throw new IllegalArgumentException("a period ends on or after its start: " + from + " > " + to);
    }

    public static Period day(LocalDate d) { return new Period(d, d); }

    /** The Monday-to-Sunday week that holds {@code d}. */
    public static Period week(LocalDate d) {
        LocalDate monday = d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new Period(monday, monday.plusDays(6));
    }

    /** The {@code n} days ending with {@code last}. */
    public static Period lastDays(LocalDate last, int n) { return new Period(last.minusDays(n - 1L), last); }

    public long days() { return ChronoUnit.DAYS.between(from, to) + 1; }

    /** The period of the same length just before this one. */
    public Period previous() { return new Period(from.minusDays(days()), from.minusDays(1)); }

    public boolean single() { return from.equals(to); }

    /** "2026-11-23" or "2026-11-16 – 2026-11-22". */
    public String label() { return single() ? from.toString() : from + " – " + to; }
}
