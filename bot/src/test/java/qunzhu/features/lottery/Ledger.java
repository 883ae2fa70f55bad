package qunzhu.features.lottery;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.PersonaRole;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.Points;
import qunzhu.feature.Setup;

/**
 * A stand-in for the points and reports features in lottery and poll tests: balances set by
 * the test, the {@link Event.PointsChanged} and {@link Event.Counted} events it hears, and a
 * {@code /fire <trigger> [late] <argument>} command that emits {@link Event.Triggered} as
 * the calendar would.
 */
public final class Ledger implements Feature {
    public final Map<String, Long> balances = new ConcurrentHashMap<>();
    public final List<Event.PointsChanged> changes = new CopyOnWriteArrayList<>();
    public final List<Event.Counted> counted = new CopyOnWriteArrayList<>();

    @Override public String name() { return "ledgerstub"; }

    @Override public void install(Setup s) {
        s.provide(Points.class, (chat, member) -> balances.getOrDefault(member, 0L));
        s.on(Event.PointsChanged.class, (p, ctx) -> { changes.add(p); return List.of(); });
        s.on(Event.Counted.class, (c, ctx) -> { counted.add(c); return List.of(); });
        s.command(CommandSpec.of("fire").arg(Arg.text("line")).handler(call -> {
            List<String> w = call.words();
            boolean late = w.size() > 1 && w.get(1).equals("late");
            String rest = call.rest().substring(w.get(0).length()).strip();
            if (late) rest = rest.substring(4).strip();
            call.ctx().emit(new Event.Triggered(EventKey.of(call.ctx().chat(), "fire:" + call.message().messageId()), call.ctx().chat(),
                    call.ctx().now(), call.message().account(), w.get(0), rest, PersonaRole.HOST, late));
            return List.of();
        }));
    }

    public List<Event.Counted> counted(qunzhu.core.Tally tally) { return counted.stream().filter(c -> c.tally() == tally).toList(); }
}
