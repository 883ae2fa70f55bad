package qunzhu.command;

import java.util.Locale;
import qunzhu.config.BotConfig;
import qunzhu.config.Persona;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.feature.Accounts;
import qunzhu.platform.Platform;
import qunzhu.store.History;

/**
 * Who a member argument names: @name, name or id of a member the bot has seen on that
 * platform (the most recently seen one, to the minute, when names repeat). A long number nobody has been seen
 * with is taken as a platform id as it stands (a Telegram spammer may be banned before they
 * join); so is a member the config names (an operator, a listed moderator, a sandbox member).
 * Our own accounts, by id or by persona name, are never a target.
 */
final class Members {
    /** The sandbox platform kind (its adapter's package is off limits here). */
    private static final String SANDBOX = "sandbox";

    private final History history;
    private final Accounts accounts;
    private final BotConfig config;

    Members(History history, Accounts accounts, BotConfig config) {
        this.history = history;
        this.accounts = accounts;
        this.config = config;
    }

    /** The member {@code word} names, or null when nobody by that name is known. */
    MemberRef find(ChatRef chat, String word) {
        String name = word.startsWith("@") ? word.substring(1) : word;
        if (name.isEmpty()) return null;
        String platform = chat.platform();
        String id = history.memberIdByName(platform, name);
        if (id == null) {
            if (!name.matches("\\d{5,20}") && !named(platform, name)) return null;
            id = name;
        }
        String known = history.memberName(platform, id);
        return MemberRef.of(id, known == null ? name : known);
    }

    /** The config names this member: an operator, a listed moderator, or a member of the sandbox (whose ids are names). */
    private boolean named(String platform, String id) {
        String full = platform + ":" + id;
        if (config.operators().contains(full)) return true;
        for (var g : config.groups().values()) if (g.moderators().contains(full)) return true;
        if (!platform.equals(SANDBOX)) return false;
        BotConfig.SandboxConfig sb = config.sandbox();
        return sb.members().contains(id) || sb.admins().values().stream().anyMatch(l -> l.contains(id));
    }

    /** True when {@code word} (an id, @name or name) is one of our own accounts or personas. */
    boolean isBot(ChatRef chat, String word) {
        String name = (word.startsWith("@") ? word.substring(1) : word).toLowerCase(Locale.ROOT);
        for (Persona p : config.personas().values()) {
            if (p.name() != null && p.name().toLowerCase(Locale.ROOT).equals(name)) return true;
        }
        for (Platform p : accounts.all()) {
            if (!p.kind().equals(chat.platform())) continue;
            if (p.selfId() != null && name.equals(p.selfId().toLowerCase(Locale.ROOT))) return true;
        }
        return accounts.isOwnAccount(chat.platform(), word.startsWith("@") ? word.substring(1) : word);
    }

    boolean isBot(ChatRef chat, MemberRef m) {
        return accounts.isOwnAccount(chat.platform(), m.id()) || isBot(chat, m.id());
    }
}
