package qunzhu.platform;

import java.util.List;
import qunzhu.core.Event;

/** Where adapters deliver events. {@link #accept} returns once the batch is durable. */
@FunctionalInterface
public interface EventSink {
    void accept(List<? extends Event> batch);
}
