package qunzhu.features.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The digest's text: what needs attention first, in plain words (a join wave, a spam spike,
 * core members gone silent, a group whose activity halved, a target that will be missed,
 * unanswered questions), then whom to reach out to and whom to thank, then the numbers, each
 * with its change against the period before.
 */
public final class Digest {
    /** A template lookup: key and name, value pairs (the reporter persona's voice in a chat, or plain texts). */
    @FunctionalInterface
    public interface Words { String text(String key, Object... vars); }

    public enum Kind { DAILY, WEEKLY, RANGE }

    static final int JOIN_WAVE_MIN = 10;
    static final int SPAM_SPIKE_MIN = 5;
    static final int HALVED_MIN = 20;

    private final Words w;

    public Digest(Words words) { this.w = words; }

    private String t(String key, Object... vars) { return w.text("reports." + key, vars); }

    /** The anomalies, one line each, most urgent first; empty when nothing is unusual. */
    public List<String> anomalies(Report r) {
        List<String> out = new ArrayList<>();
        Report.Numbers n = r.now();
        Report.Numbers b = r.before();
        if (n.joins() >= JOIN_WAVE_MIN && n.joins() >= 3 * Math.max(1, b.joins())) out.add(t("a_join_wave", "joins", n.joins(), "before", b.joins()));
        long mod = r.tallies().moderationActions();
        long modBefore = r.talliesBefore().moderationActions();
        if (mod >= SPAM_SPIKE_MIN && mod >= 3 * Math.max(1, modBefore)) out.add(t("a_spam_spike", "now", mod, "before", modBefore));
        if (!r.silentCore().isEmpty()) out.add(t("a_silent_core", "names", names(r, r.silentCore(), false)));
        for (Report.GroupLine g : r.groups()) {
            if (g.messagesBefore() >= HALVED_MIN && g.messages() * 2 <= g.messagesBefore()) {
                out.add(t("a_activity_halved", "group", g.title(), "now", g.messages(), "before", g.messagesBefore()));
            }
        }
        for (Report.Target target : r.targets()) {
            String metric = t("metric_" + target.metric());
            if (target.willMiss()) {
                out.add(t("a_target_miss", "scope", target.scope(), "metric", metric, "target", num(target.target()),
                        "current", num(target.current()), "projected", num(Math.floor(target.projected())), "by", target.by()));
            } else if (!target.met() && target.projected() == null) {
                out.add(t("a_target_behind", "scope", target.scope(), "metric", metric, "target", num(target.target()), "current", num(target.current())));
            }
        }
        long unanswered = Math.max(r.tallies().unanswered(), r.tallies().questionsFlagged());
        if (unanswered > 0) out.add(t("a_unanswered", "n", unanswered));
        return out;
    }

    public String text(Report r, Kind kind) {
        StringBuilder sb = new StringBuilder();
        String scope = r.scope().kind() == Scope.Kind.ALL ? t("scope_all") : r.title();
        String titleKey = switch (kind) { case DAILY -> "title_daily"; case WEEKLY -> "title_weekly"; case RANGE -> "title_range"; };
        sb.append(t(titleKey, "scope", scope, "period", r.period().label())).append("\n\n");
        List<String> anomalies = anomalies(r);
        if (anomalies.isEmpty()) {
            sb.append(t("calm")).append("\n");
        } else {
            sb.append(t("attention")).append("\n");
            for (String a : anomalies) sb.append(a).append("\n");
        }
        List<Report.Person> reach = new ArrayList<>(r.atRisk());
        for (Report.Person p : r.silentCore()) if (reach.stream().noneMatch(x -> x.memberId().equals(p.memberId()))) reach.add(p);
        if (!reach.isEmpty()) sb.append(t("reach_out", "names", names(r, reach, false))).append("\n");
        if (!r.top().isEmpty()) sb.append(t("thank", "names", names(r, r.top(), true))).append("\n");
        sb.append("\n").append(t("numbers")).append("\n");
        Report.Numbers n = r.now();
        Report.Numbers b = r.before();
        sb.append(t("n_members", "start", n.membersStart(), "end", n.membersEnd(), "net", signed(n.net()), "rate", pct(n.growthRate()),
                "joins", n.joins(), "invited", n.joinsInvited(), "leaves", n.leaves(), "removals", n.removals())).append("\n");
        if (n.joinRequests() + n.joinsApproved() + n.joinsDeclined() > 0) {
            sb.append(t("n_requests", "requests", n.joinRequests(), "approved", n.joinsApproved(), "declined", n.joinsDeclined())).append("\n");
        }
        sb.append(t("n_messages", "messages", n.messages(), "change", change(n.messages(), b.messages()), "replies", n.replies(),
                "active", n.active(), "rate", pct(n.activeRate()), "per", String.format(Locale.ROOT, "%.1f", n.perActive()))).append("\n");
        int hour = n.busiestHour();
        if (hour >= 0) sb.append(t("n_hours", "hour", two(hour), "next", two((hour + 1) % 24))).append("\n");
        sb.append(t("n_newcomers", "newcomers", n.newcomers(), "activation", pct(n.activation()), "retention",
                n.lastWeekNewcomers() == 0 ? "-" : n.retained() + "/" + n.lastWeekNewcomers())).append("\n");
        if (!r.tiers().isEmpty()) {
            sb.append(t("n_tiers", "tiers", r.tiers().entrySet().stream().map(e -> t("tier." + e.getKey()) + " " + e.getValue())
                    .collect(Collectors.joining(" · ")))).append("\n");
        }
        Report.Tallies tl = r.tallies();
        if (tl.checkins() + tl.quizRounds() + tl.lotteryEntries() + tl.pollVotes() + tl.highlights() > 0) {
            sb.append(t("n_engagement", "checkins", tl.checkins(), "rounds", tl.quizRounds(), "participants", tl.quizParticipants(),
                    "lottery", tl.lotteryEntries(), "votes", tl.pollVotes(), "highlights", tl.highlights())).append("\n");
        }
        if (tl.questionsAsked() + tl.questionsAnswered() > 0) {
            sb.append(t("n_questions", "asked", tl.questionsAsked(), "answered", tl.questionsAnswered(),
                    "median", tl.medianAnswerSeconds() == null ? "-" : waited(tl.medianAnswerSeconds()))).append("\n");
        }
        if (!tl.feedback().isEmpty()) {
            sb.append(t("n_feedback", "n", tl.feedback().size(), "texts", tl.feedback().stream().limit(5).map(s -> "「" + clip(s) + "」")
                    .collect(Collectors.joining(" ")))).append("\n");
        }
        if (tl.moderationActions() + tl.memberReports() + tl.verifyPassed() + tl.verifyFailed() + tl.verifyTimedOut() > 0) {
            sb.append(t("n_moderation", "n", tl.moderationActions(), "kinds", counts(tl.moderationByKind()), "reports", tl.memberReports(),
                    "passed", tl.verifyPassed(), "failed", tl.verifyFailed(), "timedout", tl.verifyTimedOut())).append("\n");
        }
        if (!tl.calendarPosts().isEmpty()) {
            sb.append(t("n_calendar", "posts", tl.calendarPosts().stream().limit(5)
                    .map(p -> t("n_calendar_post", "entry", p.entry(), "persona", p.persona(), "n", p.messagesWithinHour()))
                    .collect(Collectors.joining("; ")))).append("\n");
        }
        if (!r.targets().isEmpty()) {
            sb.append(t("n_targets", "targets", r.targets().stream().map(x -> t("n_target", "scope", x.scope(), "metric",
                    t("metric_" + x.metric()), "current", num(x.current()), "target", num(x.target()))).collect(Collectors.joining(" · ")))).append("\n");
        }
        if (r.groups().size() > 1) {
            for (Report.GroupLine g : r.groups()) {
                sb.append(t("n_group", "title", g.title(), "members", g.members(), "messages", g.messages(),
                        "change", change(g.messages(), g.messagesBefore()), "active", g.active())).append("\n");
            }
        }
        return sb.toString().stripTrailing();
    }

    private String change(long now, long before) {
        if (before == 0) return now == 0 ? t("change_same") : t("change_new");
        long pct = Math.round(100.0 * (now - before) / before);
        return pct == 0 ? t("change_same") : (pct > 0 ? "+" : "") + pct + "%";
    }

    /** "@name", with the message count when {@code withCounts}, and the group when the report spans several. */
    private static String names(Report r, List<Report.Person> people, boolean withCounts) {
        boolean groups = r.groups().size() > 1;
        return people.stream().map(p -> "@" + p.name() + (withCounts || groups ? "（" + (groups ? p.group() : "")
                + (withCounts && groups ? " " : "") + (withCounts ? p.messages() : "") + "）" : "")).collect(Collectors.joining(" "));
    }

    private String counts(Map<String, Long> m) {
        return m.entrySet().stream().map(e -> t("tier." + e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    static String pct(double v) { return String.format(Locale.ROOT, "%.1f%%", v); }
    private static String signed(long v) { return v > 0 ? "+" + v : Long.toString(v); }
    private static String two(int h) { return h < 10 ? "0" + h : Integer.toString(h); }
    private static String num(double v) { return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v); }
    /** A wait in words: seconds under a minute, else whole minutes ("45 秒", "17 分钟"). */
    private String waited(long seconds) { return seconds < 60 ? t("seconds", "n", seconds) : t("minutes", "n", Math.round(seconds / 60.0)); }
    private static String clip(String s) { return s.length() <= 40 ? s : s.substring(0, 39) + "…"; }
}
