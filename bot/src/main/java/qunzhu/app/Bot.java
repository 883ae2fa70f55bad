package qunzhu.app;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.config.AccountConfig;
import qunzhu.config.BotConfig;
import qunzhu.config.GroupConfig;
import qunzhu.feature.Accounts;
import qunzhu.feature.AdminDirectory;
import qunzhu.feature.Feature;
import qunzhu.feature.Installed;
import qunzhu.feature.Roles;
import qunzhu.feature.Services;
import qunzhu.outbox.ActionLog;
import qunzhu.outbox.Outbox;
import qunzhu.pipeline.Pipeline;
import qunzhu.runtime.Lifetime;
import qunzhu.runtime.Metrics;
import qunzhu.runtime.monitoring.MonitoringServer;
import qunzhu.runtime.Threads;
import qunzhu.platform.Platform;
import qunzhu.platform.PlatformFactory;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.platform.sandbox.SandboxServer;
import qunzhu.schedule.Scheduler;
import qunzhu.store.ActivityLog;
import qunzhu.store.Database;
import qunzhu.store.KeyValues;
import qunzhu.store.MovedChats;
import qunzhu.text.Texts;

/**
 * One running bot: builds the object graph from a validated config, starts it, stops it
 * cleanly (intake first, then the pipeline, then the outbox drains or persists, then the
 * store closes).
 */
public final class Bot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Bot.class);
    /** The kv counter of sandbox message and member ids, so ids stay unique across restarts. */
    private static final String SANDBOX_NEXT_ID = "sandbox.next_id";

    private final BotConfig config;
    private final Database db;
    /** Pool threads (one read-only connection each) for the digests' reads: the machine's 2 cores. */
    private static final int READERS = 2;
    private final SandboxHub hub;
    private final Accounts accounts;
    private final Outbox outbox;
    private final Pipeline pipeline;
    private final Services services;
    private final AdminDirectory directory;
    private final qunzhu.outbox.SilentDrops silentDrops;
    private final boolean serveSandbox;
    private final Lifetime lifetime = new Lifetime();
    private final Threads threads = new Threads(lifetime::fatal);
    private final Metrics metrics = new Metrics();
    private SandboxServer sandboxServer;
    private MonitoringServer monitoring;
    private boolean started;
    /** How often the WAL is checkpointed off the writers' thread. */
    private static final Duration CHECKPOINT_EVERY = Duration.ofMillis(250);
    private static final Duration STATISTICS_EVERY = Duration.ofHours(6);
    /** How long, and up to how many rows, committed counters wait in memory to be written summed (5,000 rows: a write of about 0.1 s at most). */
    static final Duration TALLIES_HELD_FOR = Duration.ofSeconds(10);
    static final int TALLIES_HELD_ROWS = 5_000;
    private boolean stopped;

    public Bot(BotConfig config, Clock clock, Database db, List<Feature> features, List<PlatformFactory> extraPlatforms,
               boolean serveSandbox) {
        this.config = config;
        this.db = db;
        db.useClock(clock);
        this.serveSandbox = serveSandbox;
        KeyValues kv = new KeyValues(db);
        this.hub = new SandboxHub(clock, n -> kv.take(SANDBOX_NEXT_ID, n, 1), new qunzhu.platform.sandbox.SandboxHistory(db));
        for (Map.Entry<String, String> g : sandboxGroups(config).entrySet()) {
            hub.addGroup(g.getKey(), g.getValue(), config.sandbox().members(),
                    config.sandbox().admins().getOrDefault(g.getKey(), List.of()));
        }
        MovedChats moves = new MovedChats(db);
        this.accounts = new Accounts(config, moves::now, clock);
        // Extra factories come first: a test may replace a built-in kind (a faster Telegram timing).
        List<PlatformFactory> factories = new ArrayList<>(extraPlatforms);
        factories.addAll(Wiring.platforms(hub));
        Texts texts = new Texts(textNamespaces(features), config.texts());
        Map<String, String> sandboxLocales = new java.util.HashMap<>();
        for (var g : config.groups().values()) if (g.chat().platform().equals(SandboxHub.PLATFORM)) sandboxLocales.put(g.chat().id(), g.locale());
        hub.speak(texts, new qunzhu.text.TimeWords(texts, config.zone()), sandboxLocales, config.locale());
        PlatformFactory.Context pctx = new PlatformFactory.Context(config, clock, kv, threads, texts);
        for (AccountConfig a : config.accounts()) {
            PlatformFactory f = factories.stream().filter(x -> x.kind().equals(a.platform())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no platform factory for " + a.platform()));
            if (a.platform().equals(SandboxHub.PLATFORM) && !config.sandbox().enabled()) continue;
            accounts.add(f.create(a, pctx), a.persona());
        }
        hub.restore();   // the sandbox world as the store remembers it (members, mutes, bans, transcript)
        this.directory = new AdminDirectory(accounts::fetchAdmins, clock, threads, AdminDirectory.Timing.DEFAULT);
        Roles roles = new Roles(config, directory, moves::now);
        Scheduler scheduler = new Scheduler(db, clock);
        this.services = new Services(config, clock, db, texts, scheduler, roles, accounts, moves);
        this.outbox = new Outbox(accounts, config::limits, clock, new ActionLog(db, config.zone()), db, threads);
        Installed installed = Installed.install(features, services);
        this.pipeline = new Pipeline(new ActivityLog(db, config.zone()), installed, services, outbox, threads);
        for (Outbox.Listener l : Wiring.followUps(services, pipeline, outbox, kv, metrics)) outbox.addListener(l);
        accounts.health().onChange(new qunzhu.outbox.HealthAlerts(config, moves::now, texts, accounts, outbox, clock));
        this.silentDrops = new qunzhu.outbox.SilentDrops(accounts, outbox, clock, threads);
        for (Platform p : accounts.all()) {
            metrics.gauge("qunzhu.outbox.queue", "actions waiting in the outbox", "account", p.id(), () -> outbox.queued(p.id()));
            io.micrometer.core.instrument.FunctionCounter.builder("qunzhu.platform.reconnects", p, Platform::reconnects)
                    .description("connections re-established to the platform").tag("account", p.id()).register(metrics.registry());
            metrics.gauge("qunzhu.platform.connected", "1 while the account reaches its platform", "account", p.id(),
                    () -> p.connected() ? 1 : 0);
        }
        metrics.gauge("qunzhu.intake.commits", "transactions the intake wrote the activity log in", null, null,
                () -> pipeline.intakeTotals()[0]);
        metrics.gauge("qunzhu.intake.events", "events handed in through those transactions", null, null,
                () -> pipeline.intakeTotals()[1]);
        metrics.gauge("qunzhu.store.writable", "1 while the store takes writes", null, null, () -> db.health().writable() ? 1 : 0);
        // Read at scrape time (a monitoring thread, a short read under the store's lock).
        metrics.gauge("qunzhu.dead.letters", "events a feature could not handle, kept in dead_letter", null, null,
                () -> db.count("SELECT COUNT(*) FROM dead_letter"));
    }

    /** What /healthz says: the store takes writes and every account reaches its platform. */
    public MonitoringServer.Health health() {
        Map<String, Boolean> up = new java.util.LinkedHashMap<>();
        for (Platform p : accounts.all()) up.put(p.id(), p.connected());
        Database.Health store = db.health();
        return new MonitoringServer.Health(store.writable(), store.lastError(), up);
    }

    /** Sandbox groups: those named under sandbox.groups plus every configured sandbox group. */
    private static Map<String, String> sandboxGroups(BotConfig config) {
        Map<String, String> out = new java.util.LinkedHashMap<>(config.sandbox().groups());
        for (GroupConfig g : config.groups().values()) {
            if (g.chat().platform().equals(SandboxHub.PLATFORM)) out.putIfAbsent(g.chat().id(), g.title());
        }
        if (config.logChat() != null && config.logChat().platform().equals(SandboxHub.PLATFORM)) {
            out.putIfAbsent(config.logChat().id(), config.logChat().id());
        }
        return out;
    }

    static List<String> textNamespaces(List<Feature> features) {
        Set<String> ns = new LinkedHashSet<>();
        ns.add("core");
        ns.add("sandbox");
        ns.add("persona");
        for (Feature f : features) ns.add("features/" + f.name());
        return List.copyOf(ns);
    }

    /** Member commands and their descriptions in the bot's locale, for platforms with a command menu. */
    private Map<String, String> describeCommands() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (qunzhu.feature.CommandSpec c : pipeline.installed().commands()) {
            if (c.role() == qunzhu.core.Role.MEMBER) out.put(c.name(), services.texts().format(config.locale(), c.descriptionKey()));
        }
        return out;
    }

    public void start() throws IOException {
        java.util.concurrent.ScheduledExecutorService upkeep = threads.scheduled("checkpoint");
        db.checkpointInBackground(upkeep, CHECKPOINT_EVERY);
        // Counters (the reports' rollups) are written a few seconds behind, summed: see Tallies.
        db.holdTallies(TALLIES_HELD_FOR, TALLIES_HELD_ROWS);
        // Long reads (the digests) run on read-only connections, two at a time, beside the writer.
        db.readInParallel(threads.pool("store-readers", READERS));
        // The log grows all day: the planner's statistics are refreshed as it does.
        upkeep.scheduleWithFixedDelay(db::optimize, STATISTICS_EVERY.toMinutes(), STATISTICS_EVERY.toMinutes(), java.util.concurrent.TimeUnit.MINUTES);
        outbox.start();
        silentDrops.start();
        pipeline.start();
        Map<String, String> described = describeCommands();
        for (Platform p : accounts.all()) {
            try {
                p.describeCommands(described);
                p.start(new qunzhu.platform.EventSink() {
                    @Override public void accept(List<? extends qunzhu.core.Event> batch) {
                        pipeline.accept(batch);
                        metrics.eventsIn(p.id(), batch.size());
                    }

                    @Override public java.util.concurrent.CompletableFuture<Void> submit(List<? extends qunzhu.core.Event> batch) {
                        return counted(pipeline.submit(batch), batch);
                    }

                    /** Counted in once written. */
                    private java.util.concurrent.CompletableFuture<Void> counted(java.util.concurrent.CompletableFuture<Void> written,
                                                                              List<? extends qunzhu.core.Event> batch) {
                        return written.thenRun(() -> metrics.eventsIn(p.id(), batch.size()));
                    }

                    @Override public Ordered ordered() {
                        Ordered o = pipeline.ordered();
                        return new Ordered() {
                            @Override public java.util.concurrent.CompletableFuture<Void> submit(List<? extends qunzhu.core.Event> batch) {
                                return counted(o.submit(batch), batch);
                            }

                            @Override public void resume() { o.resume(); }

                            @Override public void withdraw() { o.withdraw(); }
                        };
                    }
                });
                log.info("account {} ({}) started", p.id(), p.kind());
            } catch (Exception e) {
                // One account failing to connect must not take the others down; it retries itself.
                log.error("account {} ({}) failed to start: {}", p.id(), p.kind(), e.toString());
            }
        }
        // In the background: a group's first moderator command should not wait for its admins.
        directory.prefetch(config.groups().values().stream().map(GroupConfig::chat).toList());
        if (serveSandbox && config.sandbox().enabled()) {
            sandboxServer = new SandboxServer(hub, config.sandbox().host(), config.sandbox().port(), threads);
            sandboxServer.start();
        }
        BotConfig.Monitoring mon = config.monitoring();
        if (mon.enabled()) {
            monitoring = new MonitoringServer(mon.host(), mon.port(), metrics, this::health, threads);
            monitoring.start();
        }
        started = true;
    }

    /** Stops once; later calls return at once. */
    public synchronized void stop() {
        if (stopped) return;
        stopped = true;
        if (!started) { threads.shutdown(Duration.ofSeconds(1)); db.close(); return; }
        started = false;
        log.info("stopping: closing intake");
        if (sandboxServer != null) sandboxServer.stop();
        if (monitoring != null) monitoring.stop();
        for (Platform p : accounts.all()) {
            try { p.stop(); } catch (RuntimeException e) { log.warn("account {} did not stop cleanly: {}", p.id(), e.toString()); }
        }
        pipeline.stop();
        silentDrops.close();
        outbox.stop(Duration.ofSeconds(5));
        threads.shutdown(Duration.ofSeconds(2));
        db.close();
        log.info("stopped");
    }

    @Override public void close() { stop(); }

    public BotConfig config() { return config; }
    public Database db() { return db; }
    public SandboxHub hub() { return hub; }
    public Pipeline pipeline() { return pipeline; }
    public Outbox outbox() { return outbox; }
    public qunzhu.outbox.SilentDrops silentDrops() { return silentDrops; }
    public Services services() { return services; }
    public Accounts accounts() { return accounts; }
    /** Ends when a stop is asked or a thread of the bot dies; the process waits on it. */
    public Lifetime lifetime() { return lifetime; }
    public SandboxServer sandboxServer() { return sandboxServer; }
    public MonitoringServer monitoring() { return monitoring; }
    public Metrics metrics() { return metrics; }
}
