package ai.millrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.core.internal.workspace.MillraceVersion;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootCommandTest {
    @TempDir
    Path tmp;

    final Cli cli = new Cli();

    @Test
    void versionFlagAndCommand() {
        assertEquals("millrace " + MillraceVersion.CURRENT + "\n", cli.run("--version").out());
        assertEquals("millrace " + MillraceVersion.CURRENT + "\n", cli.run("version").out());
        assertEquals(MillraceVersion.CURRENT, cli.run("version", "--json").json().get("version").asText());
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = cli.run();
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("Missing command\n"), r.err());
    }

    @Test
    void unknownCommandsAndOptionsAreUsageErrors() {
        Cli.Result r = cli.run("explode");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: Unmatched argument at index 0: 'explode'"), r.err());
        assertEquals(2, cli.run("--bogus").code());
    }

    @Test
    void helpDocumentsTheExitCodes() {
        Cli.Result r = cli.run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Exit codes:"), r.out());
        assertTrue(r.out().contains("  2  usage error"), r.out());
        for (String command : new String[] {"demo", "init", "status", "run", "runs", "queue", "control", "planning",
                "config", "compile", "modes", "skills", "doctor", "upgrade", "version", "add-task", "add-spec", "add-idea",
                "pause", "resume", "stop", "reload-config", "retry-active", "clear-stale-state"}) {
            assertTrue(r.out().contains("\n  " + command + " "), command);
        }
        assertEquals(0, cli.run("queue", "add-task", "--help").code());
    }

    @Test
    void doctorReportsAsTheOriginalAndFailsOnErrors() {
        Path w = tmp.resolve("ws");
        cli.run("init", "--workspace", w.toString());
        Cli.Result doctor = cli.run("doctor", "--workspace", w.toString());
        assertEquals(0, doctor.code(), doctor.toString());
        assertEquals(List.of("ok", "errors", "warnings"), doctor.keys().subList(0, 3));
        assertEquals("true", doctor.get("ok"));
        assertEquals("0", doctor.get("errors"));
        assertTrue(cli.run("doctor", "--json", "--workspace", w.toString()).json().get("findings").isArray());
        Cli.Result missing = cli.run("doctor", "--workspace", tmp.resolve("none").toString());
        assertEquals(1, missing.code());
        assertEquals("false", missing.get("ok"));
        assertTrue(missing.out().contains("\nerror: missing_directory "), missing.out());
    }

    @Test
    void upgradePreviewsAndAppliesWithTheOriginalsReport() throws Exception {
        Path w = tmp.resolve("ws");
        cli.run("init", "--workspace", w.toString());
        Cli.Result preview = cli.run("upgrade", "--workspace", w.toString());
        assertEquals(0, preview.code(), preview.toString());
        assertEquals(List.of("applied", "baseline_manifest_id", "candidate_manifest_id", "unchanged",
                "safe_package_update", "local_only_modification", "already_converged", "localized_removed", "conflict",
                "missing"), preview.keys().subList(0, 10));
        assertEquals("false", preview.get("applied"));
        assertEquals("0", preview.get("conflict"));
        java.nio.file.Files.delete(w.resolve("millrace-agents/entrypoints/execution/builder.md"));
        Cli.Result apply = cli.run("upgrade", "--apply", "--workspace", w.toString());
        assertEquals(0, apply.code(), apply.toString());
        assertEquals("true", apply.get("applied"));
        assertTrue(apply.lines().contains("entry: entrypoints/execution/builder.md missing"), apply.out());
        assertTrue(java.nio.file.Files.isRegularFile(w.resolve("millrace-agents/entrypoints/execution/builder.md")));
        Cli.Result bad = cli.run("upgrade", "--localize-removed", "/etc/passwd", "--workspace", w.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("error: "), bad.err());
        assertEquals(1, cli.run("upgrade", "--workspace", tmp.resolve("none").toString()).code());
        assertEquals(2, cli.run("upgrade", "--localize-removed-from", tmp.resolve("no.txt").toString(), "--workspace",
                w.toString()).code());
    }

    @Test
    void loggingIsQuietUnlessAskedFor() {
        String key = "org.slf4j.simpleLogger.defaultLogLevel";
        String before = System.getProperty(key);
        try {
            System.clearProperty(key);
            Main.configureLogging(new String[] {"status"});
            assertEquals("warn", System.getProperty(key));
            System.clearProperty(key);
            Main.configureLogging(new String[] {"status", "--verbose"});
            assertEquals("info", System.getProperty(key));
            System.clearProperty(key);
            Main.configureLogging(new String[] {"--verbose", "--debug", "status"});
            assertEquals("debug", System.getProperty(key));
        } finally {
            if (before == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, before);
            }
        }
    }
}
