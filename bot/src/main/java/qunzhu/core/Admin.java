package qunzhu.core;

import java.util.Set;

/**
 * A chat administrator as the platform reports it. {@code rights} are neutral names
 * ("delete", "restrict", "ban", "pin", "invite"); {@link #ALL_RIGHTS} for owners and
 * platforms without fine-grained rights.
 */
public record Admin(String memberId, boolean owner, Set<String> rights) {
    public static final Set<String> ALL_RIGHTS = Set.of("delete", "restrict", "ban", "pin", "invite", "promote");

    public Admin { rights = Set.copyOf(rights); }

    public boolean may(String right) { return owner || rights.contains(right); }
}
