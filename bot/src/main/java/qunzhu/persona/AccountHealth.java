package qunzhu.persona;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import qunzhu.core.ChatRef;

/**
 * Per account and chat: can this account speak there now? A state machine fed by outcomes
 * (a retry_after, a refusal that says the bot is muted or not in the group, a done send),
 * platform events (the bot was removed or added) and the silent-drop watch.
 *
 * <pre>
 *   OK ──retry_after──────► RATE_LIMITED until T ──T passes──► usable again (OK on the next done send)
 *   OK ──muted refusal────► MUTED (until T when known, else for the cooldown)
 *   OK ──kicked / left / chat not found──► ABSENT (tried again after the cooldown, or when it joins)
 *   OK ──silent drop──────► SILENT_DROPS (tried again after the cooldown)
 *   any ──done send / seen by a sibling / joined──► OK (the incident ends)
 * </pre>
 *
 * An incident opens when an account stops being usable in a chat and ends only when it works
 * there again: a retry after the cooldown that fails again belongs to the same incident, so
 * operators hear of it once. A spent send budget ({@link #budgetSpent}) holds for the whole
 * account until it refills. Thread-safe; listeners are told of every change of state, outside
 * any lock.
 */
public final class AccountHealth {
    public enum State { OK, RATE_LIMITED, MUTED, ABSENT, SILENT_DROPS }

    /** Where an account stands in a chat: its state, since when, until when (null: until it works again). */
    public record Status(State state, Instant since, Instant until, int drops) {
        public static final Status OK = new Status(State.OK, null, null, 0);
    }

    /** A change of state; {@code incident} is true when it opened a new incident (alert the operators). */
    public record Change(String account, ChatRef chat, Status from, Status to, boolean incident) {}

    private record Key(String account, ChatRef chat) {}

    private static final class Entry {
        Status status = Status.OK;
        boolean incident;
    }

    private final Clock clock;
    private final java.util.function.Function<String, Duration> cooldown;
    private final Map<Key, Entry> entries = new HashMap<>();
    private final Map<String, Instant> budgetUntil = new HashMap<>();
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    /** {@code cooldown}: per account, how long it rests after it failed (muted, absent, dropping) before it is tried again. */
    public AccountHealth(Clock clock, java.util.function.Function<String, Duration> cooldown) {
        this.clock = clock;
        this.cooldown = cooldown;
    }

    /** One cooldown for every account. */
    public AccountHealth(Clock clock, Duration cooldown) { this(clock, a -> cooldown); }

    public void onChange(Consumer<Change> l) { listeners.add(l); }

    public Duration cooldown(String account) { return cooldown.apply(account); }

    /** The platform said wait {@code delay} before sending to this chat again. */
    public void rateLimited(String account, ChatRef chat, Duration delay) {
        Instant now = clock.instant();
        set(account, chat, State.RATE_LIMITED, now.plus(delay), 0);
    }

    /** The account may not post here: muted, for {@code length} when known (null: unknown). */
    public void muted(String account, ChatRef chat, Duration length) {
        Instant now = clock.instant();
        set(account, chat, State.MUTED, now.plus(length == null ? cooldown(account) : length), 0);
    }

    /** The account is not in the group (removed, left, the chat is gone for it). */
    public void absent(String account, ChatRef chat) { set(account, chat, State.ABSENT, clock.instant().plus(cooldown(account)), 0); }

    /** A message the account sent never arrived (the platform said done). */
    public void silentDrop(String account, ChatRef chat) {
        int drops;
        synchronized (this) { Entry e = entries.get(new Key(account, chat)); drops = e == null ? 0 : e.status.drops(); }
        set(account, chat, State.SILENT_DROPS, clock.instant().plus(cooldown(account)), drops + 1);
    }

    /** The account demonstrably works in the chat again (a send done, a sibling saw its message, it joined). */
    public void works(String account, ChatRef chat) {
        Change c;
        synchronized (this) {
            Entry e = entries.get(new Key(account, chat));
            if (e == null) return;
            Status from = e.status;
            entries.remove(new Key(account, chat));
            if (from.state() == State.OK) return;
            c = new Change(account, chat, from, Status.OK, false);
        }
        tell(c);
    }

    /**
     * A send was done, which ends a rate limit, a mute or an absence (the platform took it),
     * but not suspected silent drops: a vanishing send is also answered done.
     */
    public void delivered(String account, ChatRef chat) {
        State s;
        synchronized (this) { Entry e = entries.get(new Key(account, chat)); s = e == null ? State.OK : e.status.state(); }
        if (s != State.OK && s != State.SILENT_DROPS) works(account, chat);
    }

    /** The account's own send budget is spent until {@code until}: it speaks nowhere before. */
    public synchronized void budgetSpent(String account, Instant until) { budgetUntil.put(account, until); }

    /** Until when the account's budget is spent (null: it has budget now). */
    public synchronized Instant budgetSpentUntil(String account) {
        Instant u = budgetUntil.get(account);
        if (u != null && !clock.instant().isBefore(u)) { budgetUntil.remove(account); return null; }
        return u;
    }

    /**
     * True when the account should be tried for a send to this chat now: its state is OK, or
     * the time it rests for has passed (the next send is the probe), and its budget is not spent.
     */
    public boolean canSend(String account, ChatRef chat) {
        if (budgetSpentUntil(account) != null) return false;
        return rested(account, chat, true);
    }

    /** True when the account may act in the chat (moderation): only absence stops that. */
    public boolean canAct(String account, ChatRef chat) { return rested(account, chat, false); }

    private synchronized boolean rested(String account, ChatRef chat, boolean send) {
        Entry e = entries.get(new Key(account, chat));
        if (e == null || e.status.state() == State.OK) return true;
        if (!send && e.status.state() != State.ABSENT) return true;
        return e.status.until() != null && !clock.instant().isBefore(e.status.until());
    }

    public synchronized Status status(String account, ChatRef chat) {
        Entry e = entries.get(new Key(account, chat));
        return e == null ? Status.OK : e.status;
    }

    /** Every account and chat whose state is not OK. */
    public synchronized Map<String, Map<ChatRef, Status>> troubled() {
        Map<String, Map<ChatRef, Status>> out = new HashMap<>();
        entries.forEach((k, e) -> out.computeIfAbsent(k.account(), a -> new HashMap<>()).put(k.chat(), e.status));
        return out;
    }

    private void set(String account, ChatRef chat, State state, Instant until, int drops) {
        Change c;
        synchronized (this) {
            Entry e = entries.computeIfAbsent(new Key(account, chat), k -> new Entry());
            Status from = e.status;
            Instant since = from.state() == state && from.since() != null ? from.since() : clock.instant();
            e.status = new Status(state, since, until, drops);
            boolean opened = !e.incident;
            e.incident = true;
            if (from.state() == state && !opened) {
                // Same state again (a retry after the cooldown failed alike): quietly extended.
                return;
            }
            c = new Change(account, chat, from, e.status, opened);
        }
        tell(c);
    }

    private void tell(Change c) {
        for (Consumer<Change> l : new ArrayList<>(listeners)) l.accept(c);
    }
}
