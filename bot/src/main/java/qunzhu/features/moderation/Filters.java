package qunzhu.features.moderation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.text.Links;
import qunzhu.text.Normalizer;

/**
 * The one filter engine: the live pipeline and the backtest both call {@link #check}. It is
 * given a message that is not exempt (moderators and our own accounts never get here) and
 * the group's effective policy, and answers the most severe verdict, or null.
 *
 * <p>Nothing a member types can make it slow: the text is normalised once, in linear time and
 * to at most {@link Normalizer#JUDGED_CHARS} characters; links are found by a linear scanner,
 * the shipped patterns are linear, and configured regexes run under a budget of reads per
 * message (see {@link JudgedText}).
 */
final class Filters {
    private static final Logger log = LoggerFactory.getLogger(Filters.class);
    private static final java.util.regex.Pattern COMMAND = java.util.regex.Pattern.compile("/[a-z0-9_]+(@\\S+)?(\\s.*)?");

    /** A message as the filters see it. {@code chat} is "platform:id". */
    record Message(String chat, String memberId, String messageId, String text, Instant at,
                   boolean forwarded, boolean media, boolean fromChannel, boolean trusted) {}

    /** What the chat itself adds: filters and locks set by commands, and allowlisted false positives. */
    interface Extras {
        List<Rule> rules();
        Set<String> locks();
        boolean allowedText(String normalised);
        boolean allowedRuleMember(String rule, String memberId);

        Extras NONE = new Extras() {
            @Override public List<Rule> rules() { return List.of(); }
            @Override public Set<String> locks() { return Set.of(); }
            @Override public boolean allowedText(String n) { return false; }
            @Override public boolean allowedRuleMember(String r, String m) { return false; }
        };
    }

    /** The verdict, the normalised text, and the messages of the same incident (ad wave or flood burst) to remove, this one included. */
    record Decision(Verdict verdict, String normalised, List<Windows.Seen> incident) {}

    private final Windows windows;
    private final ZoneId zone;
    private final Rule adsTemplate = AdPatterns.rule(Verdict.Kind.DELETE, null);
    /** The shipped ad phrases (report 0) and the words an ad handle follows ({@link AdPatterns#HANDLE_WORDS}, report 1) in one automaton. */
    private final Keywords adWords = Keywords.ofWords(List.of(adsTemplate.keywords(), AdPatterns.HANDLE_WORDS));
    private final BudgetLog budgetLog = new BudgetLog(log);

    Filters(Windows windows, ZoneId zone) {
        this.windows = windows;
        this.zone = zone;
    }

    /**
     * What the windows made of a message when it was first seen (they record it then, once,
     * whoever judges it afterwards): its judged text, the flood burst it completed (null when
     * none) and the sightings of its text in an ad wave (empty when not counted).
     */
    record Observed(JudgedText judged, List<Windows.Seen> burst, List<Windows.Seen> wave) {
        /** The same facts with fresh regex budgets, for judging the message again. */
        Observed again() { return new Observed(judged.withOwnBudget(), burst, wave); }
    }

    /** {@link #observe} then {@link #judge}: the most severe verdict, or null. */
    Decision check(Message m, ModerationConfig p, Extras extras) {
        Observed o = observe(m, p);
        return o == null ? null : judge(m, o, p, extras);
    }

    /**
     * Records the message in the flood and ad-wave windows (once per message: judging it again
     * uses these facts, it does not count the message again). Null when moderation is off.
     * Touches no store: safe on any thread (the windows are).
     */
    Observed observe(Message m, ModerationConfig p) {
        if (!p.enabled()) return null;
        JudgedText judged = JudgedText.of(m.text(), (rule, chars, gaveUp) -> budgetLog.spent(m, rule.name(), chars, gaveUp));
        String text = judged.text();
        ModerationConfig.Flood flood = p.flood();
        List<Windows.Seen> burst = null;
        if (!m.trusted() && on(flood.action())) {
            String key = m.chat() + "|" + m.memberId();
            burst = windows.floodBurst(key, new Windows.Seen(m.chat(), m.memberId(), m.messageId(), m.at().toEpochMilli()),
                    flood.messages(), flood.window());
        }
        List<Windows.Seen> wave = List.of();
        ModerationConfig.SpamWave spamWave = p.wave();
        boolean chain = on(spamWave.action()) && chain(m);
        if (on(spamWave.action()) && !chain && !command(text) && text.codePointCount(0, text.length()) >= spamWave.minLength()) {
            wave = windows.wave(text, new Windows.Seen(m.chat(), m.memberId(), m.messageId(), m.at().toEpochMilli()), spamWave.window());
        }
        return new Observed(judged, burst, wave);
    }

    /**
     * The verdict on an observed message under the policy and the chat's extras as they are now.
     * Reads the extras (the chat's state) and nothing else that changes.
     */
    Decision judge(Message m, Observed o, ModerationConfig p, Extras extras) {
        if (!p.enabled()) return null;
        JudgedText judged = o.judged();
        String text = judged.text();
        List<Verdict> hits = new ArrayList<>();
        if (p.night().on() && night(m.at(), p.night().from(), p.night().to())) hits.add(new Verdict(ModerationConfig.NIGHT, Verdict.Kind.DELETE, null));
        Set<String> locks = extras.locks();
        if (locks.contains("links") && mayHoldLink(text) && Links.hasLink(text)) hits.add(new Verdict("lock_links", Verdict.Kind.DELETE, null));
        if (locks.contains("media") && m.media()) hits.add(new Verdict("lock_media", Verdict.Kind.DELETE, null));
        if (locks.contains("forwards") && (m.forwarded() || m.fromChannel())) hits.add(new Verdict("lock_forwards", Verdict.Kind.DELETE, null));

        List<Windows.Seen> burst = List.of();
        if (o.burst() != null && !m.trusted() && on(p.flood().action())) {
            hits.add(verdict(ModerationConfig.FLOOD, p.flood().action(), p));
            burst = o.burst();
        }
        List<Windows.Seen> wave = List.of();
        ModerationConfig.SpamWave spamWave = p.wave();
        List<Windows.Seen> seen = o.wave();
        if (on(spamWave.action()) && !seen.isEmpty() && seen.size() >= spamWave.members() && wave(seen, spamWave.members())) {
            hits.add(verdict(ModerationConfig.SPAM_WAVE, spamWave.action(), p));
            wave = seen;
        }
        if (!text.isEmpty() && !extras.allowedText(text)) {
            RuleSet.of(p.blocklist()).judge(judged, r -> hits.add(hit(r, p)));
            RuleSet.of(extras.rules()).judge(judged, r -> hits.add(hit(r, p)));
            if (on(p.ads())) {
                boolean[] found = new boolean[2];
                adWords.find(text, found);
                if (found[0] || (found[1] && judged.withOwnBudget().regexMatches(adsTemplate, null))) {
                    hits.add(verdict(ModerationConfig.ADS, p.ads(), p));
                }
            }
            if (on(p.invites()) && Links.hasInvite(text)) hits.add(verdict(ModerationConfig.INVITES, p.invites(), p));
            if (!m.trusted() && on(p.links().action()) && mayHoldLink(text)) {
                for (String link : Links.find(text)) {
                    if (!Links.allowed(link, p.links().allow())) { hits.add(verdict(ModerationConfig.LINKS, p.links().action(), p)); break; }
                }
            }
        }
        if (on(p.forwards()) && m.fromChannel()) hits.add(verdict(ModerationConfig.FORWARDS, p.forwards(), p));

        Verdict worst = null;
        for (Verdict v : hits) if (!extras.allowedRuleMember(v.rule(), m.memberId())) worst = Verdict.worse(worst, v);
        if (worst == null) return null;
        List<Windows.Seen> incident = worst.rule().equals(ModerationConfig.SPAM_WAVE) ? wave
                : worst.rule().equals(ModerationConfig.FLOOD) ? burst : List.of();
        return new Decision(worst, text, incident);
    }

    /**
     * A 接龙 (see {@link Chains}): opened with "接龙", or a numbered list growing by a line. Every
     * numbered list is remembered, so the next one can be seen to extend it.
     */
    private boolean chain(Message m) {
        if (m.text() == null || m.text().isEmpty()) return false;
        boolean grows = windows.extendsList(m.chat(), Chains.items(m.text()));
        return grows || Chains.opens(m.text());
    }

    /** A short bot command ("/votemute", "/report spam"): many members send the same one legitimately. */
    private static boolean command(String text) {
        return text.length() <= 64 && text.startsWith("/") && COMMAND.matcher(text).matches();
    }

    /** True when at least {@code members} members, or as many chats, sent the sightings of a text. */
    private static boolean wave(List<Windows.Seen> seen, int members) {
        Set<String> who = new HashSet<>();
        Set<String> chats = new HashSet<>();
        for (Windows.Seen s : seen) { who.add(s.member()); chats.add(s.chat()); }
        return who.size() >= members || chats.size() >= members;
    }

    /**
     * False when {@link Links} can find no link in {@code text}: a scheme URL holds ":" or "www.",
     * a domain a dot.
     */
    private static boolean mayHoldLink(String text) {
        return text.indexOf('.') >= 0 || text.indexOf(':') >= 0;
    }

    /** A built-in filter's verdict, named by its config key. */
    private static Verdict verdict(String key, Verdict.Kind kind, ModerationConfig p) { return new Verdict(key, kind, length(kind, null, p)); }

    /** A rule's own duration; else mutes last {@code mute_length} and bans are for good. */
    private static Duration length(Verdict.Kind kind, Duration explicit, ModerationConfig p) {
        if (explicit != null) return explicit;
        return kind == Verdict.Kind.MUTE ? p.muteLength() : null;
    }

    private static boolean on(Verdict.Kind k) { return k != null && k != Verdict.Kind.OFF; }

    private static Verdict hit(Rule r, ModerationConfig p) { return new Verdict(r.name(), r.action(), length(r.action(), r.length(), p)); }


    /** True when {@code at} falls in the nightly window [from, to), which may wrap past midnight. */
    boolean night(Instant at, LocalTime from, LocalTime to) {
        LocalTime t = at.atZone(zone).toLocalTime();
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }
}
