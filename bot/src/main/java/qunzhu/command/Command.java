package qunzhu.command;

import java.util.List;
import qunzhu.core.Role;

/**
 * A slash command. Who may run it ({@code role}) and where ({@code groupOnly}) belong to the
 * command, and the router enforces both on every call; the handler only runs when they hold.
 * Usage and description are template keys in the owning feature's namespace:
 * {@code <namespace>.cmd.<name>.usage} and {@code .description}.
 */
public record Command(String name, List<String> aliases, Role role, boolean groupOnly, String namespace,
                      Handler handler) {
    public Command {
        aliases = List.copyOf(aliases);
        if (!name.matches("[a-z0-9_]{1,32}")) throw new IllegalArgumentException("command names are 1-32 of [a-z0-9_], got " + name);
    }

    @FunctionalInterface
    public interface Handler {
        List<qunzhu.core.Action> handle(CommandCall call);
    }

    public String usageKey() { return namespace + ".cmd." + name + ".usage"; }
    public String descriptionKey() { return namespace + ".cmd." + name + ".description"; }
}
