package qunzhu.app;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import qunzhu.config.BotConfig;
import qunzhu.config.ConfigError;
import qunzhu.config.ConfigException;
import qunzhu.runtime.Lifetime;
import qunzhu.store.Database;

/**
 * {@code qunzhu run [--config DIR]} starts the bot and keeps it running until Ctrl-C;
 * {@code qunzhu check-config [--config DIR]} validates and exits 0, or prints every error as
 * {@code file:line: key: what is wrong} and exits 2. Run never starts half-configured.
 */
public final class Cli {
    public static final int OK = 0;
    public static final int USAGE = 64;
    public static final int CONFIG_ERROR = 2;

    private static final String USAGE_TEXT = """
            usage: qunzhu <command> [--config DIR]
              run            start the bot (the sandbox chat is served when enabled)
              check-config   validate the configuration and exit (0 = valid, 2 = errors)
              backtest --days N [--with FILE|DIR]
                             replay the last N days of activity against the moderation config
                             (or a proposed one) and print what would have been acted on
            """ + ReportCommand.USAGE + """
            DIR defaults to ./config""";

    private final PrintStream out;
    private final PrintStream err;
    private final Function<String, String> env;

    public Cli(PrintStream out, PrintStream err, Function<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public int run(String[] args) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help")) {
            (args.length == 0 ? err : out).println(USAGE_TEXT);
            return args.length == 0 ? USAGE : OK;
        }
        if (List.of("report", "rebuild-rollups", "demo-history").contains(args[0])) {
            return new ReportCommand(out, err, this::load).run(args);
        }
        Path dir = Path.of("config");
        Integer days = null;
        Path with = null;
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                dir = Path.of(args[++i]);
            } else if (args[0].equals("backtest") && args[i].equals("--days")) {
                if (i + 1 >= args.length || !args[i + 1].matches("\\d{1,4}")) {
                    err.println("--days needs a number of days, like --days 7" + (i + 1 < args.length ? " (got \"" + args[i + 1] + "\")" : ""));
                    return USAGE;
                }
                days = Integer.parseInt(args[++i]);
            } else if (args[0].equals("backtest") && args[i].equals("--with") && i + 1 < args.length) {
                with = Path.of(args[++i]);
            } else {
                err.println("unknown option " + args[i]);
                err.println(USAGE_TEXT);
                return USAGE;
            }
        }
        return switch (args[0]) {
            case "check-config" -> checkConfig(dir);
            case "run" -> start(dir);
            case "backtest" -> {
                if (days == null) {
                    err.println("backtest needs --days N");
                    yield USAGE;
                }
                yield new BacktestCommand(out, err, this::load).run(dir, days, with);
            }
            default -> {
                err.println("unknown command " + args[0]);
                err.println(USAGE_TEXT);
                yield USAGE;
            }
        };
    }

    BotConfig load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(List.of(new ConfigError(dir.toString(), 0, "", "config directory not found")));
        }
        return Wiring.loader(env).load(dir);
    }

    private int checkConfig(Path dir) {
        try {
            BotConfig c = load(dir);
            for (ConfigError w : c.warnings()) err.println(w);
            out.println("config OK: " + c.groups().size() + " groups, " + c.accounts().size() + " accounts (" + dir + ")");
            return OK;
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) err.println(error);
            return CONFIG_ERROR;
        }
    }

    private int start(Path dir) {
        BotConfig config;
        try {
            config = load(dir);
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) err.println(error);
            err.println("not starting: fix the errors above (qunzhu check-config to re-check)");
            return CONFIG_ERROR;
        }
        for (ConfigError w : config.warnings()) err.println(w);
        Bot bot = new Bot(config, Clock.system(config.zone()), Database.open(config.database(), config.fullSync()),
                Wiring.features(), List.of(), true);
        try {
            bot.start();
        } catch (Exception e) {
            err.println("could not start: " + e.getMessage());
            bot.stop();
            return 1;
        }
        bot.lifetime().handleSignals();
        // A backstop for JVM exits that do not pass through the main thread (a signal that could
        // not be handled, System.exit elsewhere): the bot still stops cleanly. Bot.stop runs once.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bot.lifetime().requestStop("the JVM is shutting down");
            bot.stop();
        }, "shutdown"));
        if (bot.sandboxServer() != null) out.println("Sandbox chat: " + bot.sandboxServer().url());
        out.println("Qunzhu is running with " + config.accounts().size() + " accounts and " + config.groups().size()
                + " groups. Press Ctrl-C to stop.");
        out.flush();
        int code;
        try {
            code = bot.lifetime().await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = Lifetime.FATAL;
        }
        bot.stop();
        out.println(code == Lifetime.STOPPED ? "Qunzhu stopped." : "Qunzhu stopped after an error: " + bot.lifetime().reason());
        out.flush();
        return code;
    }
}
