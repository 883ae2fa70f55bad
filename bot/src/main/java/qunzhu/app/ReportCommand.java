package qunzhu.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import qunzhu.config.BotConfig;
import qunzhu.config.ConfigError;
import qunzhu.config.ConfigException;
import qunzhu.config.GroupConfig;
import qunzhu.core.ChatRef;
import qunzhu.feature.FeatureStore;
import qunzhu.feature.MemberTiers;
import qunzhu.features.reports.Digest;
import qunzhu.features.reports.Exports;
import qunzhu.features.reports.Period;
import qunzhu.features.reports.Report;
import qunzhu.features.reports.ReportBuilder;
import qunzhu.features.reports.ReportsConfig;
import qunzhu.features.reports.Scope;
import qunzhu.runtime.Threads;
import qunzhu.store.Database;
import qunzhu.store.History;
import qunzhu.text.Texts;

/**
 * The reports' command-line tools, on the configured database (the bot need not run):
 * {@code report} writes a report file, {@code rebuild-rollups} rebuilds the rollups from the
 * activity log, {@code demo-history} fills the database with a month of demo activity.
 */
final class ReportCommand {
    static final String USAGE = """
              report --from DATE --to DATE [--group G | --profile P] --format md|csv|html|json --out FILE
                             write a report over those days (HTML embeds its chart; CSV is one row per group per day)
              rebuild-rollups
                             rebuild the reports' rollups exactly from the activity log
              demo-history [--days N]
                             fill the configured (sandbox) database with a month of demo activity""";

    /** Read-only connections (and pool threads) a report reads on. */
    private static final int READERS = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final Function<Path, BotConfig> load;

    ReportCommand(PrintStream out, PrintStream err, Function<Path, BotConfig> load) {
        this.out = out;
        this.err = err;
        this.load = load;
    }

    int run(String[] args) {
        Path dir = Path.of("config");
        String from = null, to = null, group = null, profile = null, format = null, file = null;
        int days = 30;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (v == null) return usage("option " + a + " needs a value");
            switch (a) {
                case "--config" -> dir = Path.of(v);
                case "--from" -> from = v;
                case "--to" -> to = v;
                case "--group" -> group = v;
                case "--profile" -> profile = v;
                case "--format" -> format = v;
                case "--out" -> file = v;
                case "--days" -> {
                    if (!v.matches("\\d{1,3}") || Integer.parseInt(v) < 1) return usage("--days needs a number of days, like --days 30");
                    days = Integer.parseInt(v);
                }
                default -> { return usage("unknown option " + a); }
            }
            i++;
        }
        BotConfig config;
        try {
            config = load.apply(dir);
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) err.println(error);
            return Cli.CONFIG_ERROR;
        }
        return switch (args[0]) {
            case "rebuild-rollups" -> rebuild(config);
            case "demo-history" -> demo(config, days);
            default -> report(config, from, to, group, profile, format, file);
        };
    }

    private int usage(String why) {
        err.println(why);
        err.println(USAGE);
        return Cli.USAGE;
    }

    private static Database open(BotConfig config) {
        if (config.database().getParent() != null) {
            try {
                Files.createDirectories(config.database().getParent());
            } catch (IOException e) {
                throw new IllegalStateException("cannot create " + config.database().getParent(), e);
            }
        }
        return Database.open(config.database(), config.fullSync());
    }

    private int rebuild(BotConfig config) {
        try (Database db = open(config)) {
            long n = rebuild(db, config);
            out.println("rollups rebuilt from " + n + " logged events (" + config.database() + ")");
            return Cli.OK;
        }
    }

    static long rebuild(Database db, BotConfig config) { return RollupRebuild.rebuild(db, config); }

    private int demo(BotConfig config, int days) {
        List<ChatRef> chats = config.groups().values().stream().map(GroupConfig::chat).filter(c -> c.platform().equals("sandbox")).toList();
        if (chats.isEmpty()) {
            err.println("no sandbox groups in the config: demo-history fills sandbox groups only");
            return Cli.USAGE;
        }
        try (Database db = open(config)) {
            if (db.count("SELECT COUNT(*) FROM activity") > 0) {
                err.println(config.database() + " already holds activity; demo-history only fills an empty database (delete it first)");
                return Cli.USAGE;
            }
            LocalDate today = LocalDate.now(config.zone());
            int n = new DemoHistory(db, config.zone(), 20261201L).fill(chats, today, days);
            rebuild(db, config);
            out.println("logged " + n + " demo events over " + days + " days in " + chats.size() + " groups (" + config.database() + ")");
            out.println("try: scripts/run report --from " + today.minusDays(7) + " --to " + today.minusDays(1) + " --format html --out report.html");
            return Cli.OK;
        }
    }

    private int report(BotConfig config, String from, String to, String group, String profile, String format, String file) {
        if (from == null || to == null || format == null || file == null) return usage("report needs --from, --to, --format and --out");
        if (group != null && profile != null) return usage("name --group or --profile, not both");
        Exports.Format f;
        try {
            f = Exports.Format.valueOf(format.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return usage("--format is md, csv, html or json (got \"" + format + "\")");
        }
        Period period;
        try {
            period = new Period(LocalDate.parse(from), LocalDate.parse(to));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return usage("--from and --to are dates like 2026-11-01, from first: " + e.getMessage());
        }
        if (group != null && !config.groups().containsKey(group)) return usage("no group \"" + group + "\" in the config (groups: " + config.groups().keySet() + ")");
        Scope scope = group != null ? Scope.group(group) : profile != null ? Scope.profile(profile) : Scope.ALL;
        Texts texts = new Texts(List.of("core", "features/reports"), config.texts());
        Digest.Words words = (key, vars) -> texts.format(config.locale(), key, vars);
        try (Database db = open(config); Threads threads = Threads.forTests()) {
            // The report's reads two at a time on read-only connections (the bot may be running and writing).
            db.readInParallel(threads.pool("report-readers", READERS));
            ReportBuilder b = ReportBuilder.on(db.readers(), FeatureStore.over(db), new History(db), MemberTiers.NONE, config,
                    config.section(ReportsConfig.class, ReportsConfig.DEFAULTS));
            ReportBuilder.Drawn drawn = b.build(scope, period, f == Exports.Format.HTML ? words : null);
            Report r = drawn.report();
            String digest = new Digest(words).text(r, period.single() ? Digest.Kind.DAILY : period.days() == 7 ? Digest.Kind.WEEKLY : Digest.Kind.RANGE);
            byte[] png = f == Exports.Format.HTML ? drawn.png() : null;
            Files.write(Path.of(file), Exports.write(f, r, digest, png));
            out.println("wrote " + file + " (" + r.groups().size() + " groups, " + period.label() + ")");
            return Cli.OK;
        } catch (IOException e) {
            err.println("cannot write " + file + ": " + e.getMessage());
            return 1;
        }
    }
}
