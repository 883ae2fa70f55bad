package qunzhu.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import qunzhu.config.BotConfig;
import qunzhu.config.ConfigError;
import qunzhu.config.ConfigException;
import qunzhu.features.moderation.Backtest;
import qunzhu.store.Database;

/**
 * {@code qunzhu backtest --days N [--config DIR] [--with FILE|DIR]}: replays the store's
 * activity through the moderation filters without acting. {@code --with} proposes other
 * moderation settings: a directory is a whole config, a file replaces the same-named file
 * of DIR (e.g. a new groups.yml). The database is the one DIR's config names.
 */
final class BacktestCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final Function<Path, BotConfig> load;

    BacktestCommand(PrintStream out, PrintStream err, Function<Path, BotConfig> load) {
        this.out = out;
        this.err = err;
        this.load = load;
    }

    int run(Path dir, int days, Path with) {
        try {
            BotConfig current = load.apply(dir);
            BotConfig proposed = with == null ? current : load.apply(Files.isDirectory(with) ? with : overlay(dir, with));
            if (!Files.exists(current.database())) {
                err.println("no database at " + current.database() + " (nothing to replay)");
                return 1;
            }
            try (Database db = Database.open(current.database(), false)) {
                Backtest.Report r = new Backtest(current, qunzhu.feature.FeatureStore.over(db), new qunzhu.store.History(db)).run(days, Clock.system(current.zone()).instant(), proposed, null);
                out.print(r.format());
            }
            return Cli.OK;
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) err.println(error);
            return Cli.CONFIG_ERROR;
        } catch (IOException e) {
            err.println("cannot read " + with + ": " + e.getMessage());
            return 1;
        }
    }

    /** A copy of {@code dir} (subfolders included) with {@code file} in place of its namesake. */
    private static Path overlay(Path dir, Path file) throws IOException {
        Path tmp = Files.createTempDirectory("qunzhu-backtest");
        // The whole tree: sections name files in subfolders (quiz banks, content pools).
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path to = tmp.resolve(dir.relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to);
            }
        }
        Files.copy(file, tmp.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        tmp.toFile().deleteOnExit();
        return tmp;
    }
}
