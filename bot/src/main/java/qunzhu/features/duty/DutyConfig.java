package qunzhu.features.duty;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import qunzhu.config.ConfigNode;
import qunzhu.config.GroupSection;

/**
 * {@code duty:} of a group or profile (a profile's roster serves all its groups):
 * <pre>
 * duty:
 *   escalate_after: 10m                 # then every moderator is mentioned
 *   shifts:
 *     - {days: mon-fri, hours: "09:00-18:00", moderators: [sandbox:mia]}
 *     - {days: sun, hours: "22:00-02:00", moderators: [sandbox:carol]}   # runs into Monday
 *   dates:                              # a date's own shifts replace that weekday's
 *     "2026-10-01": [{hours: "00:00-24:00", moderators: [sandbox:olivia]}]
 * </pre>
 * A shift belongs to the day it starts on; one whose end is not after its start ends the next
 * day. Moderators are {@code platform:id}; only those of the chat's platform apply there.
 */
public record DutyConfig(Duration escalateAfter, List<Shift> shifts, Map<LocalDate, List<Shift>> dates) {
    public static final Duration DEFAULT_ESCALATE = Duration.ofMinutes(10);
    public static final DutyConfig NONE = new DutyConfig(DEFAULT_ESCALATE, List.of(), Map.of());

    public DutyConfig {
        shifts = List.copyOf(shifts);
        dates = Map.copyOf(dates);
    }

    /** No shift and no date: the group has no roster. */
    public boolean empty() { return shifts.isEmpty() && dates.isEmpty(); }

    /**
     * One shift: on {@code days} (empty for a date's own shift) from {@code start} for
     * {@code length}; {@code moderators} as {@code platform:id}.
     */
    public record Shift(Set<DayOfWeek> days, LocalTime start, Duration length, List<String> moderators) {
        public Shift {
            days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
            moderators = List.copyOf(moderators);
        }
    }

    static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    public static final GroupSection<DutyConfig> SECTION = new GroupSection<>() {
        @Override public String key() { return "duty"; }
        @Override public Class<DutyConfig> type() { return DutyConfig.class; }
        @Override public DutyConfig parse(ConfigNode n) {
            Duration escalate = n.duration("escalate_after", DEFAULT_ESCALATE);
            if (escalate.isZero()) { n.child("escalate_after").error("must be longer than 0s"); escalate = DEFAULT_ESCALATE; }
            List<Shift> shifts = new ArrayList<>();
            for (ConfigNode item : n.items("shifts")) {
                Shift s = shift(item, true);
                if (s != null) shifts.add(s);
            }
            Map<LocalDate, List<Shift>> dates = new LinkedHashMap<>();
            n.section("dates").entries().forEach((key, v) -> {
                LocalDate d;
                try {
                    d = LocalDate.parse(key.strip());
                } catch (DateTimeException e) {
                    v.error("expected a date like 2026-10-01, got \"" + key + "\"");
                    return;
                }
                List<Shift> own = new ArrayList<>();
                for (ConfigNode item : v.itemsOfSelf()) {
                    Shift s = shift(item, false);
                    if (s != null) own.add(s);
                }
                dates.put(d, own);
            });
            n.done();
            return new DutyConfig(escalate, shifts, dates);
        }
    };

    private static Shift shift(ConfigNode item, boolean weekly) {
        if (!item.isMapping()) { item.error("expected a shift like {days: mon-fri, hours: \"09:00-18:00\", moderators: [sandbox:mia]}"); return null; }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (weekly) {
            ConfigNode d = item.child("days");
            String raw = d != null && d.isSequence() ? String.join(",", item.strings("days")) : item.string("days", "daily");
            Set<DayOfWeek> parsed = days(raw);
            if (parsed == null) item.child("days").error("expected days like mon-fri, sat,sun or daily, got \"" + raw + "\"");
            else days.addAll(parsed);
        }
        String hours = item.required("hours");
        LocalTime start = null;
        Duration length = null;
        if (hours != null) {
            LocalTime[] range = hours(hours);
            if (range == null) {
                item.child("hours").error("expected hours like \"09:00-18:00\" (an end not after the start is the next day), got \"" + hours + "\"");
            } else {
                start = range[0];
                length = Duration.between(range[0], range[1]);
                if (length.isNegative() || length.isZero()) length = length.plusDays(1);
            }
        }
        List<String> moderators = item.memberIds("moderators");
        if (moderators.isEmpty()) item.error("a shift needs moderators (platform:id like sandbox:mia or telegram:123456)");
        item.done();
        return start == null || (weekly && days.isEmpty()) || moderators.isEmpty() ? null : new Shift(days, start, length, moderators);
    }

    /** "mon-fri", "sat,sun", "daily", "mon" (a list written as YAML text); null when not days. */
    static Set<DayOfWeek> days(String raw) {
        String t = raw.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("daily") || t.equals("every day") || t.equals("mon-sun")) return EnumSet.allOf(DayOfWeek.class);
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String part : t.split("[,\\s]+")) {
            if (part.isEmpty()) continue;
            String[] ends = part.split("-", -1);
            if (ends.length > 2) return null;
            int a = DAY_NAMES.indexOf(ends[0]);
            int b = ends.length == 2 ? DAY_NAMES.indexOf(ends[1]) : a;
            if (a < 0 || b < 0) return null;
            for (int i = a; ; i = (i + 1) % 7) {   // "sat-mon" wraps over the week's end
                out.add(DayOfWeek.of(i + 1));
                if (i == b) break;
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** "09:00-18:00" (24:00 allowed as an end); null when not hours. */
    static LocalTime[] hours(String raw) {
        String[] parts = raw.strip().split("\\s*[-–~]\\s*");
        if (parts.length != 2) return null;
        LocalTime a = time(parts[0]);
        LocalTime b = parts[1].equals("24:00") ? LocalTime.MIDNIGHT : time(parts[1]);
        return a == null || b == null ? null : new LocalTime[] {a, b};
    }

    private static LocalTime time(String t) {
        if (!t.matches("\\d{1,2}:\\d{2}")) return null;
        try {
            return LocalTime.parse(t.length() == 4 ? "0" + t : t);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
