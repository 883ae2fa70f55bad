package qunzhu.feature;

/**
 * One declared argument of a command, parsed by the router in declaration order.
 * <ul>
 * <li>{@link Kind#MEMBER}: the author of the replied message, else the next word as @name, name
 *     or id of a member the bot has seen. Unknown names, and the bot's own accounts and
 *     personas, are refused before the handler runs.</li>
 * <li>{@link Kind#DURATION}: 10m, 10min, 10分钟, 1h, 1小时, 1d, 1天, 2w, 1h30m ... A word that
 *     starts with a digit is taken as a duration, and one that does not parse is a usage error.</li>
 * <li>{@link Kind#INTEGER}: a whole number ("#12" reads as 12).</li>
 * <li>{@link Kind#TEXT}: the rest of the line.</li>
 * </ul>
 * {@code missing} is the template key said (above the usage line) when a required one is absent;
 * null says only the usage line.
 */
public record Arg(String name, Kind kind, boolean required, String missing) {
    public enum Kind { MEMBER, DURATION, INTEGER, TEXT }

    public static Arg member(String name) { return new Arg(name, Kind.MEMBER, true, null); }
    public static Arg duration(String name) { return new Arg(name, Kind.DURATION, true, null); }
    public static Arg integer(String name) { return new Arg(name, Kind.INTEGER, true, null); }
    public static Arg text(String name) { return new Arg(name, Kind.TEXT, true, null); }

    public Arg optional() { return new Arg(name, kind, false, missing); }
    /** When absent, say this template (a full key, e.g. "moderation.need_reason") above the usage line. */
    public Arg missing(String key) { return new Arg(name, kind, required, key); }
}
