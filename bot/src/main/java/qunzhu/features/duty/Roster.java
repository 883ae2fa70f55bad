package qunzhu.features.duty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Pure duty resolution: the concrete spans of a roster around an instant, in the bot's zone,
 * with a date's own shifts replacing its weekday's and the day's swaps applied. A span belongs
 * to the day it starts on, so Sunday 23:00-01:00 is on duty at Monday 00:30.
 */
final class Roster {
    /** A swap on one day: {@code a}'s shifts go to {@code b} and {@code b}'s to {@code a} (both platform:id). */
    record Swap(LocalDate day, String a, String b) {}

    /** One shift on one day, as instants; {@code moderators} as platform:id, swaps applied. */
    record Span(Instant start, Instant end, List<String> moderators) {
        boolean covers(Instant at) { return !at.isBefore(start) && at.isBefore(end); }
    }

    private final DutyConfig config;
    private final ZoneId zone;
    private final List<Swap> swaps;

    Roster(DutyConfig config, ZoneId zone, List<Swap> swaps) {
        this.config = config;
        this.zone = zone;
        this.swaps = List.copyOf(swaps);
    }

    /** The shifts starting on {@code day}: the date's own when it has them, else its weekday's. */
    List<Span> spans(LocalDate day) {
        List<DutyConfig.Shift> shifts = config.dates().get(day);
        if (shifts == null) shifts = config.shifts().stream().filter(s -> s.days().contains(day.getDayOfWeek())).toList();
        List<Span> out = new ArrayList<>();
        for (DutyConfig.Shift s : shifts) {
            Instant start = day.atTime(s.start()).atZone(zone).toInstant();
            // the length is wall-clock hours; a DST change inside a shift moves its end with the clock
            Instant end = day.atTime(s.start()).plus(s.length()).atZone(zone).toInstant();
            out.add(new Span(start, end, swapped(day, s.moderators())));
        }
        return out;
    }

    private List<String> swapped(LocalDate day, List<String> moderators) {
        List<String> now = new ArrayList<>(moderators);
        for (Swap w : swaps) {
            if (!w.day().equals(day)) continue;
            for (int i = 0; i < now.size(); i++) {
                if (now.get(i).equals(w.a())) now.set(i, w.b());
                else if (now.get(i).equals(w.b())) now.set(i, w.a());
            }
        }
        return List.copyOf(new LinkedHashSet<>(now));
    }

    /** Moderators (platform:id) on duty at {@code at}, in roster order. */
    List<String> onDuty(Instant at) {
        Set<String> out = new LinkedHashSet<>();
        LocalDate today = at.atZone(zone).toLocalDate();
        // a shift may start on the day before and run past midnight
        for (LocalDate d = today.minusDays(1); !d.isAfter(today); d = d.plusDays(1)) {
            for (Span s : spans(d)) if (s.covers(at)) out.addAll(s.moderators());
        }
        return List.copyOf(out);
    }

    /** The spans covering {@code at}. */
    List<Span> current(Instant at) {
        LocalDate today = at.atZone(zone).toLocalDate();
        List<Span> out = new ArrayList<>();
        for (LocalDate d = today.minusDays(1); !d.isAfter(today); d = d.plusDays(1)) {
            for (Span s : spans(d)) if (s.covers(at)) out.add(s);
        }
        return out;
    }

    /** The first span starting after {@code at} within the coming eight days, or null. */
    Span next(Instant at) {
        LocalDate today = at.atZone(zone).toLocalDate();
        List<Span> ahead = new ArrayList<>();
        for (LocalDate d = today; !d.isAfter(today.plusDays(8)); d = d.plusDays(1)) {
            for (Span s : spans(d)) if (s.start().isAfter(at)) ahead.add(s);
        }
        return ahead.stream().min(Comparator.comparing(Span::start)).orElse(null);
    }
}
