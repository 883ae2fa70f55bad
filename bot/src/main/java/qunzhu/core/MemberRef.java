package qunzhu.core;

import java.util.Objects;

/**
 * A person (or bot) on a platform. Identity is the id alone: display names change and the
 * same person must not become two members because they renamed themselves.
 */
public record MemberRef(String id, String name, boolean bot) {
    public MemberRef {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
    }

    public static MemberRef of(String id, String name) { return new MemberRef(id, name, false); }

    @Override public boolean equals(Object o) { return o instanceof MemberRef m && m.id.equals(id); }
    @Override public int hashCode() { return id.hashCode(); }
}
