package qunzhu.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import qunzhu.config.AccountConfig;
import qunzhu.config.ConfigNode;
import qunzhu.core.Action;
import qunzhu.core.Admin;
import qunzhu.core.Capabilities;
import qunzhu.core.ChatRef;
import qunzhu.core.Outcome;
import qunzhu.platform.EventSink;
import qunzhu.platform.Platform;
import qunzhu.platform.PlatformFactory;

/**
 * A platform of kind "bench" that does every action at once and only counts them: the
 * benchmarks measure the bot, not a network or the sandbox's transcript. Events are pushed
 * straight into the pipeline by the benchmark (as an adapter's sink would).
 */
final class BenchPlatform implements Platform {
    static final String KIND = "bench";
    final AtomicLong performed = new AtomicLong();
    private final String id;

    BenchPlatform(String id) { this.id = id; }

    static PlatformFactory factory() {
        return new PlatformFactory() {
            @Override public String kind() { return KIND; }
            @Override public Object parse(ConfigNode account) { return null; }
            @Override public Platform create(AccountConfig account, Context ctx) { return new BenchPlatform(account.id()); }
        };
    }

    @Override public String id() { return id; }
    @Override public String kind() { return KIND; }
    @Override public Capabilities capabilities() { return new Capabilities(Capabilities.ALL, true, true); }
    @Override public void start(EventSink sink) { }
    @Override public Outcome perform(Action action) { return new Outcome.Done(Long.toString(performed.incrementAndGet())); }
    @Override public List<Admin> admins(ChatRef chat) { return List.of(); }
    @Override public void stop() { }
}
