package qunzhu.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The systemd unit and the container recipe in the repository describe a deployment that can
 * work: no Docker engine or systemd runs here, so this reads them the way those tools would and
 * checks each fact they rely on against the build and the code.
 */
class DeployFilesTest {
    static final Path ROOT = Path.of("..");

    /** key → values per section, as systemd reads a unit file (comments and blank lines skipped). */
    static Map<String, Map<String, List<String>>> unit(Path file) throws IOException {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        String section = null;
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1);
                out.put(section, new LinkedHashMap<>());
                continue;
            }
            int eq = line.indexOf('=');
            assertTrue(section != null && eq > 0, "not a unit file line: " + raw);
            out.get(section).computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>()).add(line.substring(eq + 1));
        }
        return out;
    }

    static String one(Map<String, List<String>> section, String key) {
        List<String> v = section.get(key);
        assertNotNull(v, key + " is missing");
        assertEquals(1, v.size(), key + " is set more than once");
        return v.get(0);
    }

    @Test void theSystemdUnitRestartsOnFailureKeepsSecretsOutAndRunsTheBuiltJar() throws Exception {
        var u = unit(ROOT.resolve("scripts/deploy/qunzhu.service"));
        var service = u.get("Service");
        assertEquals("on-failure", one(service, "Restart"));
        assertEquals("simple", one(service, "Type"));
        assertEquals("/etc/qunzhu/env", one(service, "EnvironmentFile"), "the token comes from an EnvironmentFile");
        assertEquals("/var/lib/qunzhu", one(service, "WorkingDirectory"), "data/qunzhu.db lands in /var/lib/qunzhu");
        assertEquals("qunzhu", one(service, "StateDirectory"));
        assertFalse(one(service, "User").equals("root"));
        assertTrue(one(service, "ReadWritePaths").contains("/var/lib/qunzhu"));
        assertEquals("multi-user.target", one(u.get("Install"), "WantedBy"));
        String exec = one(service, "ExecStart");
        assertTrue(exec.contains(" qunzhu.app.Main run --config /etc/qunzhu"), exec);
        assertTrue(exec.contains("/opt/qunzhu/qunzhu-bot.jar:/opt/qunzhu/lib/*"), exec);
        assertTrue(one(service, "ExecStartPre").contains("qunzhu.app.Main check-config --config /etc/qunzhu"));
        assertNotNull(Class.forName("qunzhu.app.Main").getMethod("main", String[].class));
        // The names the unit uses are the names the build produces.
        String pom = Files.readString(ROOT.resolve("bot/pom.xml"));
        assertTrue(pom.contains("<finalName>qunzhu-bot</finalName>") && pom.contains("${project.build.directory}/lib"), "bot/pom.xml");
        // The shipped config keeps its database relative to the working directory.
        assertTrue(Files.readString(ROOT.resolve("config/bot.yml")).contains("database: data/qunzhu.db"));
    }

    @Test void theContainerRecipeBuildsInOneStageAndRunsAsANonRootUserWithADataVolume() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        List<String> froms = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(2, froms.size(), "multi-stage: a Maven build stage and a JRE stage");
        assertTrue(froms.get(0).contains("maven") && froms.get(0).endsWith(" AS build"), froms.get(0));
        assertTrue(froms.get(1).contains("-jre"), froms.get(1));
        int runtime = lines.indexOf(froms.get(1));
        List<String> last = lines.subList(runtime, lines.size());
        String user = last.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
        assertFalse(user.equals("USER root") || user.equals("USER 0"), "the image runs as root");
        assertTrue(last.contains("VOLUME /data") && last.contains("WORKDIR /data"), "data in the /data volume");
        assertTrue(lines.stream().anyMatch(l -> l.equals("RUN mvn -B -q -ntp -DskipTests package")));
        assertTrue(last.stream().anyMatch(l -> l.startsWith("ENTRYPOINT") && l.contains("qunzhu.app.Main")));
        assertTrue(last.stream().anyMatch(l -> l.startsWith("CMD") && l.contains("\"--config\", \"/etc/qunzhu\"")));
        // The recipe rewrites the sandbox host of the shipped config; that line must exist.
        assertTrue(Files.readAllLines(ROOT.resolve("config/bot.yml")).contains("  host: 127.0.0.1"), "config/bot.yml sandbox host");
        assertTrue(Files.readString(ROOT.resolve(".dockerignore")).contains("**/target"));
    }
}
