package qunzhu.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import qunzhu.app.Bot;
import qunzhu.app.Wiring;
import qunzhu.config.BotConfig;
import qunzhu.feature.Feature;
import qunzhu.platform.PlatformFactory;
import qunzhu.platform.sandbox.SandboxHub;
import qunzhu.store.Database;

/**
 * A whole bot on the sandbox with an in-memory database and a {@link MutableClock}, driven
 * directly through the sandbox hub (the HTTP API is tested separately). Each member action
 * waits until the pipeline and the outbox are idle, so assertions see the bot's full reaction.
 */
public final class TestBot implements AutoCloseable {
    public static final Path SHIPPED_CONFIG = Path.of("..", "config");

    /**
     * The shipped config/ as the bot reads it (every file, subfolders such as quiz/ included,
     * without examples/), by path relative to config/, in path order.
     */
    public static java.util.Map<String, String> shippedConfigFiles() throws java.io.IOException {
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        try (var walk = java.nio.file.Files.walk(SHIPPED_CONFIG)) {
            for (Path p : walk.filter(java.nio.file.Files::isRegularFile).toList()) {
                Path rel = SHIPPED_CONFIG.relativize(p);
                if (rel.getNameCount() > 1 && rel.getName(0).toString().equals("examples")) continue;
                out.put(rel.toString().replace('\\', '/'), java.nio.file.Files.readString(p));
            }
        }
        return out;
    }

    /** Copies the shipped config/ (see {@link #shippedConfigFiles}) into {@code dir}. */
    public static void copyShippedConfig(Path dir) throws java.io.IOException {
        for (var f : shippedConfigFiles().entrySet()) {
            Path to = dir.resolve(f.getKey());
            java.nio.file.Files.createDirectories(to.getParent());
            java.nio.file.Files.writeString(to, f.getValue());
        }
    }

    private final Bot bot;
    private final MutableClock clock;

    private TestBot(Bot bot, MutableClock clock) {
        this.bot = bot;
        this.clock = clock;
    }

    /** The shipped config/ with the outbox limits lifted (tests do not wait for buckets). */
    public static TestBot shipped() { return builder().build(); }

    public static Builder builder() { return new Builder(); }

    /**
     * A bot running only {@code features} (after the command router, which dispatches their
     * commands) on a minimal config: the sandbox with members alice, bob, carol and olivia
     * (an operator), mia a sandbox admin of tech and family, the ops room as log chat, and one
     * host account. Add the groups with {@link Builder#yaml}. A feature's tests start here, so
     * they see that feature's behaviour alone; the shipped config keeps its smoke tests.
     */
    public static Builder with(Feature... features) {
        Builder b = new Builder();
        b.configDir = null;
        b.features = Wiring.withCommands(List.of(), List.of(features));
        return b;
    }

    /**
     * Like {@link #with(Feature...)}, with {@code gatekeeping} before the command router as in
     * the shipped bot (verification, moderation): what they stop runs no command.
     */
    public static Builder with(List<Feature> gatekeeping, Feature... after) {
        Builder b = with();
        b.features = Wiring.withCommands(gatekeeping, List.of(after));
        return b;
    }

    /** The base config of {@link #with} (bot.yml): bot and sandbox; no groups. */
    public static final String MINIMAL = """
            bot:
              timezone: Asia/Shanghai
              locale: zh-CN
              database: data/test.db
              operators: [sandbox:olivia]
              log_chat: sandbox:ops
            sandbox:
              enabled: true
              host: 127.0.0.1
              port: 0
              groups: {ops: 运营室}
              members: [alice, bob, carol, olivia]
              admins: {tech: [mia], family: [mia]}
            """;

    /** A tech group with rules, for tests whose observable reaction is the rules feature's /rules answer. */
    public static final String TECH_WITH_RULES = """
            groups:
              tech:
                chat: sandbox:tech
                title: 技术交流群
                strategy: layered
                rules: {text: "1. 友善交流，对事不对人。"}
            """;

    /**
     * The shipped config's two sandbox accounts: host (小群) and warden (the moderator persona,
     * 小管家, which speaks for moderation and join requests). For {@code file("accounts.yml", ...)}.
     */
    public static final String HOST_AND_WARDEN = """
            personas:
              host: {name: 小群}
              moderator: {name: 小管家}
            accounts:
              - {id: host, platform: sandbox, persona: host}
              - {id: warden, platform: sandbox, persona: moderator}
            """;

    /** The base accounts of {@link #with} (accounts.yml; replace it with {@link Builder#file}). */
    static final String MINIMAL_ACCOUNTS = """
            personas:
              host: {name: 小群}
              moderator: {name: 小管家}
            accounts:
              - {id: host, platform: sandbox, persona: host}
            """;

    public static final class Builder {
        private Path configDir = SHIPPED_CONFIG;
        private final Map<String, String> overrides = new java.util.LinkedHashMap<>();
        private MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
        private List<Feature> features = Wiring.features();
        private final List<PlatformFactory> platforms = new ArrayList<>();
        private Database db;
        private boolean unlimited = true;
        private boolean serveSandbox;
        private boolean shippedCalendar;

        /** Inline config, read with the rest (groups, profiles, aliases ...): the file test.yml. */
        public Builder yaml(String yaml) { overrides.put("test.yml", yaml); return this; }
        /** Replaces (or adds) one config file of a copy of the shipped config. */
        public Builder file(String name, String yaml) { overrides.put(name, yaml); return this; }
        public Builder configDir(Path dir) { this.configDir = dir; return this; }
        public Builder clock(MutableClock c) { this.clock = c; return this; }
        public Builder features(List<Feature> f) { this.features = f; return this; }
        public Builder platform(PlatformFactory f) { platforms.add(f); return this; }
        public Builder database(Database d) { this.db = d; return this; }
        /** Keeps the configured outbox limits instead of lifting them. */
        public Builder realLimits() { this.unlimited = false; return this; }
        /**
         * Keeps the shipped content calendar (config/calendar.yml), which posts a tip in the
         * shipped groups at the first start. Without this, a test on the shipped config starts
         * quiet: the calendar file is left out unless the test supplies its own.
         */
        public Builder shippedCalendar() { this.shippedCalendar = true; return this; }
        /** Also serves the sandbox page and HTTP API, on 127.0.0.1 and a free port (see {@link #sandboxUrl()}). */
        public Builder serveSandbox() { this.serveSandbox = true; return this; }

        public TestBot build() {
            try {
                Path dir = configDir;
                boolean dropCalendar = configDir != null && !shippedCalendar && !overrides.containsKey("calendar.yml");
                if (configDir == null || !overrides.isEmpty() || unlimited || dropCalendar) {
                    dir = Files.createTempDirectory("qunzhu-config");
                    if (configDir == null) {
                        Files.writeString(dir.resolve("bot.yml"), MINIMAL);
                        Files.writeString(dir.resolve("accounts.yml"), MINIMAL_ACCOUNTS);
                    } else {
                        // folders too (config/quiz/ holds the quiz banks)
                        Path from = configDir, to = dir;
                        try (var files = Files.walk(from)) {
                            for (Path p : files.toList()) {
                                Path target = to.resolve(from.relativize(p).toString());
                                if (Files.isDirectory(p)) Files.createDirectories(target);
                                else Files.copy(p, target);
                            }
                        }
                    }
                    if (dropCalendar) Files.deleteIfExists(dir.resolve("calendar.yml"));
                    for (var e : overrides.entrySet()) {
                        if (e.getValue() == null) Files.deleteIfExists(dir.resolve(e.getKey()));
                        else {
                            Files.createDirectories(dir.resolve(e.getKey()).getParent());
                            Files.writeString(dir.resolve(e.getKey()), e.getValue());
                        }
                    }
                    if (unlimited && !Files.exists(dir.resolve("outbox.yml"))) {
                        Files.writeString(dir.resolve("zz-test-outbox.yml"), """
                                outbox:
                                  sandbox: {per_chat_per_second: 100000, per_chat_burst: 100000, per_chat_per_minute: 100000, per_account_per_second: 100000}
                                  telegram: {per_chat_per_second: 100000, per_chat_burst: 100000, per_chat_per_minute: 100000, per_account_per_second: 100000}
                                  onebot: {per_chat_per_second: 100000, per_chat_burst: 100000, per_chat_per_minute: 100000, per_account_per_second: 100000}
                                """);
                    }
                }
                BotConfig config = Wiring.loader(k -> System.getenv(k) != null ? System.getenv(k) : "test-" + k, platforms, features).load(dir);
                if (serveSandbox) {
                    BotConfig.SandboxConfig s = config.sandbox();
                    config = config.withSandbox(new BotConfig.SandboxConfig(true, "127.0.0.1", 0, s.groups(), s.admins(), s.members()));
                }
                Bot bot = new Bot(config, clock, db != null ? db : Database.inMemory(), features, platforms, serveSandbox);
                bot.start();
                return new TestBot(bot, clock);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Bot bot() { return bot; }
    public MutableClock clock() { return clock; }
    public SandboxHub hub() { return bot.hub(); }
    public Database db() { return bot.db(); }

    /** The sandbox page's address, e.g. http://127.0.0.1:41234; only with {@link Builder#serveSandbox()}. */
    public String sandboxUrl() {
        if (bot.sandboxServer() == null) throw new IllegalStateException("build the TestBot with serveSandbox()");
        return bot.sandboxServer().url();
    }

    public FakeGroup group(String id) { return new FakeGroup(this, id); }

    /**
     * Moves the bot's clock and waits until the outbox did what it could (items waiting for a
     * retry keep it from idling, so this waits for it to park rather than to be idle).
     */
    public void step(java.time.Duration d) {
        clock.advance(d);
        try {
            assertTrue(bot.outbox().awaitParked(java.time.Duration.ofSeconds(10)), "the outbox parks");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the bot has fully reacted to everything so far. */
    public void settle() {
        try {
            assertTrue(bot.pipeline().awaitIdle(Duration.ofSeconds(10)), "bot did not settle within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    /** Moves time forward and waits until the jobs that came due have run (the step wakes the pipeline). */
    public void advance(Duration d) {
        clock.advance(d);
        settle();
    }

    @Override public void close() { bot.stop(); }
}
