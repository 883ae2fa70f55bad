package qunzhu.features.calendar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import qunzhu.config.GroupConfig;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.FollowUp;
import qunzhu.core.PersonaRole;
import qunzhu.core.Priority;
import qunzhu.feature.CommandCall;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;
import qunzhu.feature.UsageException;
import qunzhu.schedule.Job;

/**
 * {@code /broadcast <profile|group,group,...|all> <text>} (operators): one post per target group,
 * all queued in the transaction that records the broadcast and its targets, through the outbox,
 * which keeps every platform's limits (Telegram: one message a second per chat, 20 a minute per
 * group, 30 a second per bot account). Each post carries a {@link FollowUp}: its final outcome
 * comes back as a job that records the target as sent or failed (once), reports progress at each
 * quarter, and at the end how many went out and which failed and why. After a restart the posts
 * not yet sent go out from outbox_pending and their outcomes are counted the same way; nothing
 * is queued again, so nothing doubles.
 */
final class Broadcasts {
    static final String SENT = "broadcast_sent";
    /** Progress is told for broadcasts to at least this many groups. */
    static final int PROGRESS_FROM = 8;

    private final Setup s;
    private final CalendarStore store;

    Broadcasts(Setup s, CalendarStore store) {
        this.s = s;
        this.store = store;
    }

    List<Action> broadcast(CommandCall call) {
        FeatureContext ctx = call.ctx();
        List<String> w = call.words();
        if (w.size() < 2) throw new UsageException(null);
        String spec = w.get(0);
        String text = call.rest().substring(call.rest().indexOf(spec) + spec.length()).strip();
        Map<String, GroupConfig> all = s.config().groups();
        List<GroupConfig> targets = new ArrayList<>();
        if (spec.equals("all")) {
            targets.addAll(all.values());
        } else {
            for (GroupConfig g : all.values()) if (spec.equals(g.profile())) targets.add(g);
            if (targets.isEmpty()) {
                Map<String, GroupConfig> picked = new LinkedHashMap<>();
                for (String k : spec.split("[,，]")) {
                    GroupConfig g = all.get(k.strip());
                    if (g == null) return List.of(call.reply(ctx.text("calendar.broadcast_unknown", "name", k.strip(),
                            "groups", String.join(", ", all.keySet()))));
                    picked.put(g.key(), g);
                }
                targets.addAll(picked.values());
            }
        }
        if (targets.isEmpty()) return List.of(call.reply(ctx.text("calendar.broadcast_none")));
        long id = store.newBroadcast(call.message().chat(), call.message().messageId(), call.caller().id(), text, ctx.now());
        List<Action> out = new ArrayList<>();
        for (GroupConfig g : targets) {
            store.target(id, g.chat());
            String body = s.texts().format(g.locale(), "calendar.broadcast_post", "text", text);
            out.add(Action.Send.of(g.chat(), PersonaRole.HOST, body).withPriority(Priority.CHATTER)
                    .then(new FollowUp(s.feature(), SENT, Long.toString(id))));
        }
        out.add(0, call.reply(ctx.text("calendar.broadcast_queued", "id", id, "count", targets.size())));
        return out;
    }

    /** One target's final outcome: counted once; progress at each quarter, and the report at the end. */
    List<Action> sent(Job job, FeatureContext ctx) {
        FollowUp.Report r = FollowUp.Report.decode(job.payload());
        long id = Long.parseLong(r.payload());
        CalendarStore.Broadcast b = store.broadcast(id);
        ChatRef chat = job.chat();
        if (b == null || chat == null) return List.of();
        String reason = r.done() ? null : r.unsupported() ? "unsupported: " + r.reason() : r.reason();
        if (!store.outcome(id, chat, r.done(), reason)) return List.of();
        long sent = store.count(id, "sent");
        long failed = store.count(id, "failed");
        long queued = store.count(id, "queued");
        long total = sent + failed + queued;
        int step = queued == 0 ? 4 : total >= PROGRESS_FROM ? (int) (4 * (sent + failed) / total) : 0;
        if (step <= b.reported()) return List.of();
        store.reported(id, step);
        GroupConfig origin = s.group(b.chat());
        String locale = origin != null ? origin.locale() : s.config().locale();
        String text;
        if (step < 4) {
            text = s.texts().format(locale, "calendar.broadcast_progress", "id", id, "done", sent + failed, "count", total);
        } else {
            List<String> lines = new ArrayList<>();
            lines.add(s.texts().format(locale, "calendar.broadcast_done", "id", id, "sent", sent, "failed", failed, "count", total));
            for (String[] f : store.failures(id)) {
                GroupConfig g = s.group(new ChatRef(f[0], f[1]));
                lines.add(s.texts().format(locale, "calendar.broadcast_failed", "group", g == null ? f[0] + ":" + f[1] : g.title(),
                        "reason", f[2] == null || f[2].isBlank() ? "?" : f[2]));
            }
            text = String.join("\n", lines);
        }
        Action.Send report = Action.Send.of(b.chat(), PersonaRole.REPORTER, text);
        return List.of(b.replyTo() == null ? report : report.replyingTo(b.replyTo()));
    }
}
