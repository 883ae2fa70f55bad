package qunzhu.features.poll;

import java.util.List;
import qunzhu.config.GroupSection;
import qunzhu.core.Event;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.Setup;

/**
 * Polls (投票): {@code /poll "question" "option" "option" ... [length] [anonymous]} (moderators,
 * or members where {@code poll.starters} says so; the calendar starts one with the trigger
 * "poll"); members vote with the buttons or by sending the option's number, one vote each and
 * changeable until the close; the poll message shows the live count; the results are posted at
 * the close (a job, so a restart keeps it) or at {@code /poll close}. An anonymous poll never
 * shows who voted for what.
 */
public final class PollFeature implements Feature {
    @Override public String name() { return "poll"; }

    @Override public List<GroupSection<?>> sections() { return List.of(PollConfig.SECTION); }

    @Override public void install(Setup s) {
        s.moveWithChat("poll_polls");
        Polls p = new Polls(s, new PollStore(s.store()));
        s.command(CommandSpec.of("poll").alias("投票").moderator().groupOnly()
                .alsoAllowed((m, ctx) -> ctx.group() != null && (ctx.group().section(PollConfig.class).membersMayStart()
                        || isClose(m.text())), "poll.denied")
                .arg(Arg.text("line").optional()).handler(p::command));
        s.on(Event.ButtonPressed.class, (b, ctx) -> {
            if (!b.data().startsWith(Polls.BUTTON) || ctx.group() == null) return List.of();
            ctx.stop();
            return p.pressed(b, ctx);
        });
        s.on(Event.MessagePosted.class, (m, ctx) -> ctx.group() == null ? List.of() : p.posted(m, ctx));
        s.on(Event.Triggered.class, (t, ctx) -> t.trigger().equals("poll") && ctx.group() != null ? p.triggered(t, ctx) : List.of());
        s.onJob(Polls.CLOSE, p::closeJob);
        s.onJob(Polls.REFRESH, p::refreshJob);
    }

    /** "/poll close ..." is let through for members: the handler lets the poll's starter close it. */
    private static boolean isClose(String text) {
        String[] w = text.strip().split("\\s+");
        return w.length > 1 && (w[1].equalsIgnoreCase("close") || w[1].equals("结束"));
    }
}
