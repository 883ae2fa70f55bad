package qunzhu.core;

/** Who may run what. Ordered: each role may do everything the ones before it may. */
public enum Role {
    MEMBER, MODERATOR, OPERATOR;

    public boolean atLeast(Role other) { return compareTo(other) >= 0; }

    public String key() { return name().toLowerCase(java.util.Locale.ROOT); }
}
