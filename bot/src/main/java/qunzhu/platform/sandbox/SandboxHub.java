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

    /** One line of a transcript. {@code kind}: message, bot, system. */
    public record Entry(long seq, String id, String kind, String author, String authorName, String text,
                        String replyTo, List<Button> buttons, boolean deleted, Instant at) {
        Entry asDeleted() { return new Entry(seq, id, kind, author, authorName, text, replyTo, buttons, true, at); }
        Entry withText(String t, List<Button> b) { return new Entry(seq, id, kind, author, authorName, t, replyTo, b, deleted, at); }
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
    private final Clock clock;
    private final java.util.function.LongUnaryOperator reserve;
    private final Object idLock = new Object();
    private long nextId;
    private long idLimit;
    private long seq;

    /**
     * @param reserve given a block size, durably reserves that many ids and returns the first
     *                (the wiring keeps the high-water mark in the store's kv table)
     */
    public SandboxHub(Clock clock, java.util.function.LongUnaryOperator reserve) {
        this.clock = clock;
        this.reserve = reserve;
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
            if (until != null && until.isAfter(now)) throw new Refused(403, m + " is muted until " + until);
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
            entry = new Entry(++seq, id, "message", m, m, text, replyTo, List.of(), false, now);
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

    public void join(String groupId, String who) {
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
            Entry line = system(g, "→ " + m + " joined");
            e = new Event.MemberJoined(EventKey.of(chat(g), "join-" + fresh), chat(g), now, null, MemberRef.of(m, m), null);
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
            Entry line = system(g, "← " + m + " left");
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
            Entry line = system(g, "? " + m + " asked to join");
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
            e = new Event.ButtonPressed(EventKey.of(chat(g), id), chat(g), clock.instant(), null, MemberRef.of(m, m), messageId, data, id);
        }
        deliver(e, () -> {});
    }

    public synchronized Map<String, Object> transcript(String groupId, long after) {
        Group g = group(groupId);
        Instant now = clock.instant();
        List<Entry> entries = new ArrayList<>();
        for (Entry x : g.transcript) if (x.seq() > after) entries.add(x);
        List<String> muted = new ArrayList<>();
        g.mutedUntil.forEach((m, until) -> { if (until.isAfter(now)) muted.add(m); });
        List<String> banned = new ArrayList<>();
        g.bannedUntil.forEach((m, until) -> { if (until.isAfter(now)) banned.add(m); });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("group", g.id);
        out.put("title", g.title);
        out.put("entries", entries);
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

    private Entry system(Group g, String text) {
        Entry e = new Entry(++seq, "s" + seq, "system", null, null, text, null, List.of(), false, clock.instant());
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
            g.transcript.add(new Entry(++seq, id, "bot", by.selfId(), botName, s.text(), s.replyTo(), s.buttons(), false, now));
            return new Outcome.Done(id);
        }
        if (action instanceof Action.SendPhoto p) {
            String id = ids[0];
            g.transcript.add(new Entry(++seq, id, "bot", by.selfId(), botName, "[image " + p.png().length + " bytes] "
                    + (p.caption() == null ? "" : p.caption()), null, List.of(), false, now));
            return new Outcome.Done(id);
        }
        if (action instanceof Action.Edit ed) {
            for (int i = 0; i < g.transcript.size(); i++) {
                Entry x = g.transcript.get(i);
                if (x.id().equals(ed.messageId())) {
                    g.transcript.set(i, x.withText(ed.text(), ed.buttons()));
                    return new Outcome.Done(x.id());
                }
            }
            return new Outcome.Failed("message to edit not found", true);
        }
        if (action instanceof Action.Delete d) {
            for (int i = 0; i < g.transcript.size(); i++) {
                Entry x = g.transcript.get(i);
                if (x.id().equals(d.messageId()) && !x.deleted()) {
                    g.transcript.set(i, x.asDeleted());
                    return Outcome.done();
                }
            }
            return new Outcome.Failed("message to delete not found", true);
        }
        if (action instanceof Action.Mute m) {
            Instant until = m.length() == null ? Instant.MAX : now.plus(m.length());
            g.mutedUntil.put(m.member().id(), until);
            system(g, "🔇 " + m.member().name() + " muted" + (m.length() == null ? "" : " for " + human(m.length())) + " by " + botName
                    + reason(m.reason()));
            return Outcome.done();
        }
        if (action instanceof Action.Unmute u) {
            g.mutedUntil.remove(u.member().id());
            system(g, "🔈 " + u.member().name() + " unmuted by " + botName);
            return Outcome.done();
        }
        if (action instanceof Action.Kick k) {
            boolean was = g.members.remove(k.member().id());
            system(g, "👢 " + k.member().name() + " removed by " + botName + reason(k.reason()));
            return was ? Outcome.done() : new Outcome.Failed(k.member().id() + " is not in the group", true);
        }
        if (action instanceof Action.Ban b) {
            g.members.remove(b.member().id());
            g.bannedUntil.put(b.member().id(), b.length() == null ? Instant.MAX : now.plus(b.length()));
            system(g, "⛔ " + b.member().name() + " banned" + (b.length() == null ? "" : " for " + human(b.length())) + " by " + botName
                    + reason(b.reason()));
            return Outcome.done();
        }
        if (action instanceof Action.Unban u) {
            g.bannedUntil.remove(u.member().id());
            system(g, "✅ " + u.member().name() + " unbanned by " + botName);
            return Outcome.done();
        }
        if (action instanceof Action.Pin p) {
            g.pinned = p.messageId();
            system(g, "📌 message " + p.messageId() + " pinned by " + botName);
            return Outcome.done();
        }
        if (action instanceof Action.ApproveJoin a) {
            if (g.pendingRequests.remove(a.member().id()) == null) return new Outcome.Failed("no pending request", true);
            g.members.add(a.member().id());
            system(g, "✅ " + a.member().name() + "'s request approved by " + botName);
            // As on Telegram: the approved member's arrival is a join like any other.
            caused.add(new Event.MemberJoined(EventKey.of(chat(g), "join-" + ids[0]), chat(g), now, null, a.member(), null));
            return Outcome.done();
        }
        if (action instanceof Action.DeclineJoin d) {
            if (g.pendingRequests.remove(d.member().id()) == null) return new Outcome.Failed("no pending request", true);
            system(g, "✖ " + d.member().name() + "'s request declined by " + botName + reason(d.reason()));
            return Outcome.done();
        }
        if (action instanceof Action.AnswerButton b) {
            // A platform shows this to the presser alone; the sandbox shows it as a quiet line.
            if (b.text() != null && !b.text().isBlank()) system(g, "💬 " + botName + ": " + b.text());
            return Outcome.done();
        }
        return new Outcome.Unsupported(action.kind());
    }

    private static String reason(String r) { return r == null || r.isBlank() ? "" : " (" + r + ")"; }

    static String human(Duration d) {
        long s = d.getSeconds();
        if (s % 86400 == 0) return s / 86400 + "d";
        if (s % 3600 == 0) return s / 3600 + "h";
        if (s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }
}
