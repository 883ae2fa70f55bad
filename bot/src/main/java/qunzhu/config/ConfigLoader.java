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

    /**
     * @param platforms per platform kind, the parser of an account's platform settings
     * @param groupSections every feature's group section parser
     */
    public ConfigLoader(Function<String, String> env, Map<String, Function<ConfigNode, Object>> platforms,
                        List<GroupSection<?>> groupSections) {
        this.env = env;
        this.platforms = platforms;
        this.groupSections = groupSections;
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
                if (!SECTIONS.contains(key)) {
                    ctx.errors.add(new ConfigError(name, line, key, "unknown section (expected one of: " + String.join(", ", SECTIONS) + ")"));
                } else if (sections.containsKey(key)) {
                    ctx.errors.add(new ConfigError(name, line, key, "section is already defined in " + sectionFile.get(key)));
                } else {
                    sections.put(key, new ConfigNode(t.getValueNode(), name, key, ctx, null));
                    sectionFile.put(key, name);
                }
            }
        }
        BotConfig config = build(sections, ctx, dir);
        if (!ctx.errors.isEmpty()) throw new ConfigException(ctx.errors);
        return config;
    }

    private BotConfig build(Map<String, ConfigNode> s, ConfigNode.ConfigContext ctx, Path dir) {
        ConfigNode empty = new ConfigNode(null, dir.toString(), "", ctx, null);
        ConfigNode bot = mapping(s.get("bot"), empty);

        ZoneId zone = ZoneId.of("Asia/Shanghai");
        String tz = bot.string("timezone", null);
        if (tz != null) {
            try { zone = ZoneId.of(tz); } catch (DateTimeException e) { bot.child("timezone").error("unknown time zone \"" + tz + "\" (use a name like Asia/Shanghai)"); }
        }
        String locale = bot.choice("locale", "zh-CN", LOCALES);
        Path database = Path.of(bot.string("database", "data/qunzhu.db"));
        boolean fullSync = "full".equals(bot.choice("durability", "normal", List.of("normal", "full")));
        Set<String> operators = new LinkedHashSet<>(memberIds(bot, "operators"));
        ChatRef logChat = chat(bot, "log_chat");
        bot.done();

        ConfigNode sb = mapping(s.get("sandbox"), empty);
        Map<String, String> sandboxGroups = new LinkedHashMap<>();
        ConfigNode sg = sb.section("groups");
        sg.entries().forEach((k, v) -> sandboxGroups.put(k, v.isScalar() ? v.text() : k));
        Map<String, List<String>> sandboxAdmins = new LinkedHashMap<>();
        sb.section("admins").entries().forEach((k, v) -> sandboxAdmins.put(k, sb.section("admins").strings(k)));
        BotConfig.SandboxConfig sandbox = new BotConfig.SandboxConfig(
                sb.bool("enabled", true), sb.string("host", "127.0.0.1"), sb.integer("port", 8787, 0, 65535),
                sandboxGroups, sandboxAdmins, sb.strings("members"));
        if (sandbox.enabled() && !loopback(sandbox.host())) {
            sb.child("host").warn("the sandbox chat listens on " + sandbox.host() + ", beyond this machine: anyone who can reach "
                    + "its port can post as any member and read every transcript (use 127.0.0.1 unless you mean it)");
        }
        sb.done();

        Map<String, Persona> personas = new LinkedHashMap<>();
        ConfigNode ps = mapping(s.get("personas"), empty);
        ps.entries().forEach((role, n) -> {
            ConfigNode p = mapping(n, empty);
            PersonaRole typed = personaRole(role, ps.child(role));
            if (typed != null) personas.put(role, new Persona(typed, p.string("name", role), p.string("signature", null)));
            p.done();
        });

        List<AccountConfig> accounts = new ArrayList<>();
        Set<String> accountIds = new HashSet<>();
        ConfigNode accRoot = s.get("accounts");
        if (accRoot != null) {
            for (ConfigNode a : accountsOf(accRoot)) {
                String id = a.required("id");
                String platform = a.required("platform");
                String persona = a.string("persona", PersonaRole.HOST.name());
                if (id != null && !accountIds.add(id)) a.child("id").error("account id \"" + id + "\" is used twice");
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
        }

        Map<String, ConfigNode> profiles = new LinkedHashMap<>();
        mapping(s.get("profiles"), empty).entries().forEach((k, v) -> profiles.put(k, mapping(v, empty)));

        Map<String, GroupConfig> groups = new LinkedHashMap<>();
        Set<ChatRef> seenChats = new HashSet<>();
        mapping(s.get("groups"), empty).entries().forEach((key, raw) -> {
            ConfigNode g = mapping(raw, empty);
            String profileName = g.string("profile", null);
            if (profileName != null) {
                ConfigNode profile = profiles.get(profileName);
                if (profile == null) g.child("profile").error("unknown profile \"" + profileName + "\" (defined: " + String.join(", ", profiles.keySet()) + ")");
                else g = g.withFallback(profile);
            }
            ChatRef chat = chat(g, "chat");
            if (chat == null && !g.has("chat")) g.error("missing required key \"chat\" (like sandbox:tech or telegram:-1001234567890)");
            if (chat != null && !seenChats.add(chat)) g.child("chat").error("chat " + chat + " is configured twice");
            String title = g.string("title", key);
            String groupLocale = g.choice("locale", locale, LOCALES);
            String category = g.choice("category", "other", GroupConfig.CATEGORIES);
            String stage = g.choice("stage", "growing", GroupConfig.STAGES);
            Strategy strategy = Strategy.of(g.choice("strategy", Strategy.LAYERED.key(), Strategy.keys()));
            Set<String> moderators = new LinkedHashSet<>(memberIds(g, "moderators"));
            Set<String> groupAccounts = new LinkedHashSet<>(g.strings("accounts"));
            for (String acc : groupAccounts) if (!accountIds.contains(acc)) g.child("accounts").error("unknown account \"" + acc + "\"");
            Map<Class<?>, Object> parsed = new HashMap<>();
            for (GroupSection<?> section : groupSections) parsed.put(section.type(), section.parse(g.section(section.key())));
            g.done();
            if (chat != null) groups.put(key, new GroupConfig(key, chat, title, groupLocale, profileName, category, stage, strategy,
                    moderators, groupAccounts, parsed));
        });
        // profile keys are checked once, whether or not a group uses them
        for (ConfigNode p : profiles.values()) {
            for (GroupSection<?> section : groupSections) section.parse(p.section(section.key()));
            p.string("title", null);
            p.choice("locale", null, LOCALES);
            p.choice("category", null, GroupConfig.CATEGORIES);
            p.choice("stage", null, GroupConfig.STAGES);
            p.choice("strategy", null, Strategy.keys());
            p.strings("moderators");
            p.strings("accounts");
            p.done();
        }

        Map<String, OutboxLimits> limits = new LinkedHashMap<>();
        mapping(s.get("outbox"), empty).entries().forEach((platform, n) ->
                limits.put(platform, platform.equals(OutboxLimits.GLOBAL) ? OutboxLimits.parseGlobal(mapping(n, empty))
                        : OutboxLimits.parse(mapping(n, empty), OutboxLimits.defaults(platform))));

        ConfigNode commands = mapping(s.get("commands"), empty);
        Map<String, String> aliases = new LinkedHashMap<>();
        ConfigNode al = commands.section("aliases");
        al.entries().forEach((alias, target) -> {
            String t = target.isScalar() ? target.text() : null;
            if (t == null || t.isBlank()) target.error("expected the command an alias stands for, like checkin");
            else aliases.put(alias, t.startsWith("/") ? t.substring(1) : t);
        });
        commands.done();

        Map<String, Map<String, String>> texts = new LinkedHashMap<>();
        mapping(s.get("texts"), empty).entries().forEach((loc, n) -> {
            if (!LOCALES.contains(loc)) n.error("unknown locale \"" + loc + "\" (expected one of: " + String.join(", ", LOCALES) + ")");
            Map<String, String> m = new LinkedHashMap<>();
            mapping(n, empty).entries().forEach((k, v) -> m.put(k, v.isScalar() ? v.text() : ""));
            texts.put(loc, m);
        });

        ConfigNode mon = mapping(s.get("monitoring"), empty);
        boolean monitoringOn = mon.bool("enabled", false);
        ConfigNode.HostPort monAt = mon.hostPort("listen", new ConfigNode.HostPort("127.0.0.1", 9464));
        mon.done();
        BotConfig.Monitoring monitoring = new BotConfig.Monitoring(monitoringOn, monAt.host(), monAt.port());

        return new BotConfig(zone, locale, database, fullSync, operators, logChat, sandbox, accounts, personas,
                groups, limits, aliases, texts, Set.copyOf(ctx.secrets), monitoring, ctx.warnings);
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

    private static List<String> memberIds(ConfigNode n, String key) {
        List<String> out = new ArrayList<>();
        for (String v : n.strings(key)) {
            if (v.indexOf(':') <= 0) n.child(key).error("expected platform:member like sandbox:olivia or telegram:123456, got \"" + v + "\"");
            else out.add(v);
        }
        return out;
    }
}
