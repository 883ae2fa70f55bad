package qunzhu.feature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.config.BotConfig;
import qunzhu.config.GroupConfig;
import qunzhu.core.Action;
import qunzhu.core.Admin;
import qunzhu.core.Capabilities;
import qunzhu.core.ChatRef;
import qunzhu.core.PersonaRole;
import qunzhu.platform.Platform;

/**
 * The connected bot accounts and which of them speaks in a chat. A {@link Action.Send} goes
 * through the account carrying the asked persona in that chat; moderation goes through the
 * moderator persona when one is there; otherwise the first account serving the chat.
 */
public final class Accounts {
    private static final Logger log = LoggerFactory.getLogger(Accounts.class);

    private final Map<String, Platform> byId = new LinkedHashMap<>();
    /** chat + message id → the account that received or sent it, for account-scoped ids. */
    private final Cache<String, String> owners = Caffeine.newBuilder()
            .maximumSize(500_000).expireAfterWrite(Duration.ofDays(2)).build();
    private final Map<String, PersonaRole> personaOf = new LinkedHashMap<>();
    private final BotConfig config;

    private final java.util.function.Supplier<qunzhu.config.ChatMoves> moves;

    /** Accounts whose group lookups follow no chat moves (tools, tests). */
    public Accounts(BotConfig config) { this(config, () -> qunzhu.config.ChatMoves.NONE); }

    /** {@code moves}: the chat moves known now; a moved group's accounts serve its new id. */
    public Accounts(BotConfig config, java.util.function.Supplier<qunzhu.config.ChatMoves> moves) {
        this.config = config;
        this.moves = moves;
    }

    public void add(Platform platform, PersonaRole persona) {
        byId.put(platform.id(), platform);
        personaOf.put(platform.id(), persona);
    }

    public Platform get(String id) { return byId.get(id); }
    public List<Platform> all() { return List.copyOf(byId.values()); }
    public PersonaRole persona(String accountId) { return personaOf.get(accountId); }

    /** Accounts that serve a chat: those the group lists, else every account of that platform. */
    public List<Platform> serving(ChatRef chat) {
        GroupConfig g = config.group(chat, moves.get());
        Set<String> listed = g == null ? Set.of() : g.accounts();
        List<Platform> out = new ArrayList<>();
        for (Platform p : byId.values()) {
            if (!p.kind().equals(chat.platform())) continue;
            if (listed.isEmpty() || listed.contains(p.id())) out.add(p);
        }
        return out;
    }

    /** Remembers which account saw a message, where that matters (see {@link Platform#accountScopedMessageIds}). */
    public void owns(ChatRef chat, String messageId, String accountId) {
        if (messageId == null || accountId == null) return;
        Platform p = byId.get(accountId);
        if (p != null && p.accountScopedMessageIds()) owners.put(chat + "#" + messageId, accountId);
    }

    /** The account that should perform {@code action}, or null when none serves the chat. */
    public Platform route(Action action) {
        if (action instanceof Action.AnswerButton b && byId.containsKey(b.account())) return byId.get(b.account());
        List<Platform> candidates = serving(action.chat());
        if (candidates.isEmpty()) return null;
        String ref = messageRef(action);
        String owner = ref == null ? null : owners.getIfPresent(action.chat() + "#" + ref);
        if (owner != null && candidates.contains(byId.get(owner))) return byId.get(owner);
        PersonaRole wanted = action instanceof Action.Send s ? s.persona()
                : action instanceof Action.SendPhoto p ? p.persona()
                : action.moderation() ? PersonaRole.MODERATOR : PersonaRole.HOST;
        for (Platform p : candidates) if (wanted.equals(personaOf.get(p.id()))) return p;
        for (Platform p : candidates) if (PersonaRole.HOST.equals(personaOf.get(p.id()))) return p;
        return candidates.get(0);
    }

    private static String messageRef(Action a) {
        if (a instanceof Action.Delete d) return d.messageId();
        if (a instanceof Action.Edit e) return e.messageId();
        if (a instanceof Action.Pin p) return p.messageId();
        if (a instanceof Action.Send s) return s.replyTo();
        return null;
    }

    public Capabilities capabilities(ChatRef chat) {
        List<Platform> s = serving(chat);
        return s.isEmpty() ? new Capabilities(Set.of(), false, false) : s.get(0).capabilities();
    }

    /**
     * Asks the platform for a chat's admins, through the first serving account that can tell:
     * a network call, made by the {@link AdminDirectory} only. Empty when no account serves the
     * chat; throws when every serving account failed (a failure is never "no admins").
     */
    public List<Admin> fetchAdmins(ChatRef chat) {
        RuntimeException last = null;
        for (Platform p : serving(chat)) {
            try {
                return p.admins(chat);
            } catch (RuntimeException e) {
                log.debug("could not read admins of {} through {}: {}", chat, p.id(), e.toString());
                last = e;
            }
        }
        if (last != null) throw new IllegalStateException("no account could read the admins: " + last, last);
        return List.of();
    }

    /** True when {@code memberId} is one of our own bot accounts on that platform. */
    public boolean isOwnAccount(String platform, String memberId) {
        for (Platform p : byId.values()) {
            if (p.kind().equals(platform) && memberId.equals(p.selfId())) return true;
        }
        return false;
    }
}
