package ai.millrace.core.engine;

import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.spi.StageRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** A minimal in-process runner for core's own tests: prints whatever the script says. */
final class ScriptRunner implements StageRunner {
    private final Function<StageRunRequest, String> script;
    private final Clock clock;
    final List<StageRunRequest> requests = Collections.synchronizedList(new ArrayList<>());

    ScriptRunner(Clock clock, Function<StageRunRequest, String> script) {
        this.clock = clock;
        this.script = script;
    }

    /** Answers every stage with its first legal marker (its success result). */
    static ScriptRunner happy(Clock clock) {
        return new ScriptRunner(clock, r -> r.legalTerminalMarkers().get(0));
    }

    @Override
    public String id() {
        return "script";
    }

    @Override
    public RunnerRawResult run(StageRunRequest request) {
        requests.add(request);
        String output = script.apply(request);
        Path stdout = request.runDirectory().resolve("runner_stdout." + request.requestId() + ".txt");
        try {
            Files.createDirectories(stdout.getParent());
            Files.writeString(stdout, output + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return RunnerRawResult.builder().requestId(request.requestId()).runId(request.runId()).stage(request.stage())
                .runnerName(id()).exitKind(RunnerExitKind.COMPLETED).exitCode(0).stdoutPath(stdout.toString())
                .startedAt(clock.instant()).endedAt(clock.instant()).build();
    }

    List<String> stages() {
        List<String> stages = new ArrayList<>();
        synchronized (requests) {
            requests.forEach(r -> stages.add(r.stage().value()));
        }
        return stages;
    }
}
