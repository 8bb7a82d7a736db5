package ai.millrace.cli;

import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.run.TokenUsage;
import ai.millrace.api.spi.StageRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The {@code scripted} runner of {@code millrace demo}: answers every stage with its success
 * result (its first legal terminal marker) after writing a short note into the run folder, so the
 * whole machine can be watched working without a model. Uses no network and no process; reports
 * zero tokens. Thread-safe.
 */
public final class ScriptedRunner implements StageRunner {
    /** The runner id. */
    public static final String ID = "scripted";

    private final Clock clock;

    /**
     * Creates the runner.
     *
     * @param clock the clock that stamps results
     */
    public ScriptedRunner(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RunnerRawResult run(StageRunRequest request) {
        Instant started = clock.instant();
        String marker = request.legalTerminalMarkers().get(0);
        Path runDir = Path.of(request.runDir());
        Path note = runDir.resolve("scripted_note." + request.requestId() + ".md");
        Path stdout = runDir.resolve("runner_stdout." + request.requestId() + ".txt");
        String item = request.activeWorkItemKind() == null ? request.requestKind().wireName()
                : request.activeWorkItemKind().wireName() + " " + request.activeWorkItemId();
        try {
            Files.createDirectories(runDir);
            Files.writeString(note, "# " + request.stage().value() + " notes for " + item + "\n\n"
                    + "The scripted demo runner stood in for an agent here: it read the " + request.stage().value()
                    + " entrypoint (" + request.entrypointPath() + "), did no real work, and reported `" + marker
                    + "`.\n", StandardCharsets.UTF_8);
            Files.writeString(stdout, "scripted " + request.stage().value() + " finished " + item + "\n" + marker + "\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("scripted runner cannot write to " + runDir, e);
        }
        Instant ended = clock.instant();
        return RunnerRawResult.builder().requestId(request.requestId()).runId(request.runId()).stage(request.stage())
                .runnerName(ID).exitKind(RunnerExitKind.COMPLETED).exitCode(0).stdoutPath(stdout.toString())
                .tokenUsage(new TokenUsage(0, 0, 0, 0, 0))
                .startedAt(started).endedAt(ended.isBefore(started) ? started : ended).build();
    }
}
