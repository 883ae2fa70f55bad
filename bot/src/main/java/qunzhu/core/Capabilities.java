package qunzhu.core;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a platform can do. {@code actions} holds the {@link Action} record types it performs;
 * {@code buttons} says whether inline buttons exist (QQ has none: features accept a keyword
 * instead); {@code joinRequests} whether join requests reach the bot.
 */
public record Capabilities(Set<Class<? extends Action>> actions, boolean buttons, boolean joinRequests) {
    public Capabilities { actions = Set.copyOf(actions); }

    /** Every action type there is: the records of the sealed {@link Action}. */
    public static final Set<Class<? extends Action>> ALL = Arrays.stream(Action.class.getPermittedSubclasses())
            .map(c -> c.asSubclass(Action.class)).collect(Collectors.toUnmodifiableSet());

    public boolean can(Action a) { return actions.contains(a.getClass()); }

    public boolean can(Class<? extends Action> type) { return actions.contains(type); }

    /** Every action type but {@code missing}. */
    @SafeVarargs
    public static Set<Class<? extends Action>> allBut(Class<? extends Action>... missing) {
        Set<Class<? extends Action>> out = new HashSet<>(ALL);
        out.removeAll(List.of(missing));
        return Set.copyOf(out);
    }
}
