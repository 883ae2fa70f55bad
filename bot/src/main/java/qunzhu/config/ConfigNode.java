package qunzhu.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that remembers its file, line and dotted key, so every error can name all three.
 * Readers never throw for bad values: they record a {@link ConfigError} and return the
 * default, so one run reports every mistake. Reading a mapping marks keys as used;
 * {@link #done()} reports the rest as unknown keys.
 *
 * <p>A node may have a fallback (a group's profile): keys missing here are read there.
 */
public final class ConfigNode {
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Node node;
    private final String file;
    private final String path;
    private final ConfigContext ctx;
    private final ConfigNode fallback;
    private final Set<String> used;

    ConfigNode(Node node, String file, String path, ConfigContext ctx, ConfigNode fallback) {
        this(node, file, path, ctx, fallback, new LinkedHashSet<>());
    }

    private ConfigNode(Node node, String file, String path, ConfigContext ctx, ConfigNode fallback, Set<String> used) {
        this.used = used;
        this.node = node;
        this.file = file;
        this.path = path;
        this.ctx = ctx;
        this.fallback = fallback;
    }

    /** The same node reading missing keys from {@code other}; keys read so far stay read. */
    public ConfigNode withFallback(ConfigNode other) { return new ConfigNode(node, file, path, ctx, other, used); }

    public String path() { return path; }
    public String file() { return file; }
    public int line() { return node == null ? 0 : node.getStartMark().getLine() + 1; }
    public boolean isMapping() { return node instanceof MappingNode; }
    public boolean isSequence() { return node instanceof SequenceNode; }
    public boolean isScalar() { return node instanceof ScalarNode; }

    /** Records an error at this node. */
    public void error(String message) { ctx.report(ctx.errors, new ConfigError(file, line(), path, message)); }

    /** Records a warning at this node: valid, but worth the operator's attention; the bot still starts. */
    public void warn(String message) { ctx.report(ctx.warnings, new ConfigError(file, line(), path, "warning: " + message)); }

    /** Records an error at {@code line} of another file this node names (a content pool), keyed by this node's path. */
    public void errorIn(String otherFile, int line, String message) { ctx.report(ctx.errors, new ConfigError(otherFile, line, path, message)); }

    /**
     * Another YAML file this node names (a content pool, a quiz bank), read in the same load: its errors name
     * that file and its lines. Null, with an error here, when it cannot be read or is not YAML.
     */
    public ConfigNode readFile(java.nio.file.Path file) {
        try (java.io.Reader r = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            Node root = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(new org.yaml.snakeyaml.LoaderOptions())).compose(r);
            return new ConfigNode(root, file.toString(), "", ctx, null);
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            errorIn(file.toString(), e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1, "invalid YAML: " + e.getProblem());
        } catch (java.io.IOException | org.yaml.snakeyaml.error.YAMLException e) {
            error("cannot read " + file + ": " + e.getMessage());
        }
        return null;
    }

    /**
     * This node parsed by {@code parser}, once per load for every node of the same content read
     * under the same {@code kind}: a profile's blocklist read by each of 10,000 groups is parsed
     * once and the groups share the result, and so do groups that write the same list. The
     * result must be immutable. A parse that reports an error or warning is not shared, so every
     * place with a mistake is reported.
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(String kind, Function<ConfigNode, T> parser) {
        Map<Node, Object> byNode = ctx.sharedByNode.computeIfAbsent(kind, k -> new java.util.IdentityHashMap<>());
        if (fallback == null && node != null && byNode.containsKey(node)) return (T) byNode.get(node);
        String content = content(0);
        Map<String, Object> byContent = ctx.sharedByContent.computeIfAbsent(kind, k -> new java.util.HashMap<>());
        Object value = content == null ? null : byContent.get(content);
        if (value == null) {
            int reported = ctx.reported;
            value = parser.apply(this);
            if (ctx.reported != reported || value == null) return (T) value;
            if (content != null) byContent.put(content, value);
        }
        if (fallback == null && node != null) byNode.put(node, value);
        return (T) value;
    }

    /** What this node (and its fallback) holds, as one text equal for equal YAML; null when too deep to say. */
    private String content(int depth) {
        StringBuilder out = new StringBuilder();
        if (!content(node, out, depth)) return null;
        if (fallback != null) {
            String fb = fallback.content(depth + 1);
            if (fb == null) return null;
            out.append("|fallback:").append(fb);
        }
        return out.toString();
    }

    private static boolean content(Node n, StringBuilder out, int depth) {
        if (depth > 64) return false;
        if (n == null) { out.append('~'); return true; }
        if (n instanceof ScalarNode s) {
            out.append('s').append(s.getTag().getValue()).append(':').append(s.getValue().length()).append(':').append(s.getValue());
            return true;
        }
        if (n instanceof SequenceNode q) {
            out.append('[');
            for (Node item : q.getValue()) if (!content(item, out, depth + 1)) return false;
            out.append(']');
            return true;
        }
        if (n instanceof MappingNode m) {
            out.append('{');
            for (NodeTuple t : m.getValue()) {
                if (!content(t.getKeyNode(), out, depth + 1) || !content(t.getValueNode(), out, depth + 1)) return false;
            }
            out.append('}');
            return true;
        }
        return false;
    }

    private String childPath(String key) { return path.isEmpty() ? key : path + "." + key; }

    private Map<String, NodeTuple> tuples() {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k) out.put(k.getValue(), t);
            }
        }
        return out;
    }

    public boolean has(String key) {
        return tuples().containsKey(key) || (fallback != null && fallback.has(key));
    }

    /** The child at {@code key}, or null when absent here and in the fallback. */
    public ConfigNode child(String key) {
        used.add(key);
        NodeTuple t = tuples().get(key);
        ConfigNode fb = fallback == null ? null : fallback.child(key);
        if (t == null) return fb;
        return new ConfigNode(t.getValueNode(), file, childPath(key), ctx, fb);
    }

    /** A child that must be a mapping; absent gives an empty mapping (all defaults). */
    public ConfigNode section(String key) {
        ConfigNode c = child(key);
        if (c == null) return new ConfigNode(null, file, childPath(key), ctx, null);
        if (!c.isMapping() && !c.isNull()) {
            c.error("expected a mapping of keys, got " + c.describe());
            return new ConfigNode(null, file, childPath(key), ctx, null);
        }
        return c;
    }

    private boolean isNull() {
        return node == null || (node instanceof ScalarNode s && s.getTag().getValue().endsWith(":null"));
    }

    private String describe() {
        if (node instanceof MappingNode) return "a mapping";
        if (node instanceof SequenceNode) return "a list";
        if (node instanceof ScalarNode s) return "\"" + s.getValue() + "\"";
        return "nothing";
    }

    /** The scalar text with ${ENV} substituted, or null. */
    public String text() {
        if (!(node instanceof ScalarNode s) || isNull()) return null;
        String raw = s.getValue();
        Matcher m = ENV.matcher(raw);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = ctx.env.apply(m.group(1));
            if (value == null) {
                error("environment variable " + m.group(1) + " is not set");
                value = "";
            }
            ctx.secrets.add(value);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A listening address, {@code host:port} (port 0 picks a free one). */
    public record HostPort(String host, int port) {}

    /** {@code key} as {@code host:port}; a missing key gives {@code def}, a malformed one an error naming it. */
    public HostPort hostPort(String key, HostPort def) {
        String raw = string(key, null);
        if (raw == null) return def;
        int colon = raw.lastIndexOf(':');
        if (colon > 0) {
            String host = raw.substring(0, colon).trim();
            try {
                int port = Integer.parseInt(raw.substring(colon + 1).trim());
                if (port >= 0 && port <= 65535 && !host.isEmpty()) return new HostPort(host, port);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        child(key).error("expected host:port like " + def.host() + ":" + def.port() + ", got \"" + raw + "\"");
        return def;
    }

    public String string(String key, String def) {
        ConfigNode c = child(key);
        if (c == null || c.isNull()) return def;
        if (!c.isScalar()) { c.error("expected text, got " + c.describe()); return def; }
        return c.text();
    }

    public String required(String key) {
        ConfigNode c = child(key);
        if (c == null || c.isNull()) {
            error("missing required key \"" + key + "\"");
            return null;
        }
        String v = string(key, null);
        if (v != null && v.isBlank()) { c.error("must not be empty"); return null; }
        return v;
    }

    public int integer(String key, int def, int min, int max) {
        return (int) number(key, def, min, max, true);
    }

    public double decimal(String key, double def, double min, double max) {
        return number(key, def, min, max, false);
    }

    private double number(String key, double def, double min, double max, boolean whole) {
        ConfigNode c = child(key);
        if (c == null || c.isNull()) return def;
        String t = c.isScalar() ? c.text().trim() : "";
        double v;
        try {
            v = whole ? Long.parseLong(t) : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            c.error("expected " + (whole ? "a whole number" : "a number") + ", got " + c.describe());
            return def;
        }
        if (v < min || v > max) {
            c.error("must be between " + fmt(min) + " and " + fmt(max) + ", got " + fmt(v));
            return def;
        }
        return v;
    }

    private static String fmt(double d) { return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d); }

    public boolean bool(String key, boolean def) {
        ConfigNode c = child(key);
        if (c == null || c.isNull()) return def;
        String t = c.isScalar() ? c.text().trim().toLowerCase(java.util.Locale.ROOT) : "";
        switch (t) {
            case "true", "yes", "on": return true;
            case "false", "no", "off": return false;
            default:
                c.error("expected true or false, got " + c.describe());
                return def;
        }
    }

    /** Durations like 90s, 5m, 2h, 1d, 1h30m. */
    public Duration duration(String key, Duration def) {
        ConfigNode c = child(key);
        if (c == null || c.isNull()) return def;
        Duration d = c.isScalar() ? parseDuration(c.text()) : null;
        if (d == null) { c.error("expected a duration like 90s, 5m, 2h or 1d, got " + c.describe()); return def; }
        return d;
    }

    /** Parses 90s, 5m, 10分钟, 2h, 1d, 1w, 1h30m (and 0s); null when it is not one. */
    public static Duration parseDuration(String text) { return qunzhu.text.DurationText.parseAllowingZero(text); }

    /** One of {@code allowed}, or {@code def}. */
    public String choice(String key, String def, List<String> allowed) {
        String v = string(key, null);
        if (v == null) return def;
        if (!allowed.contains(v)) {
            child(key).error("expected one of " + String.join(", ", allowed) + ", got \"" + v + "\"");
            return def;
        }
        return v;
    }

    /** A list of member ids written {@code platform:member}; one without its platform is an error naming it. */
    public List<String> memberIds(String key) {
        List<String> out = new ArrayList<>();
        for (String v : strings(key)) {
            if (v.indexOf(':') <= 0) child(key).error("expected platform:member like sandbox:olivia or telegram:123456, got \"" + v + "\"");
            else out.add(v);
        }
        return out;
    }

    /** A list of texts; a single text is taken as a list of one. */
    public List<String> strings(String key) {
        List<String> out = new ArrayList<>();
        for (ConfigNode item : items(key)) {
            if (!item.isScalar()) { item.error("expected text, got " + item.describe()); continue; }
            out.add(item.text());
        }
        return out;
    }

    public List<ConfigNode> items(String key) {
        ConfigNode c = child(key);
        if (c == null || c.isNull()) return new ArrayList<>();
        return c.itemsOfSelf();
    }

    /** This node's items when it is a list; a scalar is a list of one. */
    public List<ConfigNode> itemsOfSelf() {
        ConfigNode c = this;
        List<ConfigNode> out = new ArrayList<>();
        if (c.isNull()) return out;
        if (c.node instanceof SequenceNode s) {
            int i = 0;
            for (Node n : s.getValue()) out.add(new ConfigNode(n, file, c.path + "[" + i++ + "]", ctx, null));
        } else if (c.isScalar()) {
            out.add(c);
        } else {
            c.error("expected a list, got " + c.describe());
        }
        return out;
    }

    /** Entries of a mapping section in file order (keys of this node and of its fallback). */
    public Map<String, ConfigNode> entries() {
        Map<String, ConfigNode> out = new LinkedHashMap<>();
        if (fallback != null) out.putAll(fallback.entries());
        for (String key : tuples().keySet()) out.put(key, child(key));
        return out;
    }

    /** Parses every entry of a mapping section with {@code parser}, skipping nulls. */
    public <T> Map<String, T> map(Function<ConfigNode, T> parser) {
        Map<String, T> out = new LinkedHashMap<>();
        entries().forEach((k, v) -> {
            T t = parser.apply(v);
            if (t != null) out.put(k, t);
        });
        return out;
    }

    /** The last key of this node's path. */
    public String name() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    /** Reports keys present in the file but never read: typos must not pass silently. */
    public void done() {
        if (!(node instanceof MappingNode m)) return;
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && !used.contains(k.getValue())) {
                ctx.report(ctx.errors, new ConfigError(file, t.getKeyNode().getStartMark().getLine() + 1, childPath(k.getValue()),
                        "unknown key" + (used.isEmpty() ? "" : " (expected one of: " + String.join(", ", used) + ")")));
            }
        }
    }

    /**
     * Shared state of one load: collected errors, the environment, secrets to keep out of logs.
     * A mistake is recorded once however often it is read (a profile's key is read by each
     * group using it and once more for the profile itself).
     */
    static final class ConfigContext {
        final Set<ConfigError> errors = new LinkedHashSet<>();
        final Set<ConfigError> warnings = new LinkedHashSet<>();
        final Function<String, String> env;
        final Set<String> secrets = new LinkedHashSet<>();

        /** Errors and warnings reported so far, counting repeats: a parse that reported any is not shared. */
        int reported;
        /** {@link ConfigNode#shared} results of this load, by kind, then by YAML node and by content. */
        final Map<String, Map<Node, Object>> sharedByNode = new java.util.HashMap<>();
        final Map<String, Map<String, Object>> sharedByContent = new java.util.HashMap<>();

        ConfigContext(Function<String, String> env) { this.env = env; }

        void report(Set<ConfigError> to, ConfigError e) {
            reported++;
            to.add(e);
        }
    }
}
