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
import java.time.Instant;
import qunzhu.config.AccountConfig;
import qunzhu.config.BotConfig;
import qunzhu.config.Persona;
import qunzhu.config.GroupConfig;
import qunzhu.core.Action;
import qunzhu.core.Admin;
import qunzhu.core.Capabilities;
import qunzhu.core.ChatRef;
import qunzhu.core.PersonaRole;
import qunzhu.persona.AccountHealth;
import qunzhu.persona.DropWatch;
import qunzhu.platform.Platform;

/**
 * The connected bot accounts and which of them speaks in a chat. A {@link Action.Send} goes
 * through the account carrying the asked persona in that chat; moderation goes through the
 * moderator persona when one is there. When that account cannot speak there now ({@link
 * AccountHealth}: rate-limited, muted, not in the group, its sends vanishing, its budget spent),
 * the persona's fallback roles are tried in order (by default the host), then any serving
 * account; each change of the account a persona speaks through is logged once (INFO).
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
    private final AccountHealth health;
    private final DropWatch drops;
    /**
     * chat|role → the account it spoke through last, where that was not the first in line (to
     * log each change once). A role that speaks through its first account keeps no entry: every
     * chat routed to (each member's private chat too) would otherwise stay here for good.
     */
    private final Map<String, String> lastRoute = new java.util.concurrent.ConcurrentHashMap<>();

    /** Accounts whose group lookups follow no chat moves (tools, tests). */
    public Accounts(BotConfig config) { this(config, () -> qunzhu.config.ChatMoves.NONE); }

    public Accounts(BotConfig config, java.util.function.Supplier<qunzhu.config.ChatMoves> moves) {
        this(config, moves, java.time.Clock.systemUTC());
    }

    /** {@code moves}: the chat moves known now; a moved group's accounts serve its new id. {@code clock}: health times. */
    public Accounts(BotConfig config, java.util.function.Supplier<qunzhu.config.ChatMoves> moves, java.time.Clock clock) {
        this.config = config;
        this.moves = moves;
        this.health = new AccountHealth(clock, id -> limitsOf(id).failoverCooldown());
        this.drops = new DropWatch(clock, config.limits("onebot").silentDropWindow());
    }

    private qunzhu.config.OutboxLimits limitsOf(String accountId) {
        Platform p = byId.get(accountId);
        return config.limits(p == null ? "sandbox" : p.kind());
    }

    private volatile java.util.function.ToIntFunction<String> budgetLeft = id -> -1;

    /** The outbox tells how many sends each account's budget has left now (Integer.MAX_VALUE: no budget; -1: unknown). */
    public void budgetLeftFrom(java.util.function.ToIntFunction<String> f) { budgetLeft = f; }

    public int budgetLeft(String accountId) { return budgetLeft.applyAsInt(accountId); }

    /** Where each account stands in each chat. */
    public AccountHealth health() { return health; }

    /** Sends waiting to be seen by a sibling account (silent-drop detection). */
    public DropWatch drops() { return drops; }

    /** The configured account, or null (an account added by a test without config). */
    public AccountConfig config(String accountId) {
        for (AccountConfig a : config.accounts()) if (a.id().equals(accountId)) return a;
        return null;
    }

    /** The persona the account speaks as (null when the config names none). */
    public Persona personaOf(String accountId) {
        AccountConfig a = config(accountId);
        String pid = a != null ? a.personaId() : personaOf.get(accountId) == null ? null : personaOf.get(accountId).name();
        return pid == null ? null : config.personas().get(pid);
    }

    /**
     * The persona that speaks for {@code role} in {@code chat}: the persona of the first
     * serving account that plays the role there; else the first configured persona of that
     * role (its voice is kept when another account speaks for it); null when none is configured.
     */
    public Persona speaker(ChatRef chat, PersonaRole role) {
        if (chat != null) {
            for (Platform p : serving(chat)) {
                if (role.equals(personaOf.get(p.id()))) {
                    Persona persona = personaOf(p.id());
                    if (persona != null) return persona;
                }
            }
        }
        for (Persona p : config.personas().values()) if (p.role().equals(role)) return p;
        return null;
    }

    public void add(Platform platform, PersonaRole persona) {
        byId.put(platform.id(), platform);
        personaOf.put(platform.id(), persona);
    }

    public Platform get(String id) { return byId.get(id); }
    public List<Platform> all() { return List.copyOf(byId.values()); }
    public PersonaRole persona(String accountId) { return personaOf.get(accountId); }

    /**
     * Accounts that serve a chat: those the group lists, else every account of that platform;
     * for a private chat only the account it is held with.
     */
    /** How many configured groups {@code p} serves (every group of its platform that lists no accounts, and those listing it). */
    public int groupsServedBy(Platform p) {
        int n = 0;
        for (GroupConfig g : config.groups().values()) {
            if (!g.chat().platform().equals(p.kind())) continue;
            if (g.accounts().isEmpty() || g.accounts().contains(p.id())) n++;
        }
        return n;
    }

    public List<Platform> serving(ChatRef chat) {
        if (chat.isPrivate()) {
            Platform p = byId.get(chat.privateAccount());
            return p != null && p.kind().equals(chat.platform()) ? List.of(p) : List.of();
        }
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
        // A reply goes through the account that saw the message it answers, while that account can send there.
        if (owner != null && candidates.contains(byId.get(owner))
                && (!(action instanceof Action.Send) || health.canSend(owner, action.chat()))) return byId.get(owner);
        PersonaRole wanted = action instanceof Action.Send s ? s.persona()
                : action instanceof Action.SendPhoto p ? p.persona()
                : action.moderation() ? PersonaRole.MODERATOR : PersonaRole.HOST;
        List<Platform> order = order(action.chat(), wanted, candidates);
        boolean send = action instanceof Action.Send || action instanceof Action.SendPhoto;
        Platform chosen = null;
        for (Platform p : order) {
            if (send ? health.canSend(p.id(), action.chat()) : health.canAct(p.id(), action.chat())) { chosen = p; break; }
        }
        if (chosen == null) chosen = order.get(0);   // nobody can now: the first in line waits its turn
        noteRoute(action.chat(), wanted, order.get(0), chosen);
        return chosen;
    }

    /** Chats and roles whose route away from their first account is remembered. */
    int routesKept() { return lastRoute.size(); }

    /** The candidates in the order they speak for {@code role}: its own accounts, its fallback roles' accounts, then the rest. */
    List<Platform> order(ChatRef chat, PersonaRole role, List<Platform> candidates) {
        List<PersonaRole> roles = new ArrayList<>();
        roles.add(role);
        Persona persona = speaker(chat, role);
        roles.addAll(persona != null ? persona.fallback() : List.of(PersonaRole.HOST));
        List<Platform> out = new ArrayList<>();
        for (PersonaRole r : roles) for (Platform p : candidates) if (r.equals(personaOf.get(p.id())) && !out.contains(p)) out.add(p);
        for (Platform p : candidates) if (!out.contains(p)) out.add(p);
        return out;
    }

    /** Logs (INFO) when the account a role speaks through in a chat changes; only a change, never each send. */
    private void noteRoute(ChatRef chat, PersonaRole role, Platform first, Platform chosen) {
        String key = chat + "|" + role;
        String before = chosen == first ? lastRoute.remove(key) : lastRoute.put(key, chosen.id());
        if (before == null ? chosen == first : before.equals(chosen.id())) return;
        if (chosen == first) {
            log.info("persona {} in {} speaks through {} again", role, chat, chosen.id());
        } else {
            AccountHealth.Status st = health.status(first.id(), chat);
            Instant budget = health.budgetSpentUntil(first.id());
            String why = budget != null ? "send budget spent until " + budget : st.state().name().toLowerCase(java.util.Locale.ROOT)
                    + (st.until() == null ? "" : " until " + st.until());
            log.info("persona {} in {} falls back from {} ({}) to {}", role, chat, first.id(), why, chosen.id());
        }
    }

    /**
     * What every account delivered, before the pipeline drops the copies: a message of one of
     * our accounts seen by a sibling (it arrived), our account removed from or added to a group.
     */
    public void observed(qunzhu.core.Event e) {
        if (e instanceof qunzhu.core.Event.MessagePosted m) {
            String author = ownAccount(m.chat().platform(), m.author().id());
            if (author != null && !author.equals(m.account())) {
                drops.seen(author, m.chat());
                health.works(author, m.chat());
            }
        } else if (e instanceof qunzhu.core.Event.MemberLeft l) {
            String own = ownAccount(l.chat().platform(), l.member().id());
            if (own != null) health.absent(own, l.chat());
        } else if (e instanceof qunzhu.core.Event.MemberJoined j) {
            String own = ownAccount(j.chat().platform(), j.member().id());
            if (own != null) health.works(own, j.chat());
        }
    }

    /** The id of our account whose platform user is {@code memberId}, or null. */
    public String ownAccount(String platform, String memberId) {
        if (memberId == null) return null;
        for (Platform p : byId.values()) if (p.kind().equals(platform) && memberId.equals(p.selfId())) return p.id();
        return null;
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
        if (chat.isPrivate()) return List.of();   // a private chat has no admins
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
