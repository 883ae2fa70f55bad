package qunzhu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;
import qunzhu.app.Bot;
import qunzhu.app.Wiring;
import qunzhu.config.BotConfig;
import qunzhu.feature.Feature;
import qunzhu.store.Database;

/**
 * The configuration the benchmarks run against, written to a temporary folder: {@code groups}
 * groups bench:g0..g{n-1} (a {@link BenchPlatform}) that all share one profile (button verification with newcomer
 * restrictions, a welcome, 首问必答 questions, highlights, a duty roster, the layered moderation
 * preset and a 200-rule blocklist: 150 keyword rules and 50 regex rules), one host
 * account on that platform, the reports feature with daily and weekly digests. Every event of the benchmarks goes
 * to one of these groups, so each feature does its work instead of returning at once for an
 * unknown chat.
 */
final class BenchConfig {
    private BenchConfig() {}

    /** The 200 rules: keyword rules hit by "关键词{i}" or "badword{i}", regex rules by "promo{i}123abc". */
    static String blocklist() {
        StringBuilder sb = new StringBuilder("    moderation:\n      blocklist:\n");
        for (int i = 0; i < 150; i++) {
            sb.append("        - {name: kw").append(i).append(", keywords: [关键词").append(i).append(", badword").append(i)
                    .append("], action: delete}\n");
        }
        for (int i = 0; i < 50; i++) {
            sb.append("        - {name: re").append(i).append(", regex: 'promo").append(i).append("\\d{3}[a-z]+', action: warn}\n");
        }
        return sb.toString();
    }

    /** Writes the config for {@code groups} groups into a fresh temporary folder and returns it. */
    static Path write(int groups, boolean reports) throws IOException {
        Path dir = Files.createTempDirectory("qunzhu-bench-config");
        Files.writeString(dir.resolve("bot.yml"), """
                bot:
                  timezone: Asia/Shanghai
                  locale: zh-CN
                  database: bench.db
                  durability: normal
                  operators: [bench:olivia]
                  log_chat: bench:ops
                sandbox:
                  enabled: false
                """);
        Files.writeString(dir.resolve("accounts.yml"), """
                personas:
                  host:
                    name: 小群
                accounts:
                  - id: host
                    platform: bench
                    persona: host
                """);
        if (reports) Files.writeString(dir.resolve("reports.yml"), """
                reports:
                  daily: "09:00"
                  weekly: {day: monday, at: "09:00"}
                  deliver:
                    - {chat: "bench:ops"}
                """);
        StringBuilder g = new StringBuilder("""
                profiles:
                  bench:
                    category: interest
                    stage: growing
                    strategy: layered
                    welcome:
                      text: "欢迎 {name} 加入「{group}」！{rules_hint}"
                      delete_after: 10m
                    newcomers:
                      verify: button
                      verify_within: 5m
                      restrict_for: 12h
                      restrict_messages: 3
                    duty:
                      escalate_after: 10m
                      shifts:
                        - {days: mon-sun, hours: "00:00-23:59", moderators: [bench:mia]}
                    questions:
                      enabled: true
                      flag_after: 10m
                      hold_after: 30m
                    highlights:
                      points: 5
                    rules:
                      text: "1. 友善交流。2. 禁止广告。"
                """);
        g.append(blocklist());
        g.append("groups:\n");
        for (int i = 0; i < groups; i++) {
            g.append("  g").append(i).append(":\n    chat: bench:g").append(i).append("\n    title: 群").append(i)
                    .append("\n    profile: bench\n");
        }
        Files.writeString(dir.resolve("groups.yml"), g.toString());
        return dir;
    }

    static BotConfig load(Path dir, List<Feature> features) {
        return Wiring.loader(k -> null, List.of(BenchPlatform.factory()), features).load(dir);
    }

    /** The shipped features without those {@code drop} names (e.g. "reports"). */
    static List<Feature> featuresWithout(Predicate<String> drop) {
        return Wiring.features().stream().filter(f -> !drop.test(f.name())).toList();
    }

    /** A bot over {@code config} and a fresh database file, not started, no HTTP server. */
    static Bot bot(BotConfig config, Path dbFile, List<Feature> features) {
        return new Bot(config, Clock.system(config.zone()), Database.open(dbFile, false), features, List.of(BenchPlatform.factory()), false);
    }
}
