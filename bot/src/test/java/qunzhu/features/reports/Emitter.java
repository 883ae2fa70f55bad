package qunzhu.features.reports;

import java.util.List;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.Tally;
import qunzhu.feature.Feature;
import qunzhu.feature.Setup;

/**
 * Stands in for the features that count things: a message "!count TALLY value [detail]"
 * emits that {@link Event.Counted} for its author, the way check-in or quiz would.
 */
final class Emitter implements Feature {
    @Override public String name() { return "emitter"; }

    @Override public void install(Setup s) {
        s.on(Event.MessagePosted.class, (m, ctx) -> {
            if (!m.text().startsWith("!count ")) return List.of();
            String[] p = m.text().split(" ", 4);
            ctx.emit(new Event.Counted(EventKey.of(m.chat(), "counted:" + m.messageId()), m.chat(), m.at(), m.account(), m.author(),
                    Tally.valueOf(p[1]), Long.parseLong(p[2]), p.length > 3 ? p[3] : null));
            return List.of();
        });
    }
}
