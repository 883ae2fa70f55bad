package qunzhu.features.calendar;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.config.GroupConfig;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.Priority;
import qunzhu.core.Tally;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;
import qunzhu.platform.Platform;
import qunzhu.schedule.Job;

/**
 * Runs the calendar. Each entry has one pending job ({@value #DUE}, payload the entry id) due at
 * its next run; the entry's row keeps that time, its schedule text and whether it is paused. At
 * start the jobs are laid again from those rows, so a changed schedule starts from now and a
 * restart neither forgets nor doubles a run.
 *
 * <p>A run is a row (one per entry and occurrence: a job that runs twice starts nothing new),
 * the pool posts it picked, and one {@value #POST} job per target chat. Each chat's job writes
 * the chat's calendar_post row in the transaction that queues its post (or emits its trigger),
 * so a kill at any point leaves each chat either posted (its action is in outbox_pending and goes
 * out at the next start) or not yet (its job is still pending): never twice, never lost. One job
 * per chat also keeps each job's follow-up events to two (a Counted and a Triggered), far below
 * the pipeline's cap, and gives each post the chat's own locale and persona voice.
 *
 * <p>A run made later than {@code late_after} after its time was missed (the bot was down):
 * {@code missed: skip} drops it, {@code missed: late} makes it once, saying it is late. Either
 * way the next run is the next time after now, so a week down costs one late post, not seven.
 */
final class Calendar {
    private static final Logger log = LoggerFactory.getLogger(Calendar.class);
    static final String DUE = "due";
    static final String POST = "post";

    private final Setup s;
    private final CalendarConfig cfg;
    private final CalendarStore store;

    Calendar(Setup s, CalendarConfig cfg, CalendarStore store) {
        this.s = s;
        this.cfg = cfg;
        this.store = store;
    }

    CalendarConfig config() { return cfg; }

    /** Lays each entry's job from its row (a new entry: its first run; a changed schedule: from now). */
    void start() {
        Instant now = s.clock().instant();
        for (String known : store.knownEntries()) {
            if (!cfg.entries().containsKey(known)) s.scheduler().cancel(s.feature(), DUE, known);
        }
        for (Entry e : cfg.entries().values()) {
            CalendarStore.State st = store.state(e.id());
            s.scheduler().cancel(s.feature(), DUE, e.id());
            if (st == null) {
                st = new CalendarStore.State(e.id(), e.schedule().text(), e.atStart() ? now : e.schedule().next(now, zone()), false);
            } else if (!st.schedule().equals(e.schedule().text())) {
                log.info("calendar entry {}: schedule changed to \"{}\"; next run from now", e.id(), e.schedule().text());
                st = new CalendarStore.State(e.id(), e.schedule().text(), e.schedule().next(now, zone()), st.paused());
            }
            store.save(st);
            if (!st.paused() && st.next() != null) s.scheduler().schedule(st.next(), s.feature(), DUE, null, e.id());
        }
    }

    java.time.ZoneId zone() { return s.config().zone(); }

    /** An entry's run came due: plan the next one, then run this one (or skip it, when missed and so configured). */
    List<Action> due(Job job, FeatureContext ctx) {
        Entry e = cfg.entries().get(job.payload());
        CalendarStore.State st = store.state(job.payload());
        if (e == null || st == null || st.paused() || st.next() == null || !st.next().equals(job.due())) return List.of();
        Instant occurrence = job.due();
        Instant now = ctx.now();
        boolean late = Duration.between(occurrence, now).compareTo(cfg.lateAfter()) > 0;
        Instant next = e.schedule().next(now.isAfter(occurrence) ? now : occurrence, zone());
        store.save(new CalendarStore.State(e.id(), st.schedule(), next, false));
        if (next != null) s.scheduler().schedule(next, s.feature(), DUE, null, e.id());
        if (late && e.missed() == Entry.Missed.SKIP) {
            log.info("calendar entry {}: the run of {} was missed while the bot was down; skipped (missed: skip)", e.id(), occurrence);
            return List.of();
        }
        run(e, occurrence, false, late, now);
        return List.of();
    }

    /**
     * Starts a run: its row, the pool posts it uses (the rotation moves on now, once per run),
     * one post job per target chat. Returns how many chats it targets; 0 when this occurrence
     * already ran.
     */
    int run(Entry e, Instant occurrence, boolean manual, boolean late, Instant now) {
        Long run = store.startRun(e.id(), occurrence, manual, late, now);
        if (run == null) return 0;
        List<GroupConfig> groups = e.target().resolve(s.config().groups());
        if (e.content() instanceof Entry.Content.FromPool p) {
            Set<String> done = new HashSet<>();
            for (GroupConfig g : groups) {
                Pool pool = p.forLocale(g.locale());
                if (!done.add(pool.name())) continue;
                CalendarStore.Rotation r = store.rotation(e.id(), pool.name());
                Pool.Pick pick = pool.next(e.id(), r.cycle(), r.used());
                store.use(e.id(), pool.name(), pick.cycle(), pick.post().key());
                store.pick(run, pool.name(), pick.post().key());
            }
        }
        for (GroupConfig g : groups) s.scheduler().schedule(now, s.feature(), POST, g.chat(), Long.toString(run));
        log.info("calendar entry {}: run {} of {} to {} chat(s){}", e.id(), run, occurrence, groups.size(), late ? " (late)" : "");
        return groups.size();
    }

    /** One chat's post of a run, once. */
    List<Action> post(Job job, FeatureContext ctx) {
        CalendarStore.Run run = store.run(Long.parseLong(job.payload()));
        Entry e = run == null ? null : cfg.entries().get(run.entry());
        GroupConfig g = ctx.group();
        if (e == null || g == null) return List.of();
        ChatRef chat = job.chat();
        String text = null;
        java.nio.file.Path image = null;
        String what;
        if (e.content() instanceof Entry.Content.Text t) {
            text = t.text();
            image = t.image();
            what = "text";
        } else if (e.content() instanceof Entry.Content.FromPool p) {
            Pool pool = p.forLocale(g.locale());
            String key = store.picked(run.id(), pool.name());
            Pool.Post post = null;
            for (Pool.Post candidate : pool.posts()) if (candidate.key().equals(key)) post = candidate;
            if (post == null) {
                log.warn("calendar entry {}: the post run {} picked from {} is no longer in the pool; {} gets nothing", e.id(), run.id(), pool.name(), chat);
                return List.of();
            }
            text = post.text();
            image = post.image();
            what = "pool:" + key;
        } else {
            what = "trigger:" + ((Entry.Content.Trigger) e.content()).name();
        }
        Instant now = ctx.now();
        if (!store.posted(run.id(), chat, what, now)) return List.of();
        String account = account(chat, e);
        String nativeId = "calendar:" + run.id();
        ctx.emit(new Event.Counted(EventKey.of(chat, nativeId + ":counted"), chat, now, account, null, Tally.CALENDAR_POST, 1,
                e.id() + "/" + e.persona().name()));
        if (e.content() instanceof Entry.Content.Trigger t) {
            ctx.emit(new Event.Triggered(EventKey.of(chat, nativeId), chat, now, account, t.name(), t.argument(), e.persona(), run.late()));
            return List.of();
        }
        String body = run.late()
                ? ctx.text(e.persona(), "calendar.post_late", "text", text, "time", ctx.time(run.occurrence()))
                : ctx.text(e.persona(), "calendar.post", "text", text);
        if (image != null && ctx.capabilities().can(Action.SendPhoto.class)) {
            try {
                return List.of(new Action.SendPhoto(chat, e.persona(), Files.readAllBytes(image), body));
            } catch (IOException x) {
                log.warn("calendar entry {}: cannot read image {} ({}); posting the text alone", e.id(), image, x.toString());
            }
        }
        return List.of(Action.Send.of(chat, e.persona(), body).withPriority(Priority.CHATTER));
    }

    /** The account that speaks for the entry's persona in that chat (the outbox routes the same way). */
    private String account(ChatRef chat, Entry e) {
        Platform p = s.accounts().route(Action.Send.of(chat, e.persona(), "-"));
        return p == null ? null : p.id();
    }

    // ---- what the commands show

    /** The entry's next run as planned (null: paused, or none left). */
    Instant next(Entry e) {
        CalendarStore.State st = store.state(e.id());
        return st == null || st.paused() ? null : st.next();
    }

    boolean paused(Entry e) {
        CalendarStore.State st = store.state(e.id());
        return st != null && st.paused();
    }

    /** Pauses an entry: its job is cancelled; false when it was paused already. */
    boolean pause(Entry e) {
        CalendarStore.State st = store.state(e.id());
        if (st == null || st.paused()) return false;
        s.scheduler().cancel(s.feature(), DUE, e.id());
        store.save(new CalendarStore.State(e.id(), st.schedule(), st.next(), true));
        return true;
    }

    /** Resumes an entry from now (runs that fell in the pause are not made up); its next run, or null. */
    Instant resume(Entry e, Instant now) {
        CalendarStore.State st = store.state(e.id());
        s.scheduler().cancel(s.feature(), DUE, e.id());
        Instant next = e.schedule().next(now, zone());
        store.save(new CalendarStore.State(e.id(), e.schedule().text(), next, false));
        if (next != null) s.scheduler().schedule(next, s.feature(), DUE, null, e.id());
        return next;
    }

    /** One post a preview shows: when, and what (for the first target group's locale). */
    record Preview(Instant at, String what) {}

    /** The next {@code n} runs and their posts, computed without posting or moving the rotation. */
    List<Preview> preview(Entry e, int n, Instant now, FeatureContext ctx) {
        List<Preview> out = new ArrayList<>();
        Instant at = next(e);
        if (at == null) at = e.schedule().next(now, zone());
        List<GroupConfig> groups = e.target().resolve(s.config().groups());
        String locale = groups.isEmpty() ? s.config().locale() : groups.get(0).locale();
        Map<String, CalendarStore.Rotation> rotations = new LinkedHashMap<>();
        while (at != null && out.size() < n) {
            String what;
            if (e.content() instanceof Entry.Content.Text t) {
                what = t.text() + (t.image() != null ? " [" + t.image().getFileName() + "]" : "");
            } else if (e.content() instanceof Entry.Content.FromPool p) {
                Pool pool = p.forLocale(locale);
                CalendarStore.Rotation r = rotations.computeIfAbsent(pool.name(), k -> store.rotation(e.id(), k));
                Pool.Pick pick = pool.next(e.id(), r.cycle(), r.used());
                Set<String> used = pick.cycle() == r.cycle() ? new HashSet<>(r.used()) : new HashSet<>();
                used.add(pick.post().key());
                rotations.put(pool.name(), new CalendarStore.Rotation(pick.cycle(), used));
                what = pick.post().text();
            } else {
                Entry.Content.Trigger t = (Entry.Content.Trigger) e.content();
                what = ctx.text("calendar.preview_trigger", "trigger", t.name(), "argument", t.argument() == null ? "-" : t.argument());
            }
            out.add(new Preview(at, what));
            at = e.schedule().next(at, zone());
        }
        return out;
    }

    List<GroupConfig> targets(Entry e) { return e.target().resolve(s.config().groups()); }
}
