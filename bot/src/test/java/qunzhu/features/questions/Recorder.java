package qunzhu.features.questions;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import qunzhu.core.Event;
import qunzhu.feature.Feature;
import qunzhu.feature.Setup;

/** A stand-in for the reports feature: keeps every Counted event the bot carried. */
final class Recorder implements Feature {
    final List<Event.Counted> counted = new CopyOnWriteArrayList<>();

    @Override public String name() { return "recorder"; }

    @Override public void install(Setup s) {
        s.on(Event.Counted.class, (c, ctx) -> { counted.add(c); return List.of(); });
    }

    /** "TALLY:member:value" for each Counted, in order. */
    List<String> lines() {
        return counted.stream().map(c -> c.tally() + ":" + (c.member() == null ? "-" : c.member().id()) + ":" + c.value()).toList();
    }
}
