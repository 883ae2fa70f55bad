package qunzhu.features.reports;

import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;

/**
 * Reports: keeps the rollups the digests read (per chat per day, per member per day, per hour,
 * and every {@link Event.Counted} other features emit) in the spine's transaction, posts the
 * daily and weekly digests to the operators' chats, answers /stats and /digest, and handles
 * the calendar's "digest" trigger. Installed first in the pipeline so it counts every event,
 * also those a gatekeeper stops (a deleted spam message is still a message).
 */
public final class ReportsFeature implements Feature {
    public static final String NAME = "reports";

    @Override public String name() { return NAME; }

    @Override public List<qunzhu.config.BotSection<?>> botSections() { return List.of(ReportsConfig.SECTION); }

    @Override public void install(Setup s) {
        Rollups rollups = new Rollups(s.config().zone());
        Setup.Handler<Event> count = (e, ctx) -> {
            rollups.apply(e, current(e, ctx), s.store());
            return List.of();
        };
        s.on(Event.MessagePosted.class, count::handle);
        s.on(Event.MemberJoined.class, count::handle);
        s.on(Event.MemberLeft.class, count::handle);
        s.on(Event.JoinRequested.class, count::handle);
        s.on(Event.Counted.class, count::handle);
        s.onChatMove(Rollups.moveHook());
    }

    /** The chat's id now: a configured group that moved is counted under its new id. */
    static ChatRef current(Event e, FeatureContext ctx) {
        return ctx.group() != null ? ctx.group().chat() : e.chat();
    }

    static List<Action> none() { return List.of(); }
}
