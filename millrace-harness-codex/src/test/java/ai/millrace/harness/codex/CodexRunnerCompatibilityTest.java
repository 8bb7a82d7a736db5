package ai.millrace.harness.codex;

import static ai.millrace.harness.codex.CodexStageRunnerTest.THREAD;
import static ai.millrace.harness.codex.CodexStageRunnerTest.TURN;
import static ai.millrace.harness.codex.CodexStageRunnerTest.WARNING;
import static ai.millrace.harness.codex.CodexStageRunnerTest.agentMessage;
import static ai.millrace.harness.codex.CodexStageRunnerTest.turnCompleted;

import ai.millrace.api.run.TokenUsage;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.testkit.compat.StageRunnerCompatibilityKit;
import java.nio.file.Path;

/** The harness compatibility kit against the runner driving the fake {@code codex} script. */
class CodexRunnerCompatibilityTest extends StageRunnerCompatibilityKit {
    private static final String MESSAGE = "Did the compatibility work.\n\n" + COMPLETE_MARKER;

    @Override
    protected StageRunner runnerFor(Scenario scenario, Path workDir) {
        FakeCodex codex = FakeCodex.in(workDir.resolve("fake"));
        switch (scenario) {
            case SUCCEED:
                codex.events(THREAD, WARNING, TURN, agentMessage(MESSAGE), turnCompleted(10, 0, 5, 0))
                        .lastMessage(MESSAGE);
                break;
            case SUCCEED_WITH_USAGE:
                codex.events(THREAD, TURN, agentMessage(MESSAGE), turnCompleted(1000, 200, 40, 10),
                        turnCompleted(200, 0, 10, 0)).lastMessage(MESSAGE);
                break;
            case UNKNOWN_OUTPUT_EVENTS:
                codex.events(THREAD, "{\"type\":\"brand.new.event\",\"x\":{\"y\":[1,2]}}", "plain noise line",
                        "{\"type\":\"item.completed\",\"item\":{\"id\":\"i\",\"type\":\"mystery\",\"extra\":true}}",
                        "{broken json", TURN,
                        "{\"type\":\"item.completed\",\"item\":{\"id\":\"item_1\",\"type\":\"agent_message\","
                                + "\"text\":\"Did the compatibility work.\\n\\n### BUILDER_COMPLETE\",\"new_field\":1}}",
                        "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1,\"future\":9}}");
                break;
            case HUGE_OUTPUT:
                codex.events(THREAD, TURN).huge(2000)
                        .eventsAfterNoise(agentMessage(MESSAGE), turnCompleted(10, 0, 5, 0)).lastMessage(MESSAGE);
                break;
            case CRASH:
                codex.events(THREAD, TURN).stderr("thread 'main' panicked\n").crash();
                break;
            case HANG:
                codex.events(THREAD, TURN).hang();
                break;
            case HANG_WITH_GRANDCHILD:
                codex.events(THREAD, TURN).hang().withGrandchild();
                break;
            default:
                throw new AssertionError(scenario);
        }
        return codex.runner();
    }

    @Override
    protected TokenUsage expectedUsage() {
        return new TokenUsage(1200, 200, 50, 10, 1250);
    }
}
