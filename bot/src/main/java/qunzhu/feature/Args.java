package qunzhu.feature;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import qunzhu.core.MemberRef;

/**
 * A command's arguments as the router parsed them, by declared name: absent optional ones
 * are null ({@link #text} gives ""). {@link #words()} and {@link #line()} are the raw words and
 * line after the command, for handlers with sub-commands of their own.
 */
public final class Args {
    private final Map<String, Object> values;
    private final List<String> words;
    private final String line;

    public Args(Map<String, Object> values, List<String> words, String line) {
        this.values = Map.copyOf(values);
        this.words = List.copyOf(words);
        this.line = line;
    }

    public MemberRef member(String name) { return get(name, MemberRef.class); }
    public Duration duration(String name) { return get(name, Duration.class); }
    public Integer integer(String name) { return get(name, Integer.class); }
    public String text(String name) {
        String s = get(name, String.class);
        return s == null ? "" : s;
    }

    public List<String> words() { return words; }
    public String line() { return line; }

    private <T> T get(String name, Class<T> type) {
        Object v = values.get(name);
        return v == null ? null : type.cast(v);
    }
}
