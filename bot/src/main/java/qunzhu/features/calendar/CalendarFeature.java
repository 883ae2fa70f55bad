package qunzhu.features.calendar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import qunzhu.config.BotSection;
import qunzhu.core.Action;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;
import qunzhu.feature.UsageException;

/**
 * The content calendar (群SOP) and broadcasts (批量群发). Entries come from {@code calendar:}
 * (see {@link CalendarConfig}); operators see and steer them with {@code /schedule list},
 * {@code /schedule pause|resume <entry>}, {@code /schedule preview <entry> [n]} and
 * {@code /post now <entry>}, and post one text to many groups with {@code /broadcast}.
 */
public final class CalendarFeature implements Feature {
    static final int PREVIEW_MAX = 10;

    @Override public String name() { return "calendar"; }

    @Override public List<BotSection<?>> botSections() { return List.of(CalendarConfig.SECTION); }

    @Override public void install(Setup s) {
        s.moveWithChat("calendar_post", "broadcast_target");
        CalendarStore store = new CalendarStore(s.store());
        Calendar calendar = new Calendar(s, s.config().section(CalendarConfig.class, CalendarConfig.EMPTY), store);
        Broadcasts broadcasts = new Broadcasts(s, store);
        s.onJob(Calendar.DUE, calendar::due);
        s.onJob(Calendar.POST, calendar::post);
        s.onJob(Broadcasts.SENT, broadcasts::sent);
        Commands c = new Commands(calendar);
        s.command(CommandSpec.of("schedule").alias("日程").operator().arg(Arg.text("what").optional()).handler(c::schedule));
        s.command(CommandSpec.of("post").operator().arg(Arg.text("what")).handler(c::postNow));
        s.command(CommandSpec.of("broadcast").alias("群发").operator().arg(Arg.text("what")).handler(broadcasts::broadcast));
        calendar.start();
    }

    private record Commands(Calendar calendar) {
        List<Action> schedule(CommandCall call) {
            List<String> w = call.words();
            FeatureContext ctx = call.ctx();
            if (w.isEmpty() || w.get(0).equals("list")) return List.of(call.reply(list(ctx)));
            String verb = w.get(0);
            if (w.size() < 2 || !List.of("pause", "resume", "preview").contains(verb)) throw new UsageException(null);
            Entry e = calendar.config().entries().get(w.get(1));
            if (e == null) return List.of(call.reply(unknown(ctx, w.get(1))));
            switch (verb) {
                case "pause":
                    if (w.size() > 2) throw new UsageException(null);
                    return List.of(call.reply(ctx.text(calendar.pause(e) ? "calendar.paused" : "calendar.already_paused", "entry", e.id())));
                case "resume": {
                    if (w.size() > 2) throw new UsageException(null);
                    Instant next = calendar.resume(e, ctx.now());
                    return List.of(call.reply(next == null ? ctx.text("calendar.resumed_none", "entry", e.id())
                            : ctx.text("calendar.resumed", "entry", e.id(), "time", ctx.time(next))));
                }
                default: {
                    int n = 3;
                    if (w.size() > 3) throw new UsageException(null);
                    if (w.size() == 3) {
                        try {
                            n = Integer.parseInt(w.get(2));
                        } catch (NumberFormatException x) {
                            throw new UsageException(null);
                        }
                        if (n < 1 || n > PREVIEW_MAX) throw new UsageException(null);
                    }
                    List<Calendar.Preview> posts = calendar.preview(e, n, ctx.now(), ctx);
                    if (posts.isEmpty()) return List.of(call.reply(ctx.text("calendar.preview_none", "entry", e.id())));
                    List<String> lines = new ArrayList<>();
                    lines.add(ctx.text("calendar.preview_head", "entry", e.id(), "count", posts.size()));
                    int i = 1;
                    for (Calendar.Preview p : posts) lines.add(ctx.text("calendar.preview_line", "n", i++, "time", ctx.time(p.at()), "text", p.what()));
                    return List.of(call.reply(String.join("\n", lines)));
                }
            }
        }

        private String list(FeatureContext ctx) {
            if (calendar.config().entries().isEmpty()) return ctx.text("calendar.list_empty");
            List<String> lines = new ArrayList<>();
            lines.add(ctx.text("calendar.list_head", "zone", calendar.zone().getId()));
            for (Entry e : calendar.config().entries().values()) {
                int groups = calendar.targets(e).size();
                Instant next = calendar.next(e);
                String key = calendar.paused(e) ? "calendar.list_paused" : next == null ? "calendar.list_done" : "calendar.list_line";
                lines.add(ctx.text(key, "entry", e.id(), "time", next == null ? "" : ctx.time(next), "schedule", e.schedule().text(),
                        "groups", groups, "persona", e.persona().name()));
            }
            return String.join("\n", lines);
        }

        private String unknown(FeatureContext ctx, String id) {
            return ctx.text("calendar.unknown_entry", "entry", id, "entries", String.join(", ", calendar.config().entries().keySet()));
        }

        List<Action> postNow(CommandCall call) {
            List<String> w = call.words();
            if (w.size() != 2 || !w.get(0).equals("now")) throw new UsageException(null);
            FeatureContext ctx = call.ctx();
            Entry e = calendar.config().entries().get(w.get(1));
            if (e == null) return List.of(call.reply(unknown(ctx, w.get(1))));
            int n = calendar.run(e, ctx.now(), true, false, ctx.now());
            return List.of(call.reply(n == 0 ? ctx.text("calendar.posted_already", "entry", e.id())
                    : ctx.text("calendar.posting", "entry", e.id(), "count", n)));
        }
    }
}
