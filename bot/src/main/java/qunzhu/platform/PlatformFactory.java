package qunzhu.platform;

import java.time.Clock;
import qunzhu.config.AccountConfig;
import qunzhu.config.BotConfig;
import qunzhu.config.ConfigNode;
import qunzhu.runtime.Threads;
import qunzhu.store.KeyValues;
import qunzhu.text.Texts;

/** Makes accounts of one platform kind: parses their config keys, then builds them. */
public interface PlatformFactory {
    String kind();

    /** Reads this platform's keys of one {@code accounts:} entry; errors go to the node. */
    Object parse(ConfigNode account);

    Platform create(AccountConfig account, Context ctx);

    /**
     * What an adapter may use: config, clock, durable key-values for offsets, the owner of
     * threads, and the bot's texts (for what an adapter itself must word, such as the typed
     * keyword that stands in for a button on a platform without buttons).
     */
    record Context(BotConfig config, Clock clock, KeyValues kv, Threads threads, Texts texts) {}
}
