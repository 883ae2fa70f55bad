package qunzhu.features.points;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.PointsKind;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.Points;
import qunzhu.feature.Setup;
import qunzhu.store.Database;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.TestBot;

/**
 * Every balance equals the sum of its ledger entries, and both equal a model of the rules
 * (one entry per source and member, no spend below 0, claw-backs in full), after a random
 * mix of earns, spends, claw-backs, grants and duplicates from another feature, and again
 * after a restart on the same database file.
 */
class LedgerReconciliationTest {
    @TempDir Path dir;

    /** Stands for any feature that gives or takes points: "/pc EARN 5 quiz:1" emits a PointsChanged for the caller. */
    static final class Emitter implements Feature {
        @Override public String name() { return "emitter"; }
        @Override public void install(Setup s) {
            var points = s.find(Points.class);
            s.command(CommandSpec.of("pc").arg(Arg.text("line")).namespace("points").handler(call -> {
                String[] w = call.rest().split(" ");
                var m = call.message();
                call.ctx().emit(new Event.PointsChanged(EventKey.of(m.chat(), "pc:" + m.messageId()), m.chat(), m.at(), m.account(),
                        m.author(), Long.parseLong(w[1]), PointsKind.valueOf(w[0]), "test", w[2]));
                return List.of();
            }));
            s.command(CommandSpec.of("bal").namespace("points").handler(call ->
                    List.of(call.reply("bal=" + points.orElse(Points.NONE).balance(call.message().chat(), call.caller().id())))));
        }
    }

    final Map<String, Long> model = new HashMap<>();
    final Set<String> sources = new HashSet<>();

    void apply(String member, PointsKind kind, long amount, String source) {
        if (!sources.add(member + "|" + source)) return;
        long delta = kind == PointsKind.SPEND || kind == PointsKind.CLAWBACK ? -amount : amount;
        long now = model.getOrDefault(member, 0L);
        if (delta < 0 && kind != PointsKind.CLAWBACK && now + delta < 0) { sources.remove(member + "|" + source); return; }
        model.put(member, now + delta);
    }

    TestBot start(Path file, MutableClock clock) {
        return TestBot.with(new PointsFeature(), new Emitter()).clock(clock).database(Database.open(file, false))
                .yaml(PointsFeatureTest.GROUPS.replace("per_message: 1", "per_message: 0")).build();
    }

    void assertReconciled(TestBot bot) {
        List<long[]> drift = bot.db().query("""
                SELECT b.balance, (SELECT COALESCE(SUM(delta), 0) FROM points_ledger l
                                   WHERE l.platform = b.platform AND l.chat_id = b.chat_id AND l.member_id = b.member_id)
                FROM points_balance b""", rs -> new long[] {rs.getLong(1), rs.getLong(2)});
        for (long[] d : drift) assertEquals(d[1], d[0], "a cached balance drifted from its ledger");
        for (String m : List.of("alice", "bob", "carol")) {
            long ledger = bot.db().count("SELECT COALESCE(SUM(delta), 0) FROM points_ledger WHERE chat_id = 'tech' AND member_id = ?", m);
            assertEquals((long) model.getOrDefault(m, 0L), ledger, "ledger of " + m);
            bot.group("tech").shouldReply(m, "/bal", "bal=" + model.getOrDefault(m, 0L));
        }
    }

    void randomOps(TestBot bot, Random r, int n) {
        FakeGroup tech = bot.group("tech");
        String[] members = {"alice", "bob", "carol"};
        for (int i = 0; i < n; i++) {
            String m = members[r.nextInt(members.length)];
            int op = r.nextInt(5);
            long amount = 1 + r.nextInt(20);
            String source = "src:" + r.nextInt(12); // few sources: duplicates are frequent
            if (op == 4) {
                long signed = r.nextBoolean() ? amount : -amount;
                tech.post("olivia", "/givepoints @" + m + " " + signed + " 随机");
                // /givepoints has its own source per message: never a duplicate
                apply(m, PointsKind.GRANT, signed, "grant:" + i + ":" + r.nextLong());
                continue;
            }
            PointsKind kind = List.of(PointsKind.EARN, PointsKind.EARN, PointsKind.SPEND, PointsKind.CLAWBACK).get(op);
            tech.post(m, "/pc " + kind + " " + amount + " " + source);
            apply(m, kind, amount, source);
        }
    }

    @Test void balancesReconcileWithTheLedgerAfterRandomOperationsAndARestart() {
        Path file = dir.resolve("points.db");
        MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
        Random r = new Random(20261124);
        try (TestBot bot = start(file, clock)) {
            randomOps(bot, r, 80);
            assertReconciled(bot);
        }
        try (TestBot bot = start(file, clock)) {
            assertReconciled(bot);
            randomOps(bot, r, 40); // sources seen before the restart stay spent
            assertReconciled(bot);
        }
    }
}
