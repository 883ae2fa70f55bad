package qunzhu.features.calendar;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import qunzhu.config.BotSection;
import qunzhu.config.ConfigLoader;
import qunzhu.config.ConfigNode;
import qunzhu.config.GroupConfig;
import qunzhu.core.PersonaRole;

/**
 * {@code calendar:}, the content calendar (群SOP), in its own file (config/calendar.yml):
 * {@code late_after} (default 10m: a run made later than this after its time counts as missed)
 * and {@code entries}, a list of entries, each with {@code id}, {@code schedule}, {@code targets},
 * {@code persona} (default host), {@code missed: skip|late} (default skip), optional
 * {@code first_run: at_start}, and exactly one of {@code text} (with optional {@code image}),
 * {@code pool} (with optional {@code order: shuffled|sequential}) or {@code trigger} (with
 * optional {@code argument}). Files are relative to the config directory.
 */
record CalendarConfig(Duration lateAfter, Map<String, Entry> entries) {
    static final CalendarConfig EMPTY = new CalendarConfig(Duration.ofMinutes(10), Map.of());
    /** The triggers other features answer (Event.Triggered names). */
    static final List<String> TRIGGERS = List.of("quiz", "lottery", "poll", "rules", "recap", "digest");

    CalendarConfig { entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries)); }

    static final BotSection<CalendarConfig> SECTION = new BotSection<>() {
        @Override public String key() { return "calendar"; }
        @Override public Class<CalendarConfig> type() { return CalendarConfig.class; }
        @Override public CalendarConfig parse(ConfigNode n, Known known) { return CalendarConfig.parse(n, known); }
    };

    static CalendarConfig parse(ConfigNode n, BotSection.Known known) {
        Duration lateAfter = n.duration("late_after", EMPTY.lateAfter());
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (ConfigNode e : n.items("entries")) {
            if (!e.isMapping()) { e.error("expected an entry (id, schedule, targets, and text, pool or trigger)"); continue; }
            Entry entry = entry(e, known);
            if (entry == null) continue;
            if (entries.containsKey(entry.id())) e.child("id").error("entry id \"" + entry.id() + "\" is used twice");
            else entries.put(entry.id(), entry);
        }
        n.done();
        return new CalendarConfig(lateAfter, entries);
    }

    private static Entry entry(ConfigNode e, BotSection.Known known) {
        String id = e.required("id");
        if (id != null && !id.matches("[A-Za-z0-9_-]{1,40}")) { e.child("id").error("an entry id is 1-40 letters, digits, _ or -, got \"" + id + "\""); id = null; }
        Schedule schedule = null;
        String raw = e.required("schedule");
        if (raw != null) {
            try {
                schedule = Schedule.parse(raw);
            } catch (IllegalArgumentException x) {
                e.child("schedule").error(x.getMessage());
            }
        }
        Entry.Target target = target(e, known);
        String personaName = e.string("persona", PersonaRole.HOST.name());
        PersonaRole persona = null;
        try {
            persona = PersonaRole.of(personaName);
            if (!known.personas().isEmpty() && !known.personas().contains(personaName)) {
                e.child("persona").warn("no persona \"" + personaName + "\" under personas: (defined: " + String.join(", ", known.personas())
                        + "); the host speaks instead");
            }
        } catch (IllegalArgumentException x) {
            e.child("persona").error(x.getMessage());
        }
        Entry.Missed missed = "late".equals(e.choice("missed", "skip", List.of("skip", "late"))) ? Entry.Missed.LATE : Entry.Missed.SKIP;
        boolean atStart = "at_start".equals(e.choice("first_run", "schedule", List.of("schedule", "at_start")));
        Entry.Content content = content(e, known);
        e.done();
        if (id == null || schedule == null || target == null || persona == null || content == null) return null;
        return new Entry(id, schedule, target, persona, content, missed, atStart);
    }

    private static Entry.Target target(ConfigNode e, BotSection.Known known) {
        ConfigNode t = e.child("targets");
        if (t == null) { e.error("missing required key \"targets\" (profile, category, stage, or groups: [...])"); return null; }
        if (!t.isMapping()) { t.error("expected targets like {profile: interest}, {category: learning}, {stage: new} or {groups: [tech, family]}"); return null; }
        String profile = t.string("profile", null);
        String category = t.choice("category", null, GroupConfig.CATEGORIES);
        String stage = t.choice("stage", null, GroupConfig.STAGES);
        List<String> groups = t.strings("groups");
        t.done();
        boolean ok = true;
        if (profile != null && !known.profiles().contains(profile)) {
            t.child("profile").error("unknown profile \"" + profile + "\" (defined: " + String.join(", ", known.profiles()) + ")");
            ok = false;
        }
        for (String g : groups) {
            if (!known.groups().containsKey(g)) {
                t.child("groups").error("unknown group \"" + g + "\" (configured: " + String.join(", ", known.groups().keySet()) + ")");
                ok = false;
            }
        }
        if (!groups.isEmpty() && (profile != null || category != null || stage != null)) {
            t.error("either list groups or select them by profile, category and stage, not both");
            ok = false;
        }
        if (groups.isEmpty() && profile == null && category == null && stage == null) {
            t.error("expected profile, category, stage or groups");
            ok = false;
        }
        if (!ok) return null;
        Entry.Target target = new Entry.Target(profile, category, stage, groups);
        if (target.resolve(known.groups()).isEmpty()) { t.error("these targets match no configured group"); return null; }
        return target;
    }

    private static Entry.Content content(ConfigNode e, BotSection.Known known) {
        List<String> given = new ArrayList<>();
        for (String k : List.of("text", "pool", "trigger")) if (e.has(k)) given.add(k);
        if (given.size() != 1) {
            e.error(given.isEmpty() ? "expected what to post: text, pool or trigger" : "give one of text, pool or trigger, not " + String.join(" and ", given));
            for (String k : List.of("text", "image", "pool", "order", "trigger", "argument")) e.child(k);
            return null;
        }
        switch (given.get(0)) {
            case "text": {
                String text = e.required("text");
                Path image = image(e, "image", known.dir());
                for (String k : List.of("order", "argument", "pool", "trigger")) unexpected(e, k, "text");
                return text == null ? null : new Entry.Content.Text(text, image);
            }
            case "pool": {
                Pool.Order order = "sequential".equals(e.choice("order", "shuffled", List.of("shuffled", "sequential")))
                        ? Pool.Order.SEQUENTIAL : Pool.Order.SHUFFLED;
                for (String k : List.of("image", "argument")) unexpected(e, k, "pool");
                ConfigNode p = e.child("pool");
                Map<String, Pool> byLocale = new LinkedHashMap<>();
                if (p.isScalar()) {
                    Pool pool = pool(p, p.text(), known.dir(), order);
                    if (pool != null) byLocale.put("*", pool);
                } else if (p.isMapping()) {
                    p.entries().forEach((locale, file) -> {
                        if (!ConfigLoader.LOCALES.contains(locale)) { file.error("unknown locale \"" + locale + "\" (expected one of: " + String.join(", ", ConfigLoader.LOCALES) + ")"); return; }
                        Pool pool = file.isScalar() ? pool(file, file.text(), known.dir(), order) : null;
                        if (!file.isScalar()) file.error("expected the pool file of this locale, like pools/tips.en.yml");
                        if (pool != null) byLocale.put(locale, pool);
                    });
                } else {
                    p.error("expected a pool file (pools/tips.zh-CN.yml) or one per locale ({zh-CN: ..., en: ...})");
                }
                return byLocale.isEmpty() ? null : new Entry.Content.FromPool(byLocale);
            }
            default: {
                String name = e.choice("trigger", null, TRIGGERS);
                String argument = e.string("argument", null);
                for (String k : List.of("image", "order", "text", "pool")) unexpected(e, k, "trigger");
                return name == null ? null : new Entry.Content.Trigger(name, argument);
            }
        }
    }

    private static void unexpected(ConfigNode e, String key, String with) {
        if (e.has(key)) e.child(key).error("\"" + key + "\" does not go with " + with);
    }

    private static Path image(ConfigNode e, String key, Path dir) {
        String f = e.string(key, null);
        if (f == null) return null;
        Path p = dir.resolve(f).normalize();
        if (!Files.isRegularFile(p)) { e.child(key).error("no image file " + p); return null; }
        return p;
    }

    /** Reads a pool file: YAML ({@code posts:} a list of texts or {text, image}) or Markdown (posts between lines of ---). */
    private static Pool pool(ConfigNode at, String name, Path dir, Pool.Order order) {
        if (name == null || name.isBlank()) { at.error("expected a pool file like pools/tips.zh-CN.yml"); return null; }
        Path file = dir.resolve(name).normalize();
        if (!Files.isRegularFile(file)) { at.error("no pool file " + file); return null; }
        List<Pool.Post> posts = new ArrayList<>();
        String fn = file.getFileName().toString();
        if (fn.endsWith(".md") || fn.endsWith(".markdown")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException x) {
                at.error("cannot read " + file + ": " + x.getMessage());
                return null;
            }
            StringBuilder b = new StringBuilder();
            for (int i = 0; i <= lines.size(); i++) {
                boolean end = i == lines.size() || lines.get(i).strip().equals("---");
                if (!end) { b.append(lines.get(i)).append('\n'); continue; }
                String text = b.toString().strip();
                if (!text.isEmpty()) posts.add(new Pool.Post(text, null));
                b.setLength(0);
            }
        } else if (fn.endsWith(".yml") || fn.endsWith(".yaml")) {
            ConfigNode root = at.readFile(file);
            if (root == null) return null;
            if (!root.isMapping()) { at.errorIn(file.toString(), root.line(), "expected posts: followed by a list of posts"); return null; }
            for (ConfigNode item : root.items("posts")) {
                if (item.isScalar()) {
                    String t = item.text();
                    if (t == null || t.isBlank()) item.error("a post must not be empty");
                    else posts.add(new Pool.Post(t.strip(), null));
                } else if (item.isMapping()) {
                    String t = item.required("text");
                    Path image = image(item, "image", dir);
                    item.done();
                    if (t != null) posts.add(new Pool.Post(t.strip(), image));
                } else {
                    item.error("expected a post: a text, or {text: ..., image: ...}");
                }
            }
            root.done();
        } else {
            at.error("a pool is a .yml or .md file, got " + fn);
            return null;
        }
        if (posts.isEmpty()) { at.error("pool " + file + " has no posts"); return null; }
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Pool.Post p : posts) {
            if (!keys.add(p.key())) { at.error("pool " + file + " has the same post twice: \"" + abbreviate(p.text()) + "\""); return null; }
        }
        return new Pool(file, posts, order);
    }

    static String abbreviate(String s) {
        String one = s.replace('\n', ' ').strip();
        return one.length() <= 40 ? one : one.substring(0, 39) + "…";
    }
}
