package qunzhu.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import qunzhu.core.ChatRef;
import qunzhu.core.PersonaRole;

/**
 * Reads every {@code *.yml} directly under the config directory (examples/ below it are not
 * read) into one {@link BotConfig}. Each top-level section may live in any one file. All
 * errors are collected and thrown together as a {@link ConfigException}.
 */
public final class ConfigLoader {
    public static final List<String> SECTIONS = List.of(
            "bot", "sandbox", "accounts", "personas", "profiles", "groups", "commands", "outbox", "texts", "monitoring");
    public static final List<String> LOCALES = List.of("zh-CN", "en");

    private final Function<String, String> env;
    private final Map<String, Function<ConfigNode, Object>> platforms;
    private final List<GroupSection<?>> groupSections;
    private final Set<String> commandNames;
    private final List<BotSection<?>> botSections;

    /**
     * @param platforms per platform kind, the parser of an account's platform settings
     * @param groupSections every feature's group section parser
     * @param commandNames the names of the registered commands: what an alias may stand for
     */
    public ConfigLoader(Function<String, String> env, Map<String, Function<ConfigNode, Object>> platforms,
                        List<GroupSection<?>> groupSections, Set<String> commandNames) {
        this(env, platforms, groupSections, commandNames, List.of());
    }

    /** As above, with every feature's top-level sections ({@link BotSection}). */
    public ConfigLoader(Function<String, String> env, Map<String, Function<ConfigNode, Object>> platforms,
                        List<GroupSection<?>> groupSections, Set<String> commandNames, List<BotSection<?>> botSections) {
        this.botSections = List.copyOf(botSections);
        this.env = env;
        this.platforms = platforms;
        this.groupSections = groupSections;
        this.commandNames = Set.copyOf(commandNames);
    }

    public BotConfig load(Path dir) {
        ConfigNode.ConfigContext ctx = new ConfigNode.ConfigContext(env);
        Map<String, ConfigNode> sections = new HashMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yml") || p.getFileName().toString().endsWith(".yaml"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigError(dir.toString(), 0, "", "cannot read the config directory: " + e.getMessage())));
        }
        if (files.isEmpty()) {
            throw new ConfigException(List.of(new ConfigError(dir.toString(), 0, "", "no .yml files found")));
        }
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        Map<String, String> sectionFile = new HashMap<>();
        for (Path file : files) {
            String name = file.toString();
            Node root;
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                root = yaml.compose(r);
            } catch (MarkedYAMLException e) {
                int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
                ctx.errors.add(new ConfigError(name, line, "", "invalid YAML: " + e.getProblem()));
                continue;
            } catch (YAMLException | IOException e) {
                ctx.errors.add(new ConfigError(name, 0, "", "invalid YAML: " + e.getMessage()));
                continue;
            }
            if (root == null) continue;
            if (!(root instanceof MappingNode m)) {
                ctx.errors.add(new ConfigError(name, root.getStartMark().getLine() + 1, "", "expected top-level sections like bot:, groups:"));
                continue;
            }
            for (NodeTuple t : m.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
                int line = t.getKeyNode().getStartMark().getLine() + 1;
                if (!SECTIONS.contains(key) && botSections.stream().noneMatch(b -> b.key().equals(key))) {
                    List<String> known = new ArrayList<>(SECTIONS);
                    for (BotSection<?> b : botSections) known.add(b.key());
                    ctx.errors.add(new ConfigError(name, line, key, "unknown section (expected one of: " + String.join(", ", known) + ")"));
                } else if (sections.containsKey(key)) {
                    ctx.errors.add(new ConfigError(name, line, key, "section is already defined in " + sectionFile.get(key)));
                } else {
                    sections.put(key, new ConfigNode(t.getValueNode(), name, key, ctx, null));
                    sectionFile.put(key, name);
                }
            }
        }
        BotConfig config = build(sections, ctx, dir);
        if (!ctx.errors.isEmpty()) throw new ConfigException(List.copyOf(ctx.errors));
        return config;
    }

    /** The top-level sections of one load, each a mapping (an absent or empty one reads as all defaults). */
    private record Sections(Map<String, ConfigNode> nodes, ConfigNode empty) {
        ConfigNode get(String key) { return ConfigLoader.mapping(nodes.get(key), empty); }
        ConfigNode raw(String key) { return nodes.get(key); }
        ConfigNode mapping(ConfigNode n) { return ConfigLoader.mapping(n, empty); }
    }

    /** {@code bot:}, read before the rest: the other sections need its locale. */
    private record BotPart(ZoneId zone, String locale, Path database, boolean fullSync, Set<String> operators, ChatRef logChat) {}

    private BotConfig build(Map<String, ConfigNode> nodes, ConfigNode.ConfigContext ctx, Path dir) {
        Sections s = new Sections(nodes, new ConfigNode(null, dir.toString(), "", ctx, null));
        BotPart bot = bot(s.get("bot"));
        BotConfig.SandboxConfig sandbox = sandbox(s.get("sandbox"));
        Map<String, Persona> personas = personas(s, s.get("personas"));
        List<AccountConfig> accounts = accounts(s.raw("accounts"), personas);
        Set<String> accountIds = new HashSet<>();
        for (AccountConfig a : accounts) accountIds.add(a.id());
        Map<String, GroupConfig> groups = groups(s, bot.locale(), accountIds);
        Map<String, OutboxLimits> limits = outbox(s, s.get("outbox"));
        Map<String, String> aliases = commands(s.get("commands"));
        Map<String, Map<String, String>> texts = texts(s, s.get("texts"));
        BotConfig.Monitoring monitoring = monitoring(s.get("monitoring"));
        Map<Class<?>, Object> features = new HashMap<>();
        for (BotSection<?> b : botSections) features.put(b.type(), b.parse(s.get(b.key())));
        return new BotConfig(bot.zone(), bot.locale(), bot.database(), bot.fullSync(), bot.operators(), bot.logChat(), sandbox,
                accounts, personas, groups, limits, aliases, texts, Set.copyOf(ctx.secrets), monitoring, List.copyOf(ctx.warnings))
                .withSections(features);
    }

    private static BotPart bot(ConfigNode bot) {
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        String tz = bot.string("timezone", null);
        if (tz != null) {
            try { zone = ZoneId.of(tz); } catch (DateTimeException e) { bot.child("timezone").error("unknown time zone \"" + tz + "\" (use a name like Asia/Shanghai)"); }
        }
        String locale = bot.choice("locale", "zh-CN", LOCALES);
        Path database = Path.of(bot.string("database", "data/qunzhu.db"));
        boolean fullSync = "full".equals(bot.choice("durability", "normal", List.of("normal", "full")));
        Set<String> operators = new LinkedHashSet<>(bot.memberIds("operators"));
        ChatRef logChat = chat(bot, "log_chat");
        bot.done();
        return new BotPart(zone, locale, database, fullSync, operators, logChat);
    }

    private static BotConfig.SandboxConfig sandbox(ConfigNode sb) {
        Map<String, String> sandboxGroups = new LinkedHashMap<>();
        sb.section("groups").entries().forEach((k, v) -> sandboxGroups.put(k, v.isScalar() ? v.text() : k));
        Map<String, List<String>> sandboxAdmins = new LinkedHashMap<>();
        ConfigNode admins = sb.section("admins");
        admins.entries().forEach((k, v) -> sandboxAdmins.put(k, admins.strings(k)));
        BotConfig.SandboxConfig sandbox = new BotConfig.SandboxConfig(
                sb.bool("enabled", true), sb.string("host", "127.0.0.1"), sb.integer("port", 8787, 0, 65535),
                sandboxGroups, sandboxAdmins, sb.strings("members"));
        if (sandbox.enabled() && !loopback(sandbox.host())) {
            sb.child("host").warn("the sandbox chat listens on " + sandbox.host() + ", beyond this machine: anyone who can reach "
                    + "its port can post as any member and read every transcript (use 127.0.0.1 unless you mean it)");
        }
        sb.done();
        return sandbox;
    }

    private static Map<String, Persona> personas(Sections s, ConfigNode ps) {
        Map<String, Persona> personas = new LinkedHashMap<>();
        ps.entries().forEach((role, n) -> {
            ConfigNode p = s.mapping(n);
            PersonaRole typed = personaRole(role, ps.child(role));
            if (typed != null) personas.put(role, new Persona(typed, p.string("name", role), p.string("signature", null)));
            p.done();
        });
        return personas;
    }

    private List<AccountConfig> accounts(ConfigNode root, Map<String, Persona> personas) {
        List<AccountConfig> accounts = new ArrayList<>();
        if (root == null) return accounts;
        Set<String> ids = new HashSet<>();
        for (ConfigNode a : accountsOf(root)) {
            String id = a.required("id");
            String platform = a.required("platform");
            String persona = a.string("persona", PersonaRole.HOST.name());
            if (id != null && !ids.add(id)) a.child("id").error("account id \"" + id + "\" is used twice");
            if (persona != null && !personas.isEmpty() && !personas.containsKey(persona)) {
                a.child("persona").error("unknown persona \"" + persona + "\" (defined: " + String.join(", ", personas.keySet()) + ")");
            }
            Object settings = null;
            if (platform != null) {
                Function<ConfigNode, Object> parser = platforms.get(platform);
                if (parser == null) a.child("platform").error("unknown platform \"" + platform + "\" (expected one of: " + String.join(", ", platforms.keySet()) + ")");
                else settings = parser.apply(a);
            }
            a.done();
            PersonaRole role = persona == null ? null : personaRole(persona, a.child("persona"));
            if (id != null && platform != null) accounts.add(new AccountConfig(id, platform, role, settings));
        }
        return accounts;
    }

    /** What a group and a profile may both set: everything but {@code chat} and {@code profile}. */
    private record Body(String title, String locale, String category, String stage, Strategy strategy,
                        Set<String> moderators, Set<String> accounts, Map<Class<?>, Object> sections) {}

    /**
     * Reads the keys a group and a profile share, with the given defaults (null for a profile:
     * only what it sets), and checks them: written once for both. Each feature section is
     * parsed (and resolved) under the strategy read here.
     */
    private Body body(ConfigNode g, String title, String locale, Set<String> accountIds) {
        boolean group = title != null;
        String t = g.string("title", title);
        String loc = g.choice("locale", locale, LOCALES);
        String category = g.choice("category", group ? "other" : null, GroupConfig.CATEGORIES);
        String stage = g.choice("stage", group ? "growing" : null, GroupConfig.STAGES);
        String strategyKey = g.choice("strategy", group ? Strategy.LAYERED.key() : null, Strategy.keys());
        Strategy strategy = Strategy.of(strategyKey == null ? Strategy.LAYERED.key() : strategyKey);
        Set<String> moderators = new LinkedHashSet<>(g.memberIds("moderators"));
        Set<String> accounts = new LinkedHashSet<>(g.strings("accounts"));
        for (String acc : accounts) if (!accountIds.contains(acc)) g.child("accounts").error("unknown account \"" + acc + "\"");
        Map<Class<?>, Object> parsed = new HashMap<>();
        for (GroupSection<?> section : groupSections) parsed.put(section.type(), section.parse(g.section(section.key()), strategy));
        return new Body(t, loc, category, stage, strategy, moderators, accounts, parsed);
    }

    /** {@code profiles:} and {@code groups:}; a group reads what it does not set from its profile. */
    private Map<String, GroupConfig> groups(Sections s, String locale, Set<String> accountIds) {
        Map<String, ConfigNode> profiles = new LinkedHashMap<>();
        s.get("profiles").entries().forEach((k, v) -> profiles.put(k, s.mapping(v)));
        Map<String, GroupConfig> groups = new LinkedHashMap<>();
        Set<ChatRef> seenChats = new HashSet<>();
        s.get("groups").entries().forEach((key, raw) -> {
            ConfigNode g = s.mapping(raw);
            String profileName = g.string("profile", null);
            if (profileName != null) {
                ConfigNode profile = profiles.get(profileName);
                if (profile == null) g.child("profile").error("unknown profile \"" + profileName + "\" (defined: " + String.join(", ", profiles.keySet()) + ")");
                else g = g.withFallback(profile);
            }
            ChatRef chat = chat(g, "chat");
            if (chat == null && !g.has("chat")) g.error("missing required key \"chat\" (like sandbox:tech or telegram:-1001234567890)");
            if (chat != null && !seenChats.add(chat)) g.child("chat").error("chat " + chat + " is configured twice");
            Body b = body(g, key, locale, accountIds);
            g.done();
            if (chat != null) groups.put(key, new GroupConfig(key, chat, b.title(), b.locale(), profileName, b.category(), b.stage(),
                    b.strategy(), b.moderators(), b.accounts(), b.sections()));
        });
        // a profile's keys are checked whether or not a group uses it; a mistake read through a group is reported once
        for (ConfigNode p : profiles.values()) {
            body(p, null, null, accountIds);
            p.done();
        }
        return groups;
    }

    private static Map<String, OutboxLimits> outbox(Sections s, ConfigNode outbox) {
        Map<String, OutboxLimits> limits = new LinkedHashMap<>();
        outbox.entries().forEach((platform, n) ->
                limits.put(platform, platform.equals(OutboxLimits.GLOBAL) ? OutboxLimits.parseGlobal(s.mapping(n))
                        : OutboxLimits.parse(s.mapping(n), OutboxLimits.defaults(platform))));
        return limits;
    }

    private Map<String, String> commands(ConfigNode commands) {
        Map<String, String> aliases = new LinkedHashMap<>();
        Map<String, ConfigNode> targets = new LinkedHashMap<>();
        commands.section("aliases").entries().forEach((alias, target) -> {
            String t = target.isScalar() ? target.text() : null;
            if (t == null || t.isBlank()) target.error("expected the command an alias stands for, like checkin");
            else {
                aliases.put(alias, t.startsWith("/") ? t.substring(1) : t);
                targets.put(alias, target);
            }
        });
        commands.done();
        checkAliasTargets(aliases, targets, commandNames);
        return aliases;
    }

    /** An alias must stand for a registered command; one that does not is an error at its key. */
    static void checkAliasTargets(Map<String, String> aliases, Map<String, ConfigNode> at, Set<String> commands) {
        aliases.forEach((alias, target) -> {
            if (!commands.contains(target)) {
                at.get(alias).error("alias for an unknown command /" + target + " (commands: " + String.join(", ", new java.util.TreeSet<>(commands)) + ")");
            }
        });
    }

    private static Map<String, Map<String, String>> texts(Sections s, ConfigNode root) {
        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        root.entries().forEach((loc, n) -> {
            if (!LOCALES.contains(loc)) n.error("unknown locale \"" + loc + "\" (expected one of: " + String.join(", ", LOCALES) + ")");
            Map<String, String> m = new LinkedHashMap<>();
            s.mapping(n).entries().forEach((k, v) -> m.put(k, v.isScalar() ? v.text() : ""));
            texts.put(loc, m);
        });
        return texts;
    }

    private static BotConfig.Monitoring monitoring(ConfigNode mon) {
        boolean on = mon.bool("enabled", false);
        ConfigNode.HostPort at = mon.hostPort("listen", new ConfigNode.HostPort("127.0.0.1", 9464));
        mon.done();
        return new BotConfig.Monitoring(on, at.host(), at.port());
    }

    /** A loopback address written out (no name lookup): 127.x.y.z, ::1 or localhost. */
    static boolean loopback(String host) {
        String h = host.trim().toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        return h.equals("localhost") || h.equals("::1") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** A persona role (known or custom) by its name; an error at {@code where} when it is no valid name. */
    private static PersonaRole personaRole(String name, ConfigNode where) {
        try {
            return PersonaRole.of(name);
        } catch (IllegalArgumentException e) {
            if (where != null) where.error(e.getMessage());
            return null;
        }
    }

    private static List<ConfigNode> accountsOf(ConfigNode root) {
        if (root.isSequence()) {
            List<ConfigNode> out = new ArrayList<>();
            // items() needs a parent; wrap through a synthetic read of the same node
            out.addAll(root.itemsOfSelf());
            return out;
        }
        root.error("expected a list of accounts (- id: host ...)");
        return List.of();
    }

    private static ConfigNode mapping(ConfigNode n, ConfigNode empty) {
        if (n == null) return empty;
        if (n.isMapping()) return n;
        if (n.isScalar() && n.text() == null) return empty;
        n.error("expected a mapping of keys");
        return empty;
    }

    private static ChatRef chat(ConfigNode n, String key) {
        String v = n.string(key, null);
        if (v == null) return null;
        try {
            return ChatRef.parse(v);
        } catch (IllegalArgumentException e) {
            n.child(key).error(e.getMessage());
            return null;
        }
    }
}
