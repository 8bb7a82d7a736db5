package ai.millrace.api.spi.testplugin;

import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.spi.RunnerContext;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.api.spi.StageRunnerProvider;

/** A test plugin registered only through META-INF/services. */
public class EchoRunnerProvider implements StageRunnerProvider {
    @Override
    public String id() {
        return "echo";
    }

    @Override
    public StageRunner create(RunnerContext context) {
        return new StageRunner() {
            @Override
            public String id() {
                return "echo";
            }

            @Override
            public RunnerRawResult run(StageRunRequest request) {
                return RunnerRawResult.builder().requestId(request.requestId()).runId(request.runId())
                        .stage(request.stage()).runnerName("echo").exitKind(RunnerExitKind.COMPLETED).exitCode(0)
                        .startedAt(context.clock().instant()).endedAt(context.clock().instant()).build();
            }
        };
    }
}
