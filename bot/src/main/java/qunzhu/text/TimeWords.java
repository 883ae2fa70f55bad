package qunzhu.text;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times and durations as people read them in bot text, in the group's locale and the bot's
 * time zone: "10 分钟" / "10 minutes", "4 秒" / "4 seconds", "1 小时 30 分钟"; an end as a time of
 * day ("15:07"), "明天 09:00" / "tomorrow 09:00", or with its date when further off; "永久" /
 * "permanently" for no end. The words are templates ({@code core.time.*}), so config can
 * override them. Every place a time or a duration reaches a person goes through here.
 */
public final class TimeWords {
    private static final long[] UNITS = {86_400, 3_600, 60, 1};
    private static final String[] NAMES = {"day", "hour", "minute", "second"};
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final Texts texts;
    private final ZoneId zone;

    public TimeWords(Texts texts, ZoneId zone) {
        this.texts = texts;
        this.zone = zone;
    }

    public ZoneId zone() { return zone; }

    /**
     * A length in words, its two largest units ("1 小时 30 分钟", "2 days 3 hours"), exact to the
     * second below a minute ("4 秒"); null is "永久" / "permanently".
     */
    public String duration(Duration d, String locale) {
        if (d == null) return forever(locale);
        long s = Math.max(1, (d.toMillis() + 999) / 1000);
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < UNITS.length && parts.size() < 2; i++) {
            long n = s / UNITS[i];
            if (n > 0) {
                parts.add(texts.format(locale, "core.time." + NAMES[i] + (n == 1 ? "" : "s"), "n", n));
                s %= UNITS[i];
            } else if (!parts.isEmpty()) {
                break;   // "1 day 5 minutes" would skip the hours; "1 day" is near enough
            }
        }
        return String.join(" ", parts);
    }

    /**
     * When something ends, seen from {@code now}: "15:07" today, "明天 09:00" / "tomorrow 09:00",
     * "12月3日 09:00" / "Dec 3 09:00" later (with the year when not this one); null or
     * {@link Instant#MAX} is "永久" / "permanently".
     */
    public String at(Instant end, Instant now, String locale) {
        if (end == null || end.equals(Instant.MAX) || end.getEpochSecond() > 253_402_300_799L) return forever(locale);
        ZonedDateTime e = end.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        String time = CLOCK.format(e);
        LocalDate day = e.toLocalDate();
        if (day.equals(today)) return time;
        if (day.equals(today.plusDays(1))) return texts.format(locale, "core.time.tomorrow", "time", time);
        String pattern = texts.format(locale, day.getYear() == today.getYear() ? "core.time.date" : "core.time.date_year");
        Locale l = locale.startsWith("zh") ? Locale.CHINA : Locale.ENGLISH;
        return DateTimeFormatter.ofPattern(pattern, l).format(e) + " " + time;
    }

    /** No end: "永久" / "permanently". */
    public String forever(String locale) { return texts.format(locale, "core.time.forever"); }
}
