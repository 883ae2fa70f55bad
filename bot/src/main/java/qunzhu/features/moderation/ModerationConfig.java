package qunzhu.features.moderation;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;
import qunzhu.config.ConfigNode;
import qunzhu.config.GroupSection;
import qunzhu.config.Strategy;
import qunzhu.text.Normalizer;

/**
 * The moderation policy of one group: its strategy's preset ({@link Presets}) with the keys of
 * the group's {@code moderation:} section (and its profile's) read over it. It is resolved once,
 * when the config loads, and the filters read it as it is; nothing in it is null except where
 * a concern says so. Build one with {@link #builder()}.
 *
 * <p>Each concern is its own record, parsed by {@code read(node, base)}: the keys set under the
 * concern's key replace the base's values, the rest stay.
 */
public record ModerationConfig(boolean enabled, Verdict.Kind ads, Links links, Verdict.Kind invites, Verdict.Kind forwards,
                               Flood flood, SpamWave wave, Duration muteLength, List<Rule> blocklist, Set<String> trusted,
                               Warnings warnings, RaidWatch raid, boolean shareBans, Night night, Voting vote, Notices notices) {
    /*
     * The config keys. A built-in filter's verdict (and so its case file's rule) is named by
     * its key, so what a case says is what an operator writes in the config.
     */
    static final String ADS = "ads";
    static final String LINKS = "links";
    static final String INVITES = "invites";
    static final String FORWARDS = "forwards";
    static final String FLOOD = "flood";
    static final String SPAM_WAVE = "spam_wave";
    static final String NIGHT = "night";
    static final String WARNINGS = "warnings";
    static final String RAID = "raid";
    static final String VOTE_MUTE = "vote_mute";
    static final String NOTICES = "notices";

    public ModerationConfig {
        links = java.util.Objects.requireNonNull(links, "links");
        blocklist = RuleSet.of(blocklist);
        trusted = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(trusted));
    }

    /** {@code links:}: what to do with links outside {@code allow} (domains). */
    public record Links(Verdict.Kind action, List<String> allow) {
        public Links { allow = List.copyOf(allow); }

        /** The action over {@code base}; listed domains are added to the base's. */
        static Links read(ConfigNode n, Links base) {
            Verdict.Kind action = kind(n, "action", base.action());
            List<String> allow = base.allow();
            if (n.has("allow")) {
                List<String> more = new ArrayList<>(allow);
                more.addAll(n.strings("allow"));
                allow = more;
            }
            n.done();
            return new Links(action, allow);
        }
    }

    /** {@code flood:}: {@code messages} from one member within {@code window} get {@code action}. */
    public record Flood(int messages, Duration window, Verdict.Kind action) {
        static Flood read(ConfigNode n, Flood base) {
            Flood f = new Flood(n.integer("messages", base.messages(), 2, 1000), n.duration("window", base.window()),
                    kind(n, "action", base.action()));
            n.done();
            return f;
        }
    }

    /** {@code spam_wave:}: the same text of at least {@code minLength} from {@code members} members (or groups) within {@code window}. */
    public record SpamWave(int members, Duration window, int minLength, Verdict.Kind action) {
        static SpamWave read(ConfigNode n, SpamWave base) {
            int members = n.integer("members", base.members(), 2, 1000);
            Duration window = n.duration("window", base.window());
            int minLength = n.integer("min_length", base.minLength(), 1, 10_000);
            SpamWave w = new SpamWave(members, window, minLength, kind(n, "action", base.action()));
            n.done();
            return w;
        }
    }

    /** A warning threshold: at {@code count} active warnings, do {@code action} (for {@code length}; null: for good). */
    public record Step(int count, Verdict.Kind action, Duration length) {}

    /** {@code warnings:}: how long a warning counts, and the thresholds in ascending count. */
    public record Warnings(Duration expire, List<Step> steps) {
        public Warnings { steps = List.copyOf(steps); }

        /** The threshold reached exactly at {@code count}, or the highest one once past it; null for none. */
        Step at(int count) {
            Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
            for (Step s : steps) if (s.count() == count) return s;
            return last != null && count > last.count() ? last : null;
        }

        static Warnings read(ConfigNode n, Warnings base) {
            Duration expire = n.duration("expire", base.expire());
            List<Step> steps = n.has("thresholds") ? steps(n) : base.steps();
            n.done();
            return new Warnings(expire, steps);
        }

        private static List<Step> steps(ConfigNode warn) {
            List<Step> out = new ArrayList<>();
            for (ConfigNode item : warn.items("thresholds")) {
                if (!item.isMapping()) { item.error("expected {count: 3, action: mute, duration: 1d}"); continue; }
                int count = item.integer("count", 3, 1, 1000);
                Verdict.Kind action = kind(item, "action", Verdict.Kind.MUTE);
                Duration length = item.duration("duration", null);
                item.done();
                out.add(new Step(count, action, length));
            }
            out.sort(Comparator.comparingInt(Step::count));
            return out;
        }
    }

    /**
     * {@code raid:}: more than {@code joins} joins within {@code window} start raid mode for
     * {@code length}; newcomers meanwhile get {@code newcomers} (KICK or MUTE).
     */
    public record RaidWatch(int joins, Duration window, Duration length, Verdict.Kind newcomers) {
        static RaidWatch read(ConfigNode n, RaidWatch base) {
            int joins = n.integer("joins", base.joins(), 2, 100_000);
            Duration window = n.duration("window", base.window());
            Duration length = n.duration("length", base.length());
            String mode = n.choice("newcomers", null, List.of("kick", "mute"));
            n.done();
            return new RaidWatch(joins, window, length, mode == null ? base.newcomers() : Verdict.Kind.of(mode));
        }
    }

    /** {@code night:}: members' messages are deleted from {@code from} to {@code to} (bot time zone); {@link #OFF} when unset. */
    public record Night(LocalTime from, LocalTime to) {
        public static final Night OFF = new Night(null, null);

        public Night {
            if ((from == null) != (to == null)) throw new IllegalArgumentException("night mode needs both from and to");
        }

        public boolean on() { return from != null; }

        static Night read(ConfigNode n, Night base) {
            LocalTime from = time(n, "from");
            LocalTime to = time(n, "to");
            if ((from == null) != (to == null)) n.error("night mode needs both from and to, like from: \"23:00\", to: \"07:00\"");
            n.done();
            return from == null || to == null ? base : new Night(from, to);
        }
    }

    /** {@code vote_mute:}: when {@code enabled}, {@code quorum} members voting within {@code window} mute for {@code mute}. */
    public record Voting(boolean enabled, int quorum, Duration window, Duration mute) {
        static Voting read(ConfigNode n, Voting base) {
            boolean enabled = n.bool("enabled", base.enabled());
            int quorum = n.integer("quorum", base.quorum(), 2, 1000);
            Duration window = n.duration("window", base.window());
            Duration mute = n.duration("mute", base.mute());
            n.done();
            return new Voting(enabled, quorum, window, mute);
        }
    }

    /**
     * {@code notices:}: when a member's message is deleted by a rule they could not know
     * (links, invites, locks, night mode, channel forwards), the bot tells them why in a notice
     * that deletes itself after {@code deleteAfter}; at most one per member and rule within
     * {@code every}, so a spammer cannot make the bot spam. Off when not {@code enabled}.
     */
    public record Notices(boolean enabled, Duration every, Duration deleteAfter) {
        static Notices read(ConfigNode n, Notices base) {
            Notices x = new Notices(n.bool("enabled", base.enabled()), n.duration("every", base.every()),
                    n.duration("delete_after", base.deleteAfter()));
            n.done();
            return x;
        }
    }

    public static Builder builder() { return new Builder(); }

    /** A builder holding this policy's values. */
    public Builder toBuilder() {
        return new Builder().enabled(enabled).ads(ads).links(links).invites(invites).forwards(forwards).flood(flood).wave(wave)
                .muteLength(muteLength).blocklist(blocklist).trusted(trusted).warnings(warnings).raid(raid).shareBans(shareBans)
                .night(night).vote(vote).notices(notices);
    }

    /** Names every part of a policy; {@link #build} needs them all (lists default to empty, night to off). */
    public static final class Builder {
        private boolean enabled = true;
        private Verdict.Kind ads;
        private Links links;
        private Verdict.Kind invites;
        private Verdict.Kind forwards;
        private Flood flood;
        private SpamWave wave;
        private Duration muteLength;
        private List<Rule> blocklist = List.of();
        private Set<String> trusted = Set.of();
        private Warnings warnings;
        private RaidWatch raid;
        private boolean shareBans;
        private Night night = Night.OFF;
        private Voting vote;
        private Notices notices;

        private Builder() {}

        public Builder enabled(boolean v) { enabled = v; return this; }
        public Builder ads(Verdict.Kind v) { ads = v; return this; }
        public Builder links(Links v) { links = v; return this; }
        public Builder invites(Verdict.Kind v) { invites = v; return this; }
        public Builder forwards(Verdict.Kind v) { forwards = v; return this; }
        public Builder flood(Flood v) { flood = v; return this; }
        public Builder wave(SpamWave v) { wave = v; return this; }
        public Builder muteLength(Duration v) { muteLength = v; return this; }
        public Builder blocklist(List<Rule> v) { blocklist = v; return this; }
        public Builder trusted(Set<String> v) { trusted = v; return this; }
        public Builder warnings(Warnings v) { warnings = v; return this; }
        public Builder raid(RaidWatch v) { raid = v; return this; }
        public Builder shareBans(boolean v) { shareBans = v; return this; }
        public Builder night(Night v) { night = v; return this; }
        public Builder vote(Voting v) { vote = v; return this; }
        public Builder notices(Notices v) { notices = v; return this; }

        public ModerationConfig build() {
            for (Object part : new Object[] {ads, links, invites, forwards, flood, wave, muteLength, warnings, raid, night, vote, notices}) {
                if (part == null) throw new IllegalStateException("a moderation policy needs every part set");
            }
            return new ModerationConfig(enabled, ads, links, invites, forwards, flood, wave, muteLength, blocklist, trusted,
                    warnings, raid, shareBans, night, vote, notices);
        }
    }

    /** The {@code moderation:} section: each group's policy, resolved over its strategy's preset as the config loads. */
    public static final GroupSection<ModerationConfig> SECTION = new GroupSection<>() {
        @Override public String key() { return "moderation"; }
        @Override public Class<ModerationConfig> type() { return ModerationConfig.class; }
        @Override public ModerationConfig parse(ConfigNode n) { return parse(n, Strategy.LAYERED); }
        @Override public ModerationConfig parse(ConfigNode n, Strategy strategy) { return read(n, Presets.preset(strategy)); }
    };

    /** {@code n}'s keys over {@code base}; bad values are recorded as config errors. */
    static ModerationConfig read(ConfigNode n, ModerationConfig base) {
        Builder b = base.toBuilder();
        b.enabled(n.bool("enabled", base.enabled()));
        b.ads(kind(n, ADS, base.ads()));
        b.links(Links.read(n.section(LINKS), base.links()));
        b.invites(kind(n, INVITES, base.invites()));
        b.forwards(kind(n, FORWARDS, base.forwards()));
        b.flood(Flood.read(n.section(FLOOD), base.flood()));
        b.wave(SpamWave.read(n.section(SPAM_WAVE), base.wave()));
        b.muteLength(n.duration("mute_length", base.muteLength()));
        if (n.has("blocklist")) b.blocklist(n.child("blocklist").shared("moderation.blocklist", ModerationConfig::rules));
        if (n.has("trusted")) b.trusted(new LinkedHashSet<>(n.memberIds("trusted")));
        b.warnings(Warnings.read(n.section(WARNINGS), base.warnings()));
        b.raid(RaidWatch.read(n.section(RAID), base.raid()));
        b.shareBans(n.bool("share_bans", base.shareBans()));
        b.night(Night.read(n.section(NIGHT), base.night()));
        b.vote(Voting.read(n.section(VOTE_MUTE), base.vote()));
        b.notices(Notices.read(n.section(NOTICES), base.notices()));
        n.done();
        return b.build();
    }

    private static Verdict.Kind kind(ConfigNode n, String key, Verdict.Kind def) {
        String v = n.choice(key, null, Verdict.Kind.keys());
        return v == null ? def : Verdict.Kind.of(v);
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

    /** A {@code blocklist:} list, parsed once per load for all the groups (and profiles) that have the same one. */
    private static RuleSet rules(ConfigNode list) {
        List<Rule> out = new ArrayList<>();
        for (ConfigNode item : list.itemsOfSelf()) {
            if (!item.isMapping()) { item.error("expected a rule like {name: ads, keywords: [...], action: delete}"); continue; }
            String name = item.required("name");
            List<String> keywords = item.strings("keywords").stream().map(Normalizer::forMatching).toList();
            String regex = item.string("regex", null);
            Verdict.Kind action = kind(item, "action", Verdict.Kind.DELETE);
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
            if (name != null) out.add(new Rule(name, keywords, pattern, action, length));
        }
        return RuleSet.of(out);
    }
}
