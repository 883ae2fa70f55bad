package qunzhu.platform.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import qunzhu.core.Action;
import qunzhu.core.Admin;
import qunzhu.core.Button;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.core.Outcome;
import qunzhu.text.TimeWords;
import qunzhu.text.Texts;

/**
 * The embedded chat world: groups, their members, transcripts, mutes and bans. It plays the
 * part a chat server plays for a real platform: members act through the HTTP API, each bot
 * account in a group receives the resulting event, and the bot's actions change the world
 * (a muted member cannot post, a banned one cannot join).
 *
 * <p>Message ids continue from a start value the wiring reads from the store, so ids stay
 * unique across restarts and the activity log's unique key never swallows a new message.
 */
public final class SandboxHub {
    public static final String PLATFORM = "sandbox";

    /**
     * One line of a transcript. {@code kind}: message, bot, system. {@code rev}: the hub's counter
     * when the line last changed (made, edited, deleted), so a poll "after N" also gets the lines
     * changed since N. {@code to}: the one member who sees this line (the answer to their button
     * press, as Telegram shows it to the presser alone), or null for everyone.
     */
    public record Entry(long seq, long rev, String id, String kind, String author, String authorName, String text,
                        String replyTo, List<Button> buttons, boolean deleted, Instant at, String to) {
        Entry asDeleted(long r) { return new Entry(seq, r, id, kind, author, authorName, text, replyTo, buttons, true, at, to); }
        Entry withText(String t, List<Button> b, long r) { return new Entry(seq, r, id, kind, author, authorName, t, replyTo, b, deleted, at, to); }
        boolean visibleTo(String viewer) { return to == null || to.equals(viewer); }
    }

    /** Thrown for member actions the chat refuses (not a member, muted, banned ...). */
    public static final class Refused extends RuntimeException {
        public final int status;
        Refused(int status, String message) { super(message, null, false, false); this.status = status; }
    }

    static final class Group {
        final String id;
        final String title;
        final Set<String> members = new LinkedHashSet<>();
        final Set<String> admins = new LinkedHashSet<>();
        final Map<String, Instant> mutedUntil = new LinkedHashMap<>();
        final Map<String, Instant> bannedUntil = new LinkedHashMap<>();
        final Map<String, String> pendingRequests = new LinkedHashMap<>();
        final List<Entry> transcript = new ArrayList<>();
        /** Client ids of posts stored durably, and of those being stored right now. */
        final Map<String, String> clientIds = new LinkedHashMap<>();
        final Set<String> clientIdsInFlight = new LinkedHashSet<>();
        String pinned;

        Group(String id, String title) { this.id = id; this.title = title; }
    }

    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, Set<String>> rights = new LinkedHashMap<>();
    private final Set<String> unsupported = new LinkedHashSet<>();
    private final List<SandboxAccount> accounts = new CopyOnWriteArrayList<>();
    /** Account id → the name its bot shows, for lines restored from the store. */
    private final Map<String, String> botNames = new LinkedHashMap<>();
    /** Button presses not answered yet: callback id → who pressed (the only one to see the answer). */
    private final Map<String, String> pressers = new LinkedHashMap<>(16, 0.75f, false) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, String> eldest) { return size() > 10_000; }
    };
    private final Clock clock;
    private Texts texts;
    private TimeWords words;
    private Map<String, String> locales = Map.of();
    private String defaultLocale = "en";
    private final java.util.function.LongUnaryOperator reserve;
    private final SandboxHistory history;
    /** Differs for each hub (each start), so a page that polled the one before reads the whole transcript again. */
    private final String epoch = Long.toString(System.nanoTime(), 36);
    private final Object idLock = new Object();
    private long nextId;
    private long idLimit;
    private long seq;

    /**
     * @param reserve given a block size, durably reserves that many ids and returns the first
     *                (the wiring keeps the high-water mark in the store's kv table)
     */
    public SandboxHub(Clock clock, java.util.function.LongUnaryOperator reserve) { this(clock, reserve, null); }

    /** @param history what the store remembers of the sandbox, replayed by {@link #restore} (null: nothing) */
    public SandboxHub(Clock clock, java.util.function.LongUnaryOperator reserve, SandboxHistory history) {
        this.clock = clock;
        this.texts = new Texts(List.of("core", "sandbox"), Map.of());
        this.words = new TimeWords(texts, java.time.ZoneOffset.UTC);
        this.reserve = reserve;
        this.history = history;
    }

    /**
     * The words of the sandbox's own system lines: templates ({@code sandbox.*}), the bot's
     * time zone and each group's locale (by group id; others get {@code defaultLocale}).
     */
    public synchronized void speak(Texts texts, TimeWords words, Map<String, String> locales, String defaultLocale) {
        this.texts = texts;
        this.words = words;
        this.locales = Map.copyOf(locales);
        this.defaultLocale = defaultLocale;
    }

    public synchronized void addGroup(String id, String title, List<String> members, List<String> admins) {
        Group g = groups.computeIfAbsent(id, k -> new Group(k, title == null ? k : title));
        g.members.addAll(members);
        g.admins.addAll(admins);
        g.members.addAll(admins);
    }

    /**
     * Limits an admin's rights in one group (neutral names: delete, restrict, ban, pin,
     * invite, promote), like a Telegram admin without "ban users". Admins have all by default.
     */
    public synchronized void setRights(String groupId, String member, Set<String> allowed) {
        rights.put(groupId + "|" + member, Set.copyOf(allowed));
    }

    /** Makes the sandbox answer Unsupported for these action kinds, like a platform without them. */
    public synchronized void unsupported(String... kinds) { unsupported.addAll(List.of(kinds)); }

    public synchronized List<Map<String, Object>> groups() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Group g : groups.values()) out.add(Map.of("id", g.id, "title", g.title, "members", List.copyOf(g.members),
                "admins", List.copyOf(g.admins)));
        return out;
    }

    void register(SandboxAccount a) { accounts.add(a); }

    /** The name a bot account shows; told by each account as it is made, used for restored lines. */
    synchronized void named(String account, String displayName) { botNames.put(account, displayName); }

    /**
     * Rebuilds the world the store remembers ({@link SandboxHistory}): members who joined or left,
     * mutes, bans, pending join requests, the pin, and the transcript with its deletions and edits.
     * Called once by the wiring, after the groups are added and the accounts made, before anyone
     * acts. The store is read before taking the hub's monitor (see {@link #nextId}).
     */
    public void restore() {
        if (history == null) return;
        List<SandboxHistory.Row> rows = history.rows();
        synchronized (this) {
            java.util.Set<Group> touched = new LinkedHashSet<>();
            for (SandboxHistory.Row r : rows) {
                Group g = groups.get(r.chat());
                if (g == null) continue;
                replay(g, r);
                touched.add(g);
            }
            for (Group g : touched) system(g, say(g, "restarted"));
        }
    }

    private void replay(Group g, SandboxHistory.Row r) {
        String m = r.member();
        Instant at = r.at();
        if (r.byMember()) {
            switch (r.kind()) {
                case "message" -> {
                    long n = ++seq;
                    g.transcript.add(new Entry(n, n, r.ref(), "message", m, m, r.text(), r.replyTo(), List.of(), false, at, null));
                    g.mutedUntil.remove(m);   // it could post: any mute had ended
                    if (r.ref() != null && r.ref().startsWith("c")) g.clientIds.put(r.ref().substring(1), r.ref());
                }
                case "join" -> {
                    g.members.add(m);
                    g.bannedUntil.remove(m);
                    g.pendingRequests.remove(m);
                    system(g, say(g, "joined", "name", m), null, at);
                }
                case "leave" -> {
                    g.members.remove(m);
                    system(g, say(g, "left", "name", m), null, at);
                }
                case "join_request" -> {
                    g.pendingRequests.put(m, r.ref());
                    system(g, say(g, "asked", "name", m), null, at);
                }
                default -> { }
            }
            return;
        }
        String bot = botNames.getOrDefault(r.account(), r.account());
        switch (r.kind()) {
            case "send", "sendphoto" -> {
                if (r.ref() == null) return;
                long n = ++seq;
                String text = r.kind().equals("send") ? r.text() : "[image] " + (r.text() == null ? "" : r.text());
                g.transcript.add(new Entry(n, n, r.ref(), "bot", "bot-" + r.account(), bot, text, null, List.of(), false, at, null));
            }
            case "edit" -> {
                for (int i = 0; i < g.transcript.size(); i++) {
                    Entry x = g.transcript.get(i);
                    if (x.id().equals(r.ref())) g.transcript.set(i, x.withText(r.text(), x.buttons(), ++seq));
                }
            }
            case "delete" -> {
                for (int i = 0; i < g.transcript.size(); i++) {
                    Entry x = g.transcript.get(i);
                    if (x.id().equals(r.text()) && !x.deleted()) g.transcript.set(i, x.asDeleted(++seq));
                }
            }
            case "mute" -> {
                g.mutedUntil.put(m, Instant.MAX);
                system(g, say(g, "muted", "name", m, "by", bot, "length", "", "reason", reason(r.reason())), null, at);
            }
            case "unmute" -> {
                g.mutedUntil.remove(m);
                system(g, say(g, "unmuted", "name", m, "by", bot), null, at);
            }
            case "kick" -> {
                g.members.remove(m);
                system(g, say(g, "kicked", "name", m, "by", bot, "reason", reason(r.reason())), null, at);
            }
            case "ban" -> {
                g.members.remove(m);
                g.bannedUntil.put(m, Instant.MAX);
                system(g, say(g, "banned", "name", m, "by", bot, "length", "", "reason", reason(r.reason())), null, at);
            }
            case "unban" -> {
                g.bannedUntil.remove(m);
                system(g, say(g, "unbanned", "name", m, "by", bot), null, at);
            }
            case "pin" -> g.pinned = r.text();
            case "approvejoin" -> {
                g.pendingRequests.remove(m);
                system(g, say(g, "approved", "name", m, "by", bot), null, at);
            }
            case "declinejoin" -> {
                g.pendingRequests.remove(m);
                system(g, say(g, "declined", "name", m, "by", bot, "reason", reason(r.reason())), null, at);
            }
            default -> { }   // answers to presses were for one member at that moment
        }
    }
    void unregister(SandboxAccount a) { accounts.remove(a); }

    private Group group(String id) {
        Group g = groups.get(id);
        if (g == null) throw new Refused(404, "no group \"" + id + "\" in the sandbox");
        return g;
    }

    private static String member(String m) {
        if (m == null || m.isBlank()) throw new Refused(400, "member is required");
        String t = m.strip();
        if (t.length() > 64) throw new Refused(400, "member names are at most 64 characters");
        return t;
    }

    /**
     * A fresh id. Never called while holding the hub's monitor: reserving a block writes to the
     * store, and the pipeline holds the store while it asks the hub who the admins are.
     */
    private String nextId() {
        synchronized (idLock) {
            if (nextId >= idLimit) {
                nextId = reserve.applyAsLong(1000);
                idLimit = nextId + 1000;
            }
            return Long.toString(nextId++);
        }
    }

    private ChatRef chat(Group g) { return new ChatRef(PLATFORM, g.id); }

    /**
     * A member posts. {@code clientId} makes the call idempotent: posting the same clientId
     * again (a retry after a lost answer) returns the first message's id and emits nothing.
     * The id is remembered only once the message was delivered durably: a post that was refused
     * (bad reply_to, muted ...) or failed to store leaves nothing behind, so its retry really posts.
     * A retry while the first try is still being stored is answered 409.
     */
    public String post(String groupId, String who, String text, String replyTo, String clientId) {
        Event e;
        String id;
        Entry entry;
        Group g;
        String fresh = clientId != null ? null : freshId();
        synchronized (this) {
            g = group(groupId);
            String m = member(who);
            if (text == null || text.isBlank()) throw new Refused(400, "text is required");
            if (clientId != null && g.clientIds.containsKey(clientId)) return g.clientIds.get(clientId);
            if (clientId != null && g.clientIdsInFlight.contains(clientId)) {
                throw new Refused(409, "a post with id " + clientId + " is still being stored; retry in a moment");
            }
            if (!g.members.contains(m)) throw new Refused(403, m + " is not a member of " + g.id + "; join first");
            Instant until = g.mutedUntil.get(m);
            Instant now = clock.instant();
            if (until != null && until.isAfter(now)) throw new Refused(403, until.equals(Instant.MAX) ? say(g, "refused_muted", "name", m)
                    : say(g, "refused_muted_until", "name", m, "until", words.at(until, now, locale(g))));
            MemberRef replyAuthor = null;
            if (replyTo != null) {
                Entry target = find(g, replyTo);
                if (target == null) throw new Refused(400, "no message " + replyTo + " in " + g.id);
                replyAuthor = new MemberRef(target.author(), target.authorName(), !"message".equals(target.kind()));
            }
            // Valid: from here on the post happens.
            g.mutedUntil.remove(m);
            id = clientId != null ? "c" + clientId : fresh;
            if (clientId != null) g.clientIdsInFlight.add(clientId);
            long n = ++seq;
            entry = new Entry(n, n, id, "message", m, m, text, replyTo, List.of(), false, now, null);
            g.transcript.add(entry);
            e = new Event.MessagePosted(EventKey.of(chat(g), id), chat(g), now, null, MemberRef.of(m, m), id, text,
                    replyTo, replyAuthor, false, false, false);
        }
        boolean durable = false;
        try {
            deliver(e, () -> {});   // the finally below takes a post back
            durable = true;
        } finally {
            synchronized (this) {
                if (clientId != null) {
                    g.clientIdsInFlight.remove(clientId);
                    if (durable) g.clientIds.put(clientId, id);
                }
                // Not stored: the chat does not show it either, so a retry is not a duplicate.
                if (!durable) g.transcript.remove(entry);
            }
        }
        return id;
    }

    public void join(String groupId, String who) { join(groupId, who, null); }

    /** Joins {@code who}, brought in by {@code invitedBy} (null: joined on their own), as a platform that says who invited. */
    public void join(String groupId, String who, String invitedBy) {
        Event e;
        Runnable undo;
        String fresh = freshId();
        synchronized (this) {
            Group g = group(groupId);
            String m = member(who);
            Instant banned = g.bannedUntil.get(m);
            Instant now = clock.instant();
            if (banned != null && (banned.equals(Instant.MAX) || banned.isAfter(now))) throw new Refused(403, m + " is banned from " + g.id);
            g.bannedUntil.remove(m);
            if (!g.members.add(m)) throw new Refused(409, m + " is already in " + g.id);
            Entry line = system(g, say(g, "joined", "name", m));
            MemberRef inviter = invitedBy == null ? null : MemberRef.of(member(invitedBy), member(invitedBy));
            e = new Event.MemberJoined(EventKey.of(chat(g), "join-" + fresh), chat(g), now, null, MemberRef.of(m, m), inviter);
            undo = () -> { g.members.remove(m); g.transcript.remove(line); };
        }
        deliver(e, undo);
    }

    public void leave(String groupId, String who) {
        Event e;
        Runnable undo;
        String fresh = freshId();
        synchronized (this) {
            Group g = group(groupId);
            String m = member(who);
            if (!g.members.remove(m)) throw new Refused(409, m + " is not in " + g.id);
            Entry line = system(g, say(g, "left", "name", m));
            e = new Event.MemberLeft(EventKey.of(chat(g), "leave-" + fresh), chat(g), clock.instant(), null, MemberRef.of(m, m), null);
            undo = () -> { g.members.add(m); g.transcript.remove(line); };
        }
        deliver(e, undo);
    }

    /** Asks to join a group that approves newcomers; the bot answers with approve or decline. */
    public void request(String groupId, String who, String comment) {
        Event e;
        Runnable undo;
        String fresh = freshId();
        synchronized (this) {
            Group g = group(groupId);
            String m = member(who);
            if (g.members.contains(m)) throw new Refused(409, m + " is already in " + g.id);
            String rid = "req-" + fresh;
            String before = g.pendingRequests.put(m, rid);
            Entry line = system(g, say(g, "asked", "name", m));
            e = new Event.JoinRequested(EventKey.of(chat(g), rid), chat(g), clock.instant(), null, MemberRef.of(m, m), rid, comment);
            undo = () -> {
                if (before == null) g.pendingRequests.remove(m); else g.pendingRequests.put(m, before);
                g.transcript.remove(line);
            };
        }
        deliver(e, undo);
    }

    public void press(String groupId, String who, String messageId, String data) {
        Event e;
        Runnable undo;
        String fresh = freshId();
        synchronized (this) {
            Group g = group(groupId);
            String m = member(who);
            Entry target = find(g, messageId);
            if (target == null || target.deleted()) throw new Refused(404, "no message " + messageId + " in " + g.id);
            boolean has = target.buttons().stream().anyMatch(b -> b.data().equals(data));
            if (!has) throw new Refused(400, "message " + messageId + " has no button " + data);
            String id = "press-" + fresh;
            pressers.put(id, m);
            e = new Event.ButtonPressed(EventKey.of(chat(g), id), chat(g), clock.instant(), null, MemberRef.of(m, m), messageId, data, id);
        }
        deliver(e, () -> {});
    }

    /** {@link #transcript(String, long, String)} as nobody in particular sees it: no private lines. */
    public Map<String, Object> transcript(String groupId, long after) { return transcript(groupId, after, null); }

    /**
     * The group as {@code viewer} sees it: {@code entries}, the lines made after {@code after} and
     * the older ones changed since (edited, deleted), in transcript order; lines meant for another
     * member are left out. {@code through}: the counter to pass as {@code after} next time.
     * {@code muted} lists members only (someone muted who left is not shown).
     */
    public synchronized Map<String, Object> transcript(String groupId, long after, String viewer) {
        Group g = group(groupId);
        Instant now = clock.instant();
        List<Entry> entries = new ArrayList<>();
        for (Entry x : g.transcript) if ((x.seq() > after || x.rev() > after) && x.visibleTo(viewer)) entries.add(x);
        List<String> muted = new ArrayList<>();
        g.mutedUntil.forEach((m, until) -> { if (until.isAfter(now) && g.members.contains(m)) muted.add(m); });
        List<String> banned = new ArrayList<>();
        g.bannedUntil.forEach((m, until) -> { if (until.isAfter(now)) banned.add(m); });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("group", g.id);
        out.put("title", g.title);
        out.put("entries", entries);
        out.put("through", seq);
        out.put("epoch", epoch);
        out.put("members", List.copyOf(g.members));
        out.put("admins", List.copyOf(g.admins));
        out.put("muted", muted);
        out.put("banned", banned);
        out.put("pinned", g.pinned);
        return out;
    }

    /**
     * Every bot account in the group receives the event, as on a real platform; the
     * pipeline's dedupe makes sure it is handled once. The sink returns once durable. If no
     * account could store it (the bot's store cannot write), the member's action did not
     * happen: {@code undo} takes it back and the caller gets 503, as from a platform that
     * could not accept the update.
     */
    private void deliver(Event e, Runnable undo) {
        boolean stored = false;
        RuntimeException failure = null;
        for (SandboxAccount a : accounts) {
            try {
                a.receive(e);
                stored = true;
            } catch (RuntimeException ex) {
                failure = ex;
            }
        }
        if (stored || failure == null) return;
        synchronized (this) { undo.run(); }
        throw new Refused(503, "the bot could not store this (" + failure.getMessage() + "); nothing was posted, try again");
    }

    /** {@link #nextId} for member actions: a store that cannot reserve ids answers 503. */
    private String freshId() {
        try {
            return nextId();
        } catch (RuntimeException e) {
            throw new Refused(503, "the bot could not store this (" + e.getMessage() + "); try again");
        }
    }

    private static Entry find(Group g, String id) {
        for (Entry e : g.transcript) if (e.id().equals(id)) return e;
        return null;
    }

    private Entry system(Group g, String text) { return system(g, text, null, clock.instant()); }

    private Entry system(Group g, String text, String to, Instant at) {
        long n = ++seq;
        Entry e = new Entry(n, n, "s" + n, "system", null, null, text, null, List.of(), false, at, to);
        g.transcript.add(e);
        return e;
    }

    synchronized List<Admin> admins(ChatRef chat) {
        Group g = groups.get(chat.id());
        if (g == null) return List.of();
        List<Admin> out = new ArrayList<>();
        for (String a : g.admins) out.add(new Admin(a, false, rights.getOrDefault(g.id + "|" + a, Admin.ALL_RIGHTS)));
        for (SandboxAccount acc : accounts) out.add(new Admin(acc.selfId(), false, rights.getOrDefault(g.id + "|" + acc.selfId(), Admin.ALL_RIGHTS)));
        return out;
    }

    /** Applies a bot action to the world; the sandbox supports every action kind. */
    /** Applies a bot action to the world, then delivers what it caused (an approved member's join). */
    Outcome apply(SandboxAccount by, Action action) {
        List<Event> caused = new ArrayList<>();
        Outcome o;
        // Taken before the monitor (see nextId()), and only by actions that create something.
        boolean creates = action instanceof Action.Send || action instanceof Action.SendPhoto || action instanceof Action.ApproveJoin;
        String[] ids = {creates ? nextId() : null};
        synchronized (this) { o = applyLocked(by, action, caused, ids); }
        for (Event e : caused) {   // outside the lock, like member actions
            try {
                deliver(e, () -> {});
            } catch (Refused r) {
                org.slf4j.LoggerFactory.getLogger(SandboxHub.class).error("sandbox: the bot could not store {} caused by its own {}: {}",
                        e.key(), action.kind(), r.getMessage());
            }
        }
        return o;
    }

    private Outcome applyLocked(SandboxAccount by, Action action, List<Event> caused, String[] ids) {
        Group g = groups.get(action.chat().id());
        if (g == null) return new Outcome.Failed("no group " + action.chat().id() + " in the sandbox", true);
        if (unsupported.contains(action.kind())) return new Outcome.Unsupported(action.kind());
        Instant now = clock.instant();
        String botName = by.displayName();
        if (action instanceof Action.Send s) {
            String id = ids[0];
            long n = ++seq;
            g.transcript.add(new Entry(n, n, id, "bot", by.selfId(), botName, s.text(), s.replyTo(), s.buttons(), false, now, null));
            return new Outcome.Done(id);
        }
        if (action instanceof Action.SendPhoto p) {
            String id = ids[0];
            long n = ++seq;
            g.transcript.add(new Entry(n, n, id, "bot", by.selfId(), botName, "[image " + p.png().length + " bytes] "
                    + (p.caption() == null ? "" : p.caption()), null, List.of(), false, now, null));
            return new Outcome.Done(id);
        }
        if (action instanceof Action.Edit ed) {
            for (int i = 0; i < g.transcript.size(); i++) {
                Entry x = g.transcript.get(i);
                if (x.id().equals(ed.messageId())) {
                    g.transcript.set(i, x.withText(ed.text(), ed.buttons(), ++seq));
                    return new Outcome.Done(x.id());
                }
            }
            return new Outcome.Failed("message to edit not found", true);
        }
        if (action instanceof Action.Delete d) {
            for (int i = 0; i < g.transcript.size(); i++) {
                Entry x = g.transcript.get(i);
                if (x.id().equals(d.messageId()) && !x.deleted()) {
                    g.transcript.set(i, x.asDeleted(++seq));
                    return Outcome.done();
                }
            }
            return new Outcome.Failed("message to delete not found", true);
        }
        if (action instanceof Action.Mute m) {
            Instant until = m.length() == null ? Instant.MAX : now.plus(m.length());
            g.mutedUntil.put(m.member().id(), until);
            system(g, say(g, "muted", "name", m.member().name(), "by", botName, "length", length(g, m.length(), now),
                    "reason", reason(m.reason())));
            return Outcome.done();
        }
        if (action instanceof Action.Unmute u) {
            g.mutedUntil.remove(u.member().id());
            system(g, say(g, "unmuted", "name", u.member().name(), "by", botName));
            return Outcome.done();
        }
        if (action instanceof Action.Kick k) {
            boolean was = g.members.remove(k.member().id());
            system(g, say(g, "kicked", "name", k.member().name(), "by", botName, "reason", reason(k.reason())));
            return was ? Outcome.done() : new Outcome.Failed(k.member().id() + " is not in the group", true);
        }
        if (action instanceof Action.Ban b) {
            g.members.remove(b.member().id());
            g.bannedUntil.put(b.member().id(), b.length() == null ? Instant.MAX : now.plus(b.length()));
            system(g, say(g, "banned", "name", b.member().name(), "by", botName, "length", length(g, b.length(), now),
                    "reason", reason(b.reason())));
            return Outcome.done();
        }
        if (action instanceof Action.Unban u) {
            g.bannedUntil.remove(u.member().id());
            system(g, say(g, "unbanned", "name", u.member().name(), "by", botName));
            return Outcome.done();
        }
        if (action instanceof Action.Pin p) {
            g.pinned = p.messageId();
            system(g, say(g, "pinned", "message", p.messageId(), "by", botName));
            return Outcome.done();
        }
        if (action instanceof Action.ApproveJoin a) {
            if (g.pendingRequests.remove(a.member().id()) == null) return new Outcome.Failed("no pending request", true);
            g.members.add(a.member().id());
            system(g, say(g, "approved", "name", a.member().name(), "by", botName));
            // As on Telegram: the approved member's arrival is a join like any other.
            caused.add(new Event.MemberJoined(EventKey.of(chat(g), "join-" + ids[0]), chat(g), now, null, a.member(), null));
            return Outcome.done();
        }
        if (action instanceof Action.DeclineJoin d) {
            if (g.pendingRequests.remove(d.member().id()) == null) return new Outcome.Failed("no pending request", true);
            system(g, say(g, "declined", "name", d.member().name(), "by", botName, "reason", reason(d.reason())));
            return Outcome.done();
        }
        if (action instanceof Action.AnswerButton b) {
            // Telegram shows this to the presser alone (a toast); so does the sandbox: a line only they see.
            String presser = pressers.remove(b.callbackId());
            if (b.text() != null && !b.text().isBlank() && presser != null) {
                system(g, say(g, "only_you", "by", botName, "text", b.text()), presser, now);
            }
            return Outcome.done();
        }
        return new Outcome.Unsupported(action.kind());
    }

    private static String reason(String r) { return r == null || r.isBlank() ? "" : " (" + r + ")"; }

    /** A system line in the group's locale ({@code sandbox.*} templates). */
    private String say(Group g, String key, Object... vars) { return texts.format(locale(g), "sandbox." + key, vars); }

    private String locale(Group g) { return locales.getOrDefault(g.id, defaultLocale); }

    /** " for 10 minutes (until 15:07)" / " until lifted", as the group reads it. */
    private String length(Group g, Duration d, Instant now) {
        if (d == null) return say(g, "no_end");
        return say(g, "for", "span", words.duration(d, locale(g)), "until", words.at(now.plus(d), now, locale(g)));
    }
}
