package qunzhu.platform;

import java.time.Clock;
import qunzhu.config.AccountConfig;
import qunzhu.config.BotConfig;
import qunzhu.config.ConfigNode;
import qunzhu.runtime.Threads;
import qunzhu.store.KeyValues;

/** Makes accounts of one platform kind: parses their config keys, then builds them. */
public interface PlatformFactory {
    String kind();

    /** Reads this platform's keys of one {@code accounts:} entry; errors go to the node. */
    Object parse(ConfigNode account);

    Platform create(AccountConfig account, Context ctx);

    /** What an adapter may use: config, clock, durable key-values for offsets, and the owner of threads. */
    record Context(BotConfig config, Clock clock, KeyValues kv, Threads threads) {}
}
