package ai.millrace.harness.codex;

import ai.millrace.api.internal.process.ProcessTree;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds or installs the real {@code @openai/codex} for the integration tests: {@code -Dmillrace.it.codex}
 * wins; otherwise npm installs the pinned version into {@code target/npm} (reused when present).
 */
final class RealCodex {
    static final String CODEX_PACKAGE = "@openai/codex@0.169.0";
    static final String CODEX_VERSION = "codex-cli 0.169.0";

    private static Path codex;
    private static String skipReason;
    private static boolean located;

    private RealCodex() {
    }

    /**
     * Locates (installing once) the binary.
     *
     * @return why the real Codex cannot run here, or null when {@link #binary()} is usable
     * @throws Exception when probing fails unexpectedly
     */
    static synchronized String skipReason() throws Exception {
        if (!located) {
            skipReason = locateCodex();
            located = true;
        }
        return skipReason;
    }

    /** @return the located binary */
    static Path binary() {
        return codex;
    }

    private static String locateCodex() throws Exception {
        String override = System.getProperty("millrace.it.codex", "");
        if (!override.isBlank()) {
            codex = Path.of(override).toAbsolutePath();
        } else {
            Optional<Path> npm = ProcessTree.which("npm", System.getenv("PATH"));
            if (npm.isEmpty()) {
                return "npm is not on the PATH: the real-Codex integration test needs Node.js and npm"
                        + " (or -Dmillrace.it.codex=<codex binary>)";
            }
            Path prefix = Path.of(System.getProperty("basedir", "."), "target", "npm").toAbsolutePath();
            codex = prefix.resolve("node_modules/.bin/codex");
            if (!Files.isExecutable(codex) || !version(codex).contains(CODEX_VERSION)) {
                Files.createDirectories(prefix);
                Result install = exec(List.of(npm.get().toString(), "install", "--prefix", prefix.toString(),
                        "--no-audit", "--no-fund", "--loglevel=error", CODEX_PACKAGE), prefix, Duration.ofMinutes(2));
                if (install.code != 0 || !Files.isExecutable(codex)) {
                    return "npm install " + CODEX_PACKAGE + " failed (exit " + install.code + "): " + install.tail();
                }
            }
        }
        String version = version(codex);
        return version.contains(CODEX_VERSION) ? null
                : "expected " + CODEX_VERSION + " at " + codex + ", found: " + version;
    }

    private static String version(Path binary) throws Exception {
        if (!Files.isExecutable(binary)) {
            return "(missing)";
        }
        Result r = exec(List.of(binary.toString(), "--version"), binary.getParent(), Duration.ofSeconds(30));
        return r.output.strip();
    }

    record Result(int code, String output) {
        String tail() {
            return output.length() > 2000 ? output.substring(output.length() - 2000) : output;
        }
    }

    static Result exec(List<String> command, Path dir, Duration timeout) throws Exception {
        File out = Files.createTempFile("millrace-it", ".out").toFile();
        try {
            Process p = ProcessTree.start(new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessTree.nullFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out));
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.kill(p, Duration.ofSeconds(1));
                return new Result(-1, "timed out after " + timeout + ": " + Files.readString(out.toPath()));
            }
            return new Result(p.exitValue(), Files.readString(out.toPath()));
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }
}
