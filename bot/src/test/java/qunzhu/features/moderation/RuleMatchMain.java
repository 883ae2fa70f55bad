package qunzhu.features.moderation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Not a test: the blocklist part of a moderation decision with 200 rules (150 keyword rules, 50
 * regex rules, as in ModerationBench), each rule asked in turn (the matcher before RuleSet) and
 * with {@link RuleSet#judge}, interleaved in rounds on the same normalised texts so machine load
 * hits both alike; then normalisation alone and the whole decision ({@link Engine#check}).
 * Per-text latency percentiles and texts per second. Run with
 * {@code java -cp bot/target/test-classes:bot/target/classes:... qunzhu.features.moderation.RuleMatchMain [rounds]}.
 */
public final class RuleMatchMain {
    private RuleMatchMain() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int perRound = 50_000;
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < 150; i++) rules.add(new Rule("kw" + i, List.of("关键词" + i, "badword" + i), null, Verdict.Kind.DELETE, null));
        for (int i = 0; i < 50; i++) rules.add(Engine.regexRule("re" + i, "promo" + i + "\\d{3}[a-z]+", Verdict.Kind.WARN));
        RuleSet set = RuleSet.of(rules);
        String[] base = {"今天大家吃了什么", "有人用过 Java 17 的 record 吗", "meeting at 3pm tomorrow", "这个报错怎么解决：NullPointerException",
                "badword17 hello", "加微信 领资料", "promo12345abc deal", "谢谢分享！", "https://github.com/qunzhu/qunzhu", "周末一起爬山吗"};
        Random rnd = new Random(42);
        String[] raw = new String[perRound];
        String[] judged = new String[perRound];
        for (int i = 0; i < perRound; i++) {
            raw[i] = base[rnd.nextInt(base.length)] + " " + rnd.nextInt(1_000_000);
            judged[i] = qunzhu.text.Normalizer.forJudging(raw[i]);
        }
        long[] naive = new long[rounds * perRound];
        long[] combined = new long[rounds * perRound];
        long[] normalise = new long[rounds * perRound];
        long naiveNs = 0, combinedNs = 0, normaliseNs = 0;
        int sink = 0;
        for (int round = -1; round < rounds; round++) { // round -1 warms up
            for (int i = 0; i < perRound; i++) {
                long s = System.nanoTime();
                JudgedText t = JudgedText.of(judged[i], (r, c, g) -> {});
                for (Rule r : rules) if (r.action() != Verdict.Kind.OFF && t.matches(r)) sink++;
                long took = System.nanoTime() - s;
                if (round >= 0) { naive[round * perRound + i] = took; naiveNs += took; }
            }
            for (int i = 0; i < perRound; i++) {
                long s = System.nanoTime();
                JudgedText t = JudgedText.of(judged[i], (r, c, g) -> {});
                int[] n = {0};
                set.judge(t, r -> n[0]++);
                sink += n[0];
                long took = System.nanoTime() - s;
                if (round >= 0) { combined[round * perRound + i] = took; combinedNs += took; }
            }
            for (int i = 0; i < perRound; i++) {
                long s = System.nanoTime();
                sink += qunzhu.text.Normalizer.forJudging(raw[i]).length();
                long took = System.nanoTime() - s;
                if (round >= 0) { normalise[round * perRound + i] = took; normaliseNs += took; }
            }
        }
        report("rules_each_in_turn", naive, naiveNs);
        report("rules_combined", combined, combinedNs);
        report("normalise_only", normalise, normaliseNs);

        ModerationConfig policy = Engine.policy(qunzhu.config.Strategy.LAYERED, rules);
        long[] now = {Instant.parse("2026-11-24T02:00:00Z").toEpochMilli()};
        Engine engine = new Engine(ZoneId.of("Asia/Shanghai"), 200_000, Duration.ofSeconds(60), () -> now[0]);
        long[] whole = new long[rounds * perRound];
        long wholeNs = 0;
        for (int round = -1; round < rounds; round++) {
            for (int i = 0; i < perRound; i++) {
                now[0]++;
                long s = System.nanoTime();
                String r = engine.check("sandbox:g" + rnd.nextInt(10_000), "m" + rnd.nextInt(1_000), "x" + i, raw[i], Instant.ofEpochMilli(now[0]), policy);
                long took = System.nanoTime() - s;
                if (r != null) sink++;
                if (round >= 0) { whole[round * perRound + i] = took; wholeNs += took; }
            }
        }
        report("whole_decision", whole, wholeNs);
        if (sink == 42) System.out.println();
    }

    private static void report(String name, long[] lat, long totalNs) {
        long[] sorted = lat.clone();
        Arrays.sort(sorted);
        System.out.printf("%s %.0f /s, p50 %.1f us, p99 %.1f us, p99.9 %.1f us%n", name, lat.length / (totalNs / 1e9),
                sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3, sorted[(int) (sorted.length * 0.999)] / 1e3);
    }
}
