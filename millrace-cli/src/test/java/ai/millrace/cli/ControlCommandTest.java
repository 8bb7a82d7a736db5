package ai.millrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ControlCommandTest {
    @TempDir
    Path tmp;

    final Cli cli = new Cli();
    Path w;

    @BeforeEach
    void init() {
        w = tmp.resolve("ws");
        assertEquals(0, cli.run("init", "--workspace", w.toString()).code());
    }

    @Test
    void pauseAndResumeApplyDirectlyWithoutADaemon() {
        Cli.Result pause = cli.run("control", "pause", "--workspace", w.toString());
        assertEquals(0, pause.code(), pause.toString());
        assertEquals("action: pause\nmode: direct\napplied: true\ndetail: runtime paused directly\n", pause.out());
        assertEquals("applied: false", cli.run("pause", "--workspace", w.toString()).lines().get(2));
        Cli.Result resume = cli.run("resume", "--workspace", w.toString());
        assertEquals("action: resume\nmode: direct\napplied: true\ndetail: runtime resumed directly\n", resume.out());
        assertEquals("false", cli.run("status", "--workspace", w.toString()).get("paused"));
    }

    @Test
    void stopReloadRetryAndClearStaleStateReportTheirDirectOutcome() {
        assertEquals("runtime stopped directly", cli.run("control", "stop", "--workspace", w.toString()).get("detail"));
        Cli.Result reload = cli.run("control", "reload-config", "--workspace", w.toString());
        assertEquals("false", reload.get("applied"));
        assertEquals("no daemon running; reload request not enqueued", reload.get("detail"));
        assertEquals(reload.out(), cli.run("config", "reload", "--workspace", w.toString()).out());
        assertEquals(reload.out(), cli.run("reload-config", "--workspace", w.toString()).out());
        Cli.Result retry = cli.run("retry-active", "--workspace", w.toString(), "--reason", "try again");
        assertEquals(0, retry.code(), retry.toString());
        assertEquals("false", retry.get("applied"));
        Cli.Result clear = cli.run("clear-stale-state", "--workspace", w.toString());
        assertEquals("direct", clear.get("mode"));
        assertTrue(clear.get("detail").startsWith("cleared stale runtime state; requeued=0; runtime_ownership_lock="),
                clear.out());
    }

    @Test
    void planningRetryRefusesWhenNoPlanningWorkIsActive() {
        Cli.Result r = cli.run("planning", "retry-active", "--workspace", w.toString());
        assertEquals(0, r.code());
        assertEquals("action: retry_active\nmode: direct\napplied: false\ndetail: planning retry requires active planning"
                + " work; current active planes are none\n", r.out());
    }

    @Test
    void aLiveOwnerGetsTheCommandThroughItsMailbox() throws Exception {
        // This test process stands in for a live daemon owning the workspace.
        Files.writeString(w.resolve("millrace-agents/state/runtime_daemon.lock.json"), "{\n  \"workspace_root\": \""
                + w + "\",\n  \"owner_pid\": " + ProcessHandle.current().pid() + ",\n  \"owner_hostname\": \""
                + java.net.InetAddress.getLocalHost().getHostName() + "\",\n  \"owner_session_id\": \"0123456789abcdef0123456789abcdef\",\n"
                + "  \"acquired_at\": \"2026-01-01T00:00:00+00:00\"\n}\n");
        assertEquals("active", cli.run("status", "--workspace", w.toString()).get("runtime_ownership_lock"));
        Cli.Result r = cli.run("stop", "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals("mailbox", r.get("mode"));
        assertEquals("false", r.get("applied"));
        assertEquals("queued for daemon processing", r.get("detail"));
        assertTrue(r.get("command_id").startsWith("stop-"), r.out());
        Path envelope = Path.of(r.get("mailbox_path"));
        assertTrue(Files.isRegularFile(envelope), r.out());
        assertTrue(envelope.startsWith(w.resolve("millrace-agents/state/mailbox/incoming")));
    }

    @Test
    void controlRefusesAnUninitializedWorkspaceAndBadArguments() {
        String other = tmp.resolve("other").toString();
        for (String cmd : new String[] {"pause", "resume", "stop", "reload-config", "retry-active", "clear-stale-state"}) {
            Cli.Result r = cli.run("control", cmd, "--workspace", other);
            assertEquals(1, r.code(), cmd);
            assertTrue(r.err().startsWith("error: workspace is not initialized: "), r.err());
        }
        assertEquals(1, cli.run("planning", "retry-active", "--workspace", other).code());
        assertEquals(2, cli.run("control", "pause", "--workspace").code());
        assertEquals(2, cli.run("control", "explode", "--workspace", w.toString()).code());
        assertEquals(2, cli.run("control").code());
    }
}
