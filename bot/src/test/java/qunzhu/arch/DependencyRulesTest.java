package qunzhu.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point inward: features and the spine never see an adapter,
 * adapters never see a feature, nothing but app/ wires the whole, and features stay off each
 * other except where one deliberately builds on another.
 */
class DependencyRulesTest {
    static final Path MAIN = Path.of("src", "main", "java", "qunzhu");
    static final Pattern IMPORT = Pattern.compile("^import (?:static )?qunzhu\\.([a-z]+)(?:\\.([a-z]+))?", Pattern.MULTILINE);
    /** feature → features it may use. verify greets through welcome and quotes the rules. */
    static final Set<String> ALLOWED_FEATURE_EDGES = Set.of("verify->welcome", "verify->rules", "welcome->rules");

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
        if (top.equals("features") && to.equals("features") && sub != null && toSub != null && !sub.equals(toSub)
                && !ALLOWED_FEATURE_EDGES.contains(sub + "->" + toSub)) return "features stay off each other";
        return null;
    }
}
