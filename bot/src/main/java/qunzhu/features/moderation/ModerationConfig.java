package qunzhu.features.moderation;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import qunzhu.config.ConfigNode;
import qunzhu.config.GroupSection;
import qunzhu.config.Strategy;
import qunzhu.text.Normalizer;

/**
 * {@code moderation:} of a group or profile. Every key is optional: an unset key (null here)
 * takes the group strategy's preset (see {@link Presets}), so {@link #effective} is what the
 * filters use. The same record holds both the overrides and the resolved policy.
 */
public record ModerationConfig(
        Boolean enabled,
        Verdict.Kind ads, Verdict.Kind links, List<String> allow, Verdict.Kind invites, Verdict.Kind forwards,
        Integer floodMessages, Duration floodWindow, Verdict.Kind flood,
        Integer waveCount, Duration waveWindow, Integer waveMinLength, Verdict.Kind wave,
        Duration muteLength, List<Rule> blocklist, List<String> trusted,
        Duration warnExpire, List<Step> warnSteps,
        Integer raidJoins, Duration raidWindow, Duration raidLength, String raidMode,
        Boolean shareBans, LocalTime nightFrom, LocalTime nightTo,
        Boolean vote, Integer voteQuorum, Duration voteWindow, Duration voteMute) {

    /** A warning threshold: at {@code count} active warnings, do {@code action}. */
    public record Step(int count, Verdict.Kind action, Duration length) {}

    public ModerationConfig {
        allow = allow == null ? null : List.copyOf(allow);
        blocklist = blocklist == null ? null : List.copyOf(blocklist);
        trusted = trusted == null ? null : List.copyOf(trusted);
        warnSteps = warnSteps == null ? null : List.copyOf(warnSteps);
    }

    /** This group's policy: its own keys over the strategy's preset. */
    public ModerationConfig effective(Strategy strategy) { return Presets.resolve(strategy, this); }

    public boolean nightMode() { return nightFrom != null && nightTo != null; }

    public static final GroupSection<ModerationConfig> SECTION = new GroupSection<>() {
        @Override public String key() { return "moderation"; }
        @Override public Class<ModerationConfig> type() { return ModerationConfig.class; }
        @Override public ModerationConfig parse(ConfigNode n) { return ModerationConfig.parse(n); }
    };

    static ModerationConfig parse(ConfigNode n) {
        Boolean enabled = n.has("enabled") ? n.bool("enabled", true) : null;
        Verdict.Kind ads = kind(n, "ads");
        ConfigNode links = n.section("links");
        Verdict.Kind linkAction = kind(links, "action");
        List<String> allow = links.has("allow") ? links.strings("allow") : null;
        links.done();
        Verdict.Kind invites = kind(n, "invites");
        Verdict.Kind forwards = kind(n, "forwards");
        ConfigNode flood = n.section("flood");
        Integer floodMessages = flood.has("messages") ? flood.integer("messages", 8, 2, 1000) : null;
        Duration floodWindow = flood.duration("window", null);
        Verdict.Kind floodAction = kind(flood, "action");
        flood.done();
        ConfigNode wave = n.section("spam_wave");
        Integer waveCount = wave.has("members") ? wave.integer("members", 3, 2, 1000) : null;
        Duration waveWindow = wave.duration("window", null);
        Integer minLength = wave.has("min_length") ? wave.integer("min_length", 8, 1, 10_000) : null;
        Verdict.Kind waveAction = kind(wave, "action");
        wave.done();
        Duration muteLength = n.duration("mute_length", null);
        List<Rule> blocklist = n.has("blocklist") ? rules(n) : null;
        List<String> trusted = n.has("trusted") ? n.strings("trusted") : null;
        ConfigNode warn = n.section("warnings");
        Duration expire = warn.duration("expire", null);
        List<Step> steps = warn.has("thresholds") ? steps(warn) : null;
        warn.done();
        ConfigNode raid = n.section("raid");
        Integer joins = raid.has("joins") ? raid.integer("joins", 20, 2, 100_000) : null;
        Duration raidWindow = raid.duration("window", null);
        Duration raidLength = raid.duration("length", null);
        String raidMode = raid.choice("newcomers", null, List.of("kick", "mute"));
        raid.done();
        Boolean share = n.has("share_bans") ? n.bool("share_bans", false) : null;
        ConfigNode night = n.section("night");
        LocalTime from = time(night, "from");
        LocalTime to = time(night, "to");
        if ((from == null) != (to == null)) night.error("night mode needs both from and to, like from: \"23:00\", to: \"07:00\"");
        night.done();
        ConfigNode vote = n.section("vote_mute");
        Boolean voteOn = vote.has("enabled") ? vote.bool("enabled", false) : null;
        Integer quorum = vote.has("quorum") ? vote.integer("quorum", 3, 2, 1000) : null;
        Duration voteWindow = vote.duration("window", null);
        Duration voteMute = vote.duration("mute", null);
        vote.done();
        n.done();
        return new ModerationConfig(enabled, ads, linkAction, allow, invites, forwards, floodMessages, floodWindow, floodAction,
                waveCount, waveWindow, minLength, waveAction, muteLength, blocklist, trusted, expire, steps,
                joins, raidWindow, raidLength, raidMode, share, from, to, voteOn, quorum, voteWindow, voteMute);
    }

    private static Verdict.Kind kind(ConfigNode n, String key) {
        String v = n.choice(key, null, Verdict.Kind.keys());
        return v == null ? null : Verdict.Kind.of(v);
    }

    private static LocalTime time(ConfigNode n, String key) {
        String v = n.string(key, null);
        if (v == null) return null;
        try {
            return LocalTime.parse(v.length() == 4 ? "0" + v : v);
        } catch (DateTimeParseException e) {
            n.child(key).error("expected a time like 23:00, got \"" + v + "\"");
            return null;
        }
    }

    private static List<Rule> rules(ConfigNode n) {
        List<Rule> out = new ArrayList<>();
        for (ConfigNode item : n.items("blocklist")) {
            if (!item.isMapping()) { item.error("expected a rule like {name: ads, keywords: [...], action: delete}"); continue; }
            String name = item.required("name");
            List<String> keywords = item.strings("keywords").stream().map(Normalizer::forMatching).toList();
            String regex = item.string("regex", null);
            Verdict.Kind action = kind(item, "action");
            Duration length = item.duration("duration", null);
            java.util.regex.Pattern pattern = null;
            if (regex != null) {
                try {
                    pattern = Rule.compile(regex);
                } catch (PatternSyntaxException e) {
                    item.child("regex").error("invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
                }
            }
            if (keywords.isEmpty() && regex == null) item.error("a rule needs keywords or a regex");
            item.done();
            if (name != null) out.add(new Rule(name, keywords, pattern, action == null ? Verdict.Kind.DELETE : action, length));
        }
        return out;
    }

    private static List<Step> steps(ConfigNode warn) {
        List<Step> out = new ArrayList<>();
        for (ConfigNode item : warn.items("thresholds")) {
            if (!item.isMapping()) { item.error("expected {count: 3, action: mute, duration: 1d}"); continue; }
            int count = item.integer("count", 3, 1, 1000);
            Verdict.Kind action = kind(item, "action");
            Duration length = item.duration("duration", null);
            item.done();
            out.add(new Step(count, action == null ? Verdict.Kind.MUTE : action, length));
        }
        out.sort(java.util.Comparator.comparingInt(Step::count));
        return out;
    }
}
