package qunzhu.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real entry point ({@code qunzhu.app.Main run}) in a child JVM, with a config directory
 * of its own and its output in a file: what a supervisor (systemd, a container) starts. Tests
 * check that it stays up, answers through a loopback fake platform, and stops cleanly on SIGTERM.
 */
public final class ChildBot implements AutoCloseable {
    private final Process process;
    private final Path output;
    private final Path dir;

    private ChildBot(Process process, Path output, Path dir) {
        this.process = process;
        this.output = output;
        this.dir = dir;
    }

    /**
     * Writes {@code files} (name → YAML) into a fresh config directory whose database lives
     * beside it, and starts {@code Main run --config DIR} with {@code env} added.
     */
    public static ChildBot start(Map<String, String> files, Map<String, String> env) throws IOException {
        Path dir = Files.createTempDirectory("qunzhu-child");
        Path config = Files.createDirectories(dir.resolve("config"));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = config.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue().replace("@DATA@", dir.resolve("data").toString()));
        }
        Path output = dir.resolve("output.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("qunzhu.app.Main");
        cmd.add("run");
        cmd.add("--config");
        cmd.add(config.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().putAll(env);
        return new ChildBot(pb.start(), output, dir);
    }

    /** Everything the child printed so far (stdout and stderr). */
    public String output() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read output: " + e + ")";
        }
    }

    public boolean alive() { return process.isAlive(); }

    public Path dir() { return dir; }

    /** Waits (bounded) until the child printed {@code text}; fails with its output if it exited or took too long. */
    public void awaitOutput(String text, Duration within) throws InterruptedException {
        Wait.until(() -> {
            if (output().contains(text)) return true;
            if (!process.isAlive()) fail("the bot exited with " + process.exitValue() + " before printing \"" + text + "\":\n" + output());
            return false;
        }, within, "the bot to print \"" + text + "\"");
    }

    /** Asserts that the child is still running after {@code period} (it must not exit on its own). */
    public void assertStaysUp(Duration period) throws InterruptedException {
        boolean exited = process.waitFor(period.toMillis(), TimeUnit.MILLISECONDS);
        if (exited) fail("the bot exited on its own with " + process.exitValue() + ":\n" + output());
    }

    /** Sends SIGTERM and returns the exit code; fails if the child does not stop within {@code within}. */
    public int terminate(Duration within) throws InterruptedException {
        process.destroy(); // SIGTERM on Unix
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            fail("the bot did not stop within " + within + " of SIGTERM:\n" + output());
        }
        return process.exitValue();
    }

    /** SIGKILL (no shutdown hook runs) and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) fail("the bot did not die within 20 s of SIGKILL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, then the checks every clean stop must pass: exit code 0 and the stop announced. */
    public void stopCleanly() throws InterruptedException {
        int code = terminate(Duration.ofSeconds(20));
        String out = output();
        assertEquals(0, code, "exit code after SIGTERM; output:\n" + out);
        assertTrue(out.contains("Qunzhu stopped."), out);
    }

    @Override public void close() {
        if (process.isAlive()) process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
