package qunzhu.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point inward: features and the spine never see an adapter,
 * adapters never see a feature, nothing but app/ wires the whole, features never import each
 * other (they talk through events the spine carries and queries it provides), the spine never
 * imports a feature, features reach the store only through {@code FeatureStore}, and no two
 * packages import each other, directly or round a loop.
 */
class DependencyRulesTest {
    static final Path MAIN = Path.of("src", "main", "java", "qunzhu");
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?qunzhu\\.([a-z]+)(?:\\.([a-z]+))?", Pattern.MULTILINE);
    @Test void importsPointInward() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = MAIN.relativize(f);
                String top = rel.getName(0).toString();
                String sub = rel.getNameCount() > 2 ? rel.getName(1).toString() : null;
                Matcher m = IMPORT.matcher(Files.readString(f));
                while (m.find()) {
                    String to = m.group(1);
                    String toSub = m.group(2);
                    String why = rule(top, sub, to, toSub);
                    if (why == null && top.equals("features") && m.group(0).endsWith("qunzhu.store")
                            && Files.readString(f).contains("import qunzhu.store.Database;")) why = "features keep state through FeatureStore";
                    if (why != null) violations.add(rel + " imports qunzhu." + to + (toSub == null ? "" : "." + toSub) + ": " + why);
                }
            }
        }
        assertEquals(List.of(), violations);
    }

    /** State belongs in objects the wiring builds (or in the store), never in a static field a test can flip. */
    @Test void noMutableStaticFields() throws IOException {
        Pattern field = Pattern.compile("^\\s*(?:(?:public|protected|private|volatile|transient)\\s+)*static\\s+(?!final\\b)(?!class\\b|interface\\b|record\\b|enum\\b|<)"
                + "(?:(?:volatile|transient)\\s+)*[\\w.<>\\[\\], ?]+\\s+\\w+\\s*(?:=|;)", Pattern.MULTILINE);
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = field.matcher(Files.readString(f));
                while (m.find()) violations.add(MAIN.relativize(f) + ": " + m.group().strip());
            }
        }
        assertEquals(List.of(), violations);
    }

    private static String rule(String top, String sub, String to, String toSub) {
        if (to.equals("app") && !top.equals("app")) return "only app/ wires everything";
        boolean adapter = top.equals("platform") && sub != null;
        boolean toAdapter = to.equals("platform") && toSub != null && Set.of("telegram", "onebot", "sandbox").contains(toSub);
        if (!top.equals("app") && toAdapter && !(adapter && toSub.equals(sub))) return "adapters are reached only through Platform";
        if (adapter && Set.of("features", "feature", "command", "pipeline", "outbox").contains(to)) return "adapters see no feature logic";
        if (top.equals("core") && !to.equals("core")) return "core depends on nothing";
        if (top.equals("features") && to.equals("features") && !(sub != null && sub.equals(toSub))) return "features never import each other";
        if (!top.equals("features") && !top.equals("app") && to.equals("features")) return "the spine never imports a feature";
        return null;
    }

    /** Package → packages it imports (qunzhu.x or qunzhu.x.y), over main. */
    static Map<String, Set<String>> packageGraph() throws IOException {
        Pattern pkgImport = Pattern.compile("^import (?:static )?(qunzhu(?:\\.[a-z][a-z0-9]*)+)\\.[A-Z]", Pattern.MULTILINE);
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path dir = MAIN.relativize(f).getParent();
                String from = "qunzhu" + (dir == null ? "" : "." + dir.toString().replace(java.io.File.separatorChar, '.'));
                Set<String> to = graph.computeIfAbsent(from, k -> new TreeSet<>());
                Matcher m = pkgImport.matcher(Files.readString(f));
                while (m.find()) if (!m.group(1).equals(from)) to.add(m.group(1));
                // Fully qualified uses (qunzhu.store.Database in a body) count too.
                Matcher q = Pattern.compile("(?<![\\w.])(qunzhu(?:\\.[a-z][a-z0-9]*)+)\\.[A-Z]").matcher(Files.readString(f));
                while (q.find()) if (!q.group(1).equals(from)) to.add(q.group(1));
            }
        }
        return graph;
    }

    @Test void noPackageCycles() throws IOException {
        Map<String, Set<String>> graph = packageGraph();
        List<String> cycles = new ArrayList<>();
        for (String start : graph.keySet()) {
            // Depth-first from each package: a path back to it is a cycle (reported from its smallest name, once).
            java.util.Deque<List<String>> paths = new java.util.ArrayDeque<>();
            paths.push(List.of(start));
            Set<String> seen = new TreeSet<>();
            while (!paths.isEmpty()) {
                List<String> path = paths.pop();
                for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
                    if (next.equals(start)) {
                        if (path.stream().allMatch(p -> p.compareTo(start) >= 0)) cycles.add(String.join(" -> ", path) + " -> " + start);
                    } else if (seen.add(next)) {
                        List<String> longer = new ArrayList<>(path);
                        longer.add(next);
                        paths.push(longer);
                    }
                }
            }
        }
        assertEquals(List.of(), cycles);
    }

    /** The cycle check itself finds a two-package loop (a test that cannot fail is a defect). */
    @Test void theCycleCheckSeesTheGraph() throws IOException {
        Map<String, Set<String>> graph = packageGraph();
        assertTrue(graph.getOrDefault("qunzhu.command", Set.of()).contains("qunzhu.feature"), "the router uses the feature API: " + graph.get("qunzhu.command"));
        assertFalse(graph.getOrDefault("qunzhu.feature", Set.of()).contains("qunzhu.command"), "the feature API does not use the router");
    }
}
