package qunzhu.features.lottery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import qunzhu.text.DurationText;

/**
 * What {@code /lottery start <winners> <prize> [duration or draw time] [conditions]} asks for.
 * The first word is the number of winners; a word that reads as a length (2h, 30分钟) or a
 * time (20:00, 2026-12-01 20:00, 2026-12-01T20:00) sets the draw; conditions are
 * {@code key=value} words (also {@code key:value}, full-width colon): days / 入群 (member
 * for at least N days), messages / 发言 (at least M messages in the last 7 days), points / 积分
 * (a balance of at least P), cost / 花费 (the entry costs C points). Every other word is the
 * prize, in order. Without a draw time the lottery is drawn by /lottery draw.
 */
record StartLine(int winners, String prize, Instant drawAt, int minDays, int minMessages, long minPoints, long cost) {
    /** A line that does not say what it should; {@code key} is the template, {@code value} what was wrong. */
    static final class Bad extends RuntimeException {
        final String key;
        final String value;
        Bad(String key, String value) { super(key, null, false, false); this.key = key; this.value = value; }
    }

    private static final Pattern CONDITION = Pattern.compile("([^=:：]+)[=:：](\\d{1,9})");
    private static final Pattern CLOCK = Pattern.compile("\\d{1,2}:\\d{2}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    static final int MAX_WINNERS = 100;

    static StartLine parse(String line, Instant now, ZoneId zone) {
        List<String> words = new ArrayList<>(List.of(line.strip().split("\\s+")));
        if (!words.isEmpty() && (words.get(0).equalsIgnoreCase("start") || words.get(0).equals("开始"))) words.remove(0);
        if (words.isEmpty() || words.get(0).isEmpty()) throw new Bad(null, null);
        int winners;
        try {
            winners = Integer.parseInt(words.remove(0));
        } catch (NumberFormatException e) {
            throw new Bad("lottery.bad_winners", line.strip().split("\\s+")[0]);
        }
        if (winners < 1 || winners > MAX_WINNERS) throw new Bad("lottery.bad_winners", Integer.toString(winners));
        Instant drawAt = null;
        int days = 0, messages = 0;
        long points = 0, cost = 0;
        List<String> prize = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            Matcher c = CONDITION.matcher(w);
            if (c.matches() && condition(c.group(1)) != null) {
                long v = Long.parseLong(c.group(2));
                switch (condition(c.group(1))) {
                    case "days" -> days = (int) v;
                    case "messages" -> messages = (int) v;
                    case "points" -> points = v;
                    default -> cost = v;
                }
            } else if (DATE.matcher(w).matches() && i + 1 < words.size() && CLOCK.matcher(words.get(i + 1)).matches()) {
                drawAt = at(w, words.get(++i), zone, w + " " + words.get(i));
            } else if (w.contains("T") && DATE.matcher(w.substring(0, Math.min(10, w.length()))).matches()) {
                String[] parts = w.split("T", 2);
                drawAt = at(parts[0], parts[1], zone, w);
            } else if (CLOCK.matcher(w).matches()) {
                LocalTime t = time(w, w);
                LocalDateTime today = LocalDateTime.of(LocalDate.ofInstant(now, zone), t);
                Instant at = today.atZone(zone).toInstant();
                drawAt = at.isAfter(now) ? at : today.plusDays(1).atZone(zone).toInstant();
            } else if (!prize.isEmpty() && drawAt == null && DurationText.parse(w) != null) {
                // After the prize only: "3 2h" would otherwise leave no prize.
                drawAt = now.plus(DurationText.parse(w));
            } else {
                prize.add(w);
            }
        }
        if (prize.isEmpty()) throw new Bad("lottery.no_prize", null);
        if (drawAt != null && !drawAt.isAfter(now)) throw new Bad("lottery.past_time", null);
        return new StartLine(winners, String.join(" ", prize), drawAt, days, messages, points, cost);
    }

    /** The condition a key names, or null when the word is not a condition. */
    private static String condition(String key) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "days", "day", "入群", "入群天数" -> "days";
            case "messages", "msgs", "发言", "发言数" -> "messages";
            case "points", "积分" -> "points";
            case "cost", "花费", "消耗" -> "cost";
            default -> null;
        };
    }

    private static Instant at(String date, String clock, ZoneId zone, String said) {
        try {
            return LocalDateTime.of(LocalDate.parse(date), time(clock, said)).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new Bad("lottery.bad_time", said);
        }
    }

    private static LocalTime time(String clock, String said) {
        String[] hm = clock.split(":");
        int h = Integer.parseInt(hm[0]), m = Integer.parseInt(hm[1]);
        if (h > 23 || m > 59) throw new Bad("lottery.bad_time", said);
        return LocalTime.of(h, m);
    }
}
