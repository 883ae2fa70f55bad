package qunzhu.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every piece of user-facing bot text, by locale. Defaults ship as
 * {@code /qunzhu/<namespace>/<locale>.yml} beside the code that uses them; config's
 * {@code texts:} section overrides any key. Keys are {@code namespace.key}, e.g.
 * {@code rules.none}. Placeholders are {@code {name}}.
 *
 * <p>A key missing in the asked locale falls back to zh-CN, then to the key itself, so a
 * missing translation shows up as a visible key rather than an empty message.
 */
public final class Texts {
    public static final String DEFAULT_LOCALE = "zh-CN";

    private final Map<String, Map<String, String>> byLocale = new HashMap<>();

    public Texts(List<String> namespaces, Map<String, Map<String, String>> overrides) {
        for (String locale : List.of("zh-CN", "en")) {
            Map<String, String> m = new HashMap<>();
            for (String ns : namespaces) m.putAll(load(ns, locale));
            m.putAll(overrides.getOrDefault(locale, Map.of()));
            byLocale.put(locale, m);
        }
    }

    private static Map<String, String> load(String namespace, String locale) {
        String path = "/qunzhu/" + namespace.replace('.', '/') + "/" + locale + ".yml";
        try (InputStream in = Texts.class.getResourceAsStream(path)) {
            if (in == null) return Map.of();
            Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, String> out = new HashMap<>();
            if (doc instanceof Map<?, ?> map) {
                String prefix = namespace.substring(namespace.lastIndexOf('/') + 1);
                map.forEach((k, v) -> out.put(prefix + "." + k, String.valueOf(v).stripTrailing()));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /** The raw template, or null when no locale has it. */
    public String template(String locale, String key) {
        String t = byLocale.getOrDefault(locale, Map.of()).get(key);
        if (t == null) t = byLocale.get(DEFAULT_LOCALE).get(key);
        return t;
    }

    public boolean has(String key) { return byLocale.get(DEFAULT_LOCALE).containsKey(key); }

    /** Every template key of any locale: what a persona's voice may override. */
    public java.util.Set<String> keys() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Map<String, String> m : byLocale.values()) out.addAll(m.keySet());
        return out;
    }

    /**
     * {@code key} in {@code voice}'s words where it has its own version (a persona's override),
     * else the template; filled with {@code vars} like {@link #format}.
     */
    public String format(String locale, Map<String, String> voice, String key, Object... vars) {
        String own = voice.get(key);
        return own != null ? fill(own, vars) : format(locale, key, vars);
    }

    /** Formats {@code key} with {@code vars} given as name, value, name, value ... */
    public String format(String locale, String key, Object... vars) {
        String t = template(locale, key);
        return fill(t == null ? key : t, vars);
    }

    /** Replaces each {name} in {@code template}; unknown placeholders stay as written. */
    public static String fill(String template, Object... vars) {
        if (vars.length % 2 != 0) throw new IllegalArgumentException("vars come in name, value pairs");
        StringBuilder out = new StringBuilder(template.length() + 32);
        int i = 0;
        while (i < template.length()) {
            char ch = template.charAt(i);
            int close = ch == '{' ? template.indexOf('}', i) : -1;
            if (close > i) {
                String name = template.substring(i + 1, close);
                Object value = null;
                boolean found = false;
                for (int v = 0; v < vars.length; v += 2) {
                    if (name.equals(vars[v])) { value = vars[v + 1]; found = true; break; }
                }
                if (found) {
                    out.append(value == null ? "" : value);
                    i = close + 1;
                    continue;
                }
            }
            out.append(ch);
            i++;
        }
        return out.toString();
    }
}
