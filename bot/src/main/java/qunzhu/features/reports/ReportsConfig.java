package qunzhu.features.reports;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import qunzhu.config.BotSection;
import qunzhu.config.ConfigNode;
import qunzhu.core.ChatRef;

/**
 * The top-level {@code reports:} section (config/reports.yml): when the daily and weekly
 * digests go out, which operators' chats get which scope, and the growth targets.
 *
 * <pre>
 * reports:
 *   daily: "09:00"            # or off
 *   weekly: {day: monday, at: "09:00"}
 *   deliver:
 *     - {chat: "sandbox:ops"}                  # all groups
 *     - {chat: "sandbox:ops", profile: tech}   # or group: tech
 *   targets:
 *     - {profile: tech, members: 500, active_rate: 30, weekly_messages: 1000, by: 2026-12-31}
 * </pre>
 */
public record ReportsConfig(LocalTime dailyAt, DayOfWeek weeklyDay, LocalTime weeklyAt, List<Delivery> deliver, List<Goal> targets) {
    public static final ReportsConfig DEFAULTS = new ReportsConfig(LocalTime.of(9, 0), DayOfWeek.MONDAY, LocalTime.of(9, 0), List.of(), List.of());

    public ReportsConfig {
        deliver = List.copyOf(deliver);
        targets = List.copyOf(targets);
    }

    /** One operators' chat and the scope its digests cover. */
    public record Delivery(ChatRef chat, Scope scope) {}

    /** Growth targets of a group or profile; null fields are not targeted. {@code by} null: no deadline. */
    public record Goal(Scope scope, Long members, Double activeRate, Long weeklyMessages, LocalDate by) {}

    public static final BotSection<ReportsConfig> SECTION = new BotSection<>() {
        @Override public String key() { return "reports"; }
        @Override public Class<ReportsConfig> type() { return ReportsConfig.class; }
        @Override public ReportsConfig parse(ConfigNode n, BotSection.Known known) { return ReportsConfig.parse(n); }
    };

    static ReportsConfig parse(ConfigNode n) {
        LocalTime daily = time(n, "daily", DEFAULTS.dailyAt());
        DayOfWeek weeklyDay = DEFAULTS.weeklyDay();
        LocalTime weeklyAt = DEFAULTS.weeklyAt();
        if (n.has("weekly") && n.child("weekly").isMapping()) {
            ConfigNode w = n.section("weekly");
            String d = w.string("day", "monday");
            try {
                weeklyDay = DayOfWeek.valueOf(d.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                w.child("day").error("expected a day of the week like monday, got \"" + d + "\"");
            }
            weeklyAt = time(w, "at", weeklyAt);
            w.done();
        } else {
            weeklyAt = time(n, "weekly", weeklyAt);
        }
        List<Delivery> deliver = new ArrayList<>();
        for (ConfigNode d : n.items("deliver")) {
            String chat = d.required("chat");
            Scope scope = scope(d);
            d.done();
            if (chat == null) continue;
            int colon = chat.indexOf(':');
            if (colon <= 0 || colon == chat.length() - 1) {
                d.child("chat").error("expected platform:chat, like sandbox:ops, got \"" + chat + "\"");
                continue;
            }
            deliver.add(new Delivery(new ChatRef(chat.substring(0, colon), chat.substring(colon + 1)), scope));
        }
        List<Goal> goals = new ArrayList<>();
        for (ConfigNode t : n.items("targets")) {
            Scope scope = scope(t);
            Long members = t.has("members") ? (long) t.integer("members", 0, 0, Integer.MAX_VALUE) : null;
            Double rate = t.has("active_rate") ? t.decimal("active_rate", 0, 0, 100) : null;
            Long weekly = t.has("weekly_messages") ? (long) t.integer("weekly_messages", 0, 0, Integer.MAX_VALUE) : null;
            LocalDate by = null;
            String byText = t.string("by", null);
            if (byText != null) {
                try {
                    by = LocalDate.parse(byText);
                } catch (DateTimeParseException e) {
                    t.child("by").error("expected a date like 2026-12-31, got \"" + byText + "\"");
                }
            }
            t.done();
            if (scope.kind() == Scope.Kind.ALL) {
                t.error("a target names the group: or profile: it is for");
                continue;
            }
            goals.add(new Goal(scope, members, rate, weekly, by));
        }
        n.done();
        return new ReportsConfig(daily, weeklyDay, weeklyAt, deliver, goals);
    }

    private static Scope scope(ConfigNode n) {
        String group = n.string("group", null);
        String profile = n.string("profile", null);
        if (group != null && profile != null) n.error("name a group: or a profile:, not both");
        return group != null ? Scope.group(group) : profile != null ? Scope.profile(profile) : Scope.ALL;
    }

    /** "09:00", or off / false: null. */
    private static LocalTime time(ConfigNode n, String key, LocalTime def) {
        if (!n.has(key)) return def;
        String v = n.string(key, null);
        if (v == null || v.equals("off") || v.equals("false")) return null;
        try {
            return LocalTime.parse(v.length() == 4 ? "0" + v : v);
        } catch (DateTimeParseException e) {
            n.child(key).error("expected a time like 09:00 or off, got \"" + v + "\"");
            return def;
        }
    }
}
