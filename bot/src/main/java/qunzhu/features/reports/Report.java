package qunzhu.features.reports;

import java.util.List;
import java.util.Map;

/**
 * One report: the numbers of a scope over a period and over the period before it, the
 * engagement tallies, the people to reach out to and to thank, each group's line, the growth
 * targets' progress. Plain data: the digest text, the charts and the exports all read it.
 */
public record Report(String title, Scope scope, Period period, Numbers now, Numbers before, Tallies tallies, Tallies talliesBefore,
                     List<Person> top, List<Person> atRisk, List<Person> silentCore, Map<String, Long> tiers,
                     List<GroupLine> groups, List<Target> targets, List<DayLine> days) {

    /** The activity and membership numbers of one period. */
    public record Numbers(long membersStart, long membersEnd, long joins, long joinsInvited, long joinRequests, long joinsApproved,
                          long joinsDeclined, long leaves, long removals, long messages, long replies, long active,
                          long newcomers, long newcomersActive, long lastWeekNewcomers, long retained, long[] hours) {
        public long net() { return joins - leaves; }
        /** Net growth over the members at the start, in percent (0 when the start was empty). */
        public double growthRate() { return membersStart == 0 ? 0 : 100.0 * net() / membersStart; }
        /** Active members over the members at the end, in percent. */
        public double activeRate() { return membersEnd == 0 ? 0 : 100.0 * active / membersEnd; }
        public double perActive() { return active == 0 ? 0 : (double) messages / active; }
        public double activation() { return newcomers == 0 ? 0 : 100.0 * newcomersActive / newcomers; }
        public double retention() { return lastWeekNewcomers == 0 ? 0 : 100.0 * retained / lastWeekNewcomers; }
        /** The hour of the day with the most messages, or -1 when there were none. */
        public int busiestHour() {
            int best = -1;
            for (int h = 0; h < 24; h++) if (hours[h] > 0 && (best < 0 || hours[h] > hours[best])) best = h;
            return best;
        }
    }

    /** The engagement, content and moderation facts other features counted. */
    public record Tallies(long checkins, long quizRounds, long quizAnswers, long quizParticipants, long lotteryEntries,
                          long lotteriesDrawn, long pollVotes, List<String> feedback, long questionsAsked, long questionsAnswered,
                          long questionsFlagged, Long medianAnswerSeconds, long highlights, long invitesAccepted, long memberReports,
                          Map<String, Long> moderationByKind, Map<String, Long> moderationByRule, long verifyPassed,
                          long verifyFailed, long verifyTimedOut, List<CalendarPost> calendarPosts) {
        public long moderationActions() { return moderationByKind.values().stream().mapToLong(Long::longValue).sum(); }
        public long unanswered() { return Math.max(0, questionsAsked - questionsAnswered); }
    }

    /** A calendar post and the messages in its chat within the hour after it. */
    public record CalendarPost(String group, String entry, String persona, String at, long messagesWithinHour) {}

    /** A member and their messages in the period (or, for the silent, in the weeks before). */
    public record Person(String group, String memberId, String name, long messages) {}

    /** One group's line in a report over several groups. */
    public record GroupLine(String key, String title, long members, long joins, long leaves, long messages, long messagesBefore,
                            long active) {}

    /** A growth target and where the scope stands. {@code projected} null: no deadline to project to. */
    public record Target(String scope, String metric, double target, double current, Double projected, String by) {
        public boolean met() { return current >= target; }
        public boolean willMiss() { return !met() && projected != null && projected < target; }
    }

    /** One group's day (the CSV's rows and the charts' series). */
    public record DayLine(String day, String group, long membersEnd, long joins, long leaves, long messages, long replies, long active) {}
}
