package qunzhu.feature;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import qunzhu.core.Action;
import qunzhu.core.Role;

/**
 * A slash command as its feature declares it: names, arguments, who may run it and where,
 * and the rights caller and bot need. The router enforces all of it on every call (role, then
 * place, then rights, then arguments) and answers a refusal or a usage line itself; the
 * handler only runs when everything holds, with the arguments parsed.
 *
 * <p>{@code alsoAllowed} lets a feature open a command to some callers below {@code role}
 * (trusted members may /warn in layered groups); {@code deniedKey} then names the refusal.
 * Usage and description are template keys in the owning feature's namespace:
 * {@code <namespace>.cmd.<name>.usage} and {@code .description}.
 *
 * <pre>{@code
 * s.command(CommandSpec.of("mute").alias("禁言").moderator().groupOnly()
 *         .caller(Right.RESTRICT_MEMBERS).bot(Right.RESTRICT_MEMBERS)
 *         .arg(Arg.member("target")).arg(Arg.duration("length").optional()).arg(Arg.text("reason").optional())
 *         .handler(this::mute));
 * }</pre>
 */
public record CommandSpec(String name, List<String> aliases, List<Arg> args, Role role, Gate alsoAllowed, String deniedKey,
                          Set<Right> callerRights, Set<Right> botRights, boolean groupOnly, String namespace, Handler handler) {
    public CommandSpec {
        aliases = List.copyOf(aliases);
        args = List.copyOf(args);
        callerRights = callerRights.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(callerRights));
        botRights = botRights.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(botRights));
        if (!name.matches("[a-z0-9_]{1,32}")) throw new IllegalArgumentException("command names are 1-32 of [a-z0-9_], got " + name);
        for (int i = 0; i < args.size() - 1; i++) {
            if (args.get(i).kind() == Arg.Kind.TEXT) throw new IllegalArgumentException("/" + name + ": a text argument takes the rest of the line, so it comes last");
        }
    }

    @FunctionalInterface
    public interface Handler {
        List<Action> handle(CommandCall call);
    }

    /** May this caller, below the command's role, still run it here? */
    @FunctionalInterface
    public interface Gate {
        boolean allows(qunzhu.core.Event.MessagePosted message, FeatureContext ctx);
        Gate NOBODY = (message, ctx) -> false;
    }

    public String usageKey() { return namespace + ".cmd." + name + ".usage"; }
    public String descriptionKey() { return namespace + ".cmd." + name + ".description"; }

    /** The same command in {@code ns} (the spine sets the installing feature's namespace). */
    CommandSpec in(String ns) {
        return namespace != null ? this : new CommandSpec(name, aliases, args, role, alsoAllowed, deniedKey, callerRights, botRights,
                groupOnly, ns, handler);
    }

    /** A builder for a member command that works anywhere; see the class example. */
    public static Builder of(String name) { return new Builder(name); }

    public static final class Builder {
        private final String name;
        private final List<String> aliases = new ArrayList<>();
        private final List<Arg> args = new ArrayList<>();
        private Role role = Role.MEMBER;
        private Gate also = Gate.NOBODY;
        private String deniedKey;
        private final Set<Right> caller = EnumSet.noneOf(Right.class);
        private final Set<Right> bot = EnumSet.noneOf(Right.class);
        private boolean groupOnly;
        private String namespace;

        private Builder(String name) { this.name = name; }

        public Builder alias(String a) { aliases.add(a); return this; }
        public Builder role(Role r) { role = r; return this; }
        public Builder moderator() { return role(Role.MODERATOR); }
        public Builder operator() { return role(Role.OPERATOR); }
        /** Also open to callers {@code gate} allows; refused ones hear {@code deniedKey} (a full template key). */
        public Builder alsoAllowed(Gate gate, String deniedKey) { also = gate; this.deniedKey = deniedKey; return this; }
        public Builder groupOnly() { groupOnly = true; return this; }
        public Builder arg(Arg a) { args.add(a); return this; }
        /** Rights the caller needs on the platform (checked for platform admins; operators and config moderators have them). */
        public Builder caller(Right... rights) { caller.addAll(List.of(rights)); return this; }
        /** Rights the bot's account needs where the platform says which rights it has. */
        public Builder bot(Right... rights) { bot.addAll(List.of(rights)); return this; }
        /** Template namespace; defaults to the installing feature's name. */
        public Builder namespace(String ns) { namespace = ns; return this; }

        public CommandSpec handler(Handler h) {
            return new CommandSpec(name, aliases, args, role, also, deniedKey, caller, bot, groupOnly, namespace, h);
        }
    }
}
