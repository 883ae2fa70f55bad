package qunzhu.features.moderation;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import qunzhu.config.BotConfig;
import qunzhu.config.GroupConfig;

/**
 * Not a test: the heap a config with {@code groups} groups sharing one profile of 200 blocklist
 * rules (150 keyword rules, 50 regex rules) takes once loaded, measured after GC with
 * {@link java.lang.management.MemoryMXBean}. Run with
 * {@code java -cp bot/target/test-classes:bot/target/classes:bot/target/lib/* qunzhu.features.moderation.ConfigHeapMain [groups]}.
 */
public final class ConfigHeapMain {
    private ConfigHeapMain() {}

    public static void main(String[] args) throws IOException {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("qunzhu-heap");
        StringBuilder y = new StringBuilder("profiles:\n  big:\n    moderation:\n      blocklist:\n");
        for (int i = 0; i < 150; i++) y.append("        - {name: kw").append(i).append(", keywords: [关键词").append(i).append(", badword").append(i).append("]}\n");
        for (int i = 0; i < 50; i++) y.append("        - {name: re").append(i).append(", regex: 'promo").append(i).append("\\d{3}[a-z]+', action: warn}\n");
        y.append("groups:\n");
        for (int g = 0; g < groups; g++) y.append("  g").append(g).append(": {chat: \"sandbox:g").append(g).append("\", profile: big}\n");
        Files.writeString(dir.resolve("groups.yml"), y);

        long before = heapAfterGc();
        long t0 = System.nanoTime();
        BotConfig config = qunzhu.app.Wiring.loader(k -> null).load(dir);
        double loadSecs = (System.nanoTime() - t0) / 1e9;
        long after = heapAfterGc();

        Set<Object> lists = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Object> rules = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Object> patterns = Collections.newSetFromMap(new IdentityHashMap<>());
        for (GroupConfig g : config.groups().values()) {
            ModerationConfig m = g.section(ModerationConfig.class);
            lists.add(m.blocklist());
            for (Rule r : m.blocklist()) {
                rules.add(r);
                if (r.regex() != null) patterns.add(r.regex());
            }
        }
        System.out.printf("config_groups %d%n", config.groups().size());
        System.out.printf("config_heap_after_gc %.1f MB (%d groups sharing one 200-rule profile)%n", (after - before) / 1e6, groups);
        System.out.printf("config_load_seconds %.2f s%n", loadSecs);
        System.out.printf("config_distinct_blocklists %d, rules %d, patterns %d%n", lists.size(), rules.size(), patterns.size());
        if (config.groups().isEmpty()) System.out.println(); // keep the config reachable until measured
    }

    private static long heapAfterGc() {
        var mx = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            mx.gc();
            try { Thread.sleep(100); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        return mx.getHeapMemoryUsage().getUsed();
    }
}
