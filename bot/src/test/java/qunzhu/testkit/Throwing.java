package qunzhu.testkit;

import java.util.List;
import qunzhu.core.Event;
import qunzhu.feature.Feature;
import qunzhu.feature.Setup;

/** A feature with a bug: its handler throws on a message with exactly {@code text}, and does nothing on any other. */
public final class Throwing {
    private Throwing() {}

    public static Feature on(String text) {
        return new Feature() {
            @Override public String name() { return "broken"; }
            @Override public void install(Setup s) {
                s.on(Event.MessagePosted.class, (m, ctx) -> {
                    if (m.text().equals(text)) throw new IllegalStateException("boom on " + text);
                    return List.of();
                });
            }
        };
    }
}
