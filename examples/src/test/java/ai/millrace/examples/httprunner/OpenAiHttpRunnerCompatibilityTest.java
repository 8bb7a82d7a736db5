package ai.millrace.examples.httprunner;

import ai.millrace.api.spi.StageRunner;
import ai.millrace.testkit.compat.StageRunnerCompatibilityKit;
import ai.millrace.testkit.fakemodel.FakeModelServer;
import ai.millrace.testkit.fakemodel.FakeReply;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the harness compatibility kit against {@link OpenAiHttpRunner}, with a {@link FakeModelServer}
 * scripted per scenario. The three tests that require a child process are disabled here:
 * {@link OpenAiHttpRunnerTest} covers the same timeout and interrupt behaviour for an HTTP call.
 */
class OpenAiHttpRunnerCompatibilityTest extends StageRunnerCompatibilityKit {

    private FakeModelServer server;

    // snippet:compat
    @Override
    protected StageRunner runnerFor(Scenario scenario, Path workDir) {
        server = FakeModelServer.start();
        String done = "Done.\n\n" + COMPLETE_MARKER;
        switch (scenario) {
            case SUCCEED:
                server.enqueue(FakeReply.text(done));
                break;
            case SUCCEED_WITH_USAGE:
                server.enqueue(FakeReply.text(done).withUsage(1_000, 200, 50, 10));
                break;
            case UNKNOWN_OUTPUT_EVENTS:
                server.enqueue(FakeReply.text("{\"type\":\"mystery\"}\nnot json at all\n" + done));
                break;
            case HUGE_OUTPUT:
                server.enqueue(FakeReply.text(("x".repeat(79) + "\n").repeat(50_000) + done));   // 4 MB
                break;
            case CRASH:
                server.enqueue(FakeReply.streamFailure());   // the connection dies mid-reply: runner_error
                break;
            default:                                         // HANG, HANG_WITH_GRANDCHILD
                server.enqueue(FakeReply.text(done).hang());
        }
        return new OpenAiHttpRunner(URI.create(server.baseUrl()), null, null, Clock.systemUTC());
    }
    // end:compat

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Override
    @Disabled("An in-process HTTP runner starts no process, and the kit requires one to prove the timeout;"
            + " OpenAiHttpRunnerTest.aSilentServerTimesOutAtTheRequestTimeout covers it")
    public void hangTimesOutAndLeavesNoProcess(@TempDir Path workDir) {
    }

    @Test
    @Override
    @Disabled("No process, so no grandchild to kill: the scenario does not apply to an HTTP runner")
    public void hangWithGrandchildKillsTheWholeTree(@TempDir Path workDir) {
    }

    @Test
    @Override
    @Disabled("The kit waits for a process before interrupting; OpenAiHttpRunnerTest.anInterruptCancelsTheCallAndKeepsTheFlag"
            + " interrupts an in-flight HTTP call instead")
    public void interruptCancelsTheRun(@TempDir Path workDir) {
    }
}
