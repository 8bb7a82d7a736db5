package ai.millrace.examples.httprunner;

import ai.millrace.api.spi.StageRunner;
import ai.millrace.testkit.compat.StageRunnerCompatibilityKit;
import ai.millrace.testkit.fakemodel.FakeModelServer;
import ai.millrace.testkit.fakemodel.FakeReply;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * Runs the harness compatibility kit against {@link OpenAiHttpRunner}, with a {@link FakeModelServer}
 * scripted per scenario. The runner starts no process, so it says so to the kit and tells it when
 * the HTTP call is in flight; the kit skips only its process-tree (grandchild) test.
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

    // An HTTP call runs in this JVM: the kit checks timeout and interrupt without a process.
    @Override
    protected boolean startsProcesses() {
        return false;
    }

    @Override
    protected void awaitInFlight(Scenario scenario, Duration limit) {
        server.awaitRequests(1, limit);
    }
}
