package ai.millrace.harness.pi.internal;

import ai.millrace.api.internal.harness.StagePrompt;
import ai.millrace.api.internal.harness.AtomicWrite;

import ai.millrace.api.config.EventLogPolicy;
import ai.millrace.api.config.PiRunnerConfig;
import ai.millrace.api.internal.process.ProcessTree;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stage run of the Pi harness from start to finish: artifacts before the spawn, the RPC
 * conversation, the shutdown of the process tree, and the artifacts and result after it.
 *
 * <p>Shutdown always runs: stdin is closed (which ends an RPC session), Pi gets
 * {@link PiSessionSettings#exitGrace()} to exit, then its whole process tree is killed; the process
 * group is signalled once more in any case so no tool process outlives the stage. Used by one
 * thread, once.
 */
public final class PiStageExecution {
    private static final Logger LOG = LoggerFactory.getLogger(PiStageExecution.class);

    private final String runnerId;
    private final PiRunnerConfig config;
    private final Path workspaceRoot;
    private final Map<String, String> environment;
    private final Clock clock;
    private final PiSessionSettings settings;
    private final StageRunRequest request;
    private final RunArtifacts artifacts;
    private final RunOutcome outcome = new RunOutcome();
    private boolean interrupted;
    private String pendingStderr;

    /**
     * Prepares a run.
     *
     * @param runnerId the runner id recorded in the results
     * @param config the {@code [runners.pi]} settings
     * @param workspaceRoot Pi's working directory
     * @param environment Pi's complete environment
     * @param clock the clock for timestamps
     * @param settings timing knobs
     * @param request the stage request
     */
    public PiStageExecution(String runnerId, PiRunnerConfig config, Path workspaceRoot, Map<String, String> environment,
            Clock clock, PiSessionSettings settings, StageRunRequest request) {
        this.runnerId = runnerId;
        this.config = config;
        this.workspaceRoot = workspaceRoot;
        this.environment = environment;
        this.clock = clock;
        this.settings = settings;
        this.request = request;
        this.artifacts = new RunArtifacts(request);
    }

    /**
     * Runs the stage. Never throws for a failure of Pi or its provider; restores the caller's
     * interrupt flag when the run was interrupted.
     *
     * @return the raw result
     * @throws java.io.UncheckedIOException when the run folder or its first artifacts cannot be written
     */
    public RunnerRawResult run() {
        Instant startedAt = clock.instant();
        List<String> command = PiCommandLine.build(config, request);
        String model = PiCommandLine.model(config, request);
        try {
            Files.createDirectories(artifacts.runDir());
            AtomicWrite.text(artifacts.prompt(), StagePrompt.render(request));
            artifacts.writeInvocation(runnerId, model, command, startedAt);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write pi run artifacts in " + artifacts.runDir(), e);
        }
        Path eventLogPath = null;
        try (EventLog log = new EventLog(artifacts.events())) {
            execute(command, log);
            eventLogPath = log.finish(keepEventLog());
        }
        RunnerRawResult result = finish(startedAt, model, command, eventLogPath);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return result;
    }

    private void execute(List<String> command, EventLog log) {
        Optional<Path> executable = ProcessTree.which(config.command(), environment.get("PATH"));
        if (executable.isEmpty()) {
            outcome.fail(RunnerExitKind.RUNNER_ERROR, 127, RunOutcome.BINARY_NOT_FOUND);
            outcome.note("runner executable missing");
            writeStderr("runner binary not found: " + config.command() + "\n", false);
            return;
        }
        List<String> argv = new ArrayList<>(command);
        argv.set(0, executable.get().toString());
        PiRpcChannel channel;
        try {
            channel = PiRpcChannel.start(argv, workspaceRoot, environment, artifacts.stderr(),
                    "pi-rpc-stdout-" + request.requestId());
        } catch (IOException e) {
            transportFailure(e.getMessage() == null ? e.toString() : e.getMessage());
            writeStderr(pendingStderr, false);
            return;
        }
        PiRpcConversation conversation = new PiRpcConversation(channel, log, outcome, settings);
        try {
            conversation.run(StagePrompt.render(request), stageTimeout());
        } catch (IOException e) {
            transportFailure("failed to write to pi rpc stdin: " + e.getMessage());
        } catch (PiProtocolException e) {
            transportFailure(e.getMessage());
        } catch (RuntimeException e) {
            transportFailure(e.toString());
        } finally {
            boolean flagSet = Thread.interrupted();
            interrupted |= conversation.interrupted() || flagSet;
            shutdown(channel);
            if (pendingStderr != null) {
                writeStderr(pendingStderr, true);
            }
        }
    }

    private Duration stageTimeout() {
        int seconds = request.timeoutSeconds();
        Duration timeout = seconds > 0 ? Duration.ofSeconds(seconds) : settings.defaultTimeout();
        return timeout.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : timeout;
    }

    private void shutdown(PiRpcChannel channel) {
        Process process = channel.process();
        channel.closeStdin();
        boolean exited = waitForExit(process, settings.exitGrace());
        boolean stopped = outcome.exitKind() == RunnerExitKind.TIMEOUT || outcome.exitKind() == RunnerExitKind.INTERRUPTED;
        if (!exited) {
            List<ProcessHandle> survivors = ProcessTree.kill(process, settings.killGrace());
            outcome.note("pi rpc process tree killed: still running " + seconds(settings.exitGrace())
                    + " after stdin was closed");
            if (!survivors.isEmpty()) {
                outcome.note("pi rpc processes survived the kill: " + survivors);
                LOG.warn("pi processes survived the kill for request {}: {}", request.requestId(), survivors);
            }
        } else {
            // Tool processes Pi started may still run in its group; end them too.
            ProcessTree.kill(process, settings.killGrace());
            if (stopped) {
                outcome.note("pi rpc process exited after stdin was closed");
            } else if (outcome.exitKind() != RunnerExitKind.COMPLETED && process.exitValue() != 0) {
                outcome.note("pi process exited with code " + process.exitValue());
            }
        }
        if (!channel.awaitReader(settings.killGrace())) {
            LOG.warn("pi stdout reader for request {} did not finish", request.requestId());
        }
        if (Thread.interrupted()) {
            interrupted = true;
        }
        if (channel.oversizedLines() > 0) {
            outcome.note("pi rpc dropped " + channel.oversizedLines() + " oversized output lines");
        }
    }

    private boolean waitForExit(Process process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return true;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (TimeoutException e) {
                return !process.isAlive();
            } catch (ExecutionException e) {
                return !process.isAlive();
            }
        }
    }

    private boolean keepEventLog() {
        return config.eventLogPolicy() == EventLogPolicy.FULL || outcome.exitKind() != RunnerExitKind.COMPLETED;
    }

    private void transportFailure(String error) {
        outcome.fail(RunnerExitKind.RUNNER_ERROR, 1, RunOutcome.TRANSPORT_FAILURE);
        outcome.assistantText(null);
        outcome.tokenUsage(null);
        outcome.note(error);
        pendingStderr = "runner process error: " + error + "\n";
    }

    private void writeStderr(String text, boolean append) {
        try {
            if (append) {
                Files.writeString(artifacts.stderr(), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } else {
                AtomicWrite.text(artifacts.stderr(), text);
            }
        } catch (IOException e) {
            LOG.warn("cannot write {}", artifacts.stderr(), e);
        }
    }

    private RunnerRawResult finish(Instant startedAt, String model, List<String> command, Path eventLogPath) {
        String stdoutPath = null;
        try {
            if (!Files.exists(artifacts.stderr())) {
                AtomicWrite.text(artifacts.stderr(), "");
            }
            if (outcome.assistantText() != null) {
                AtomicWrite.text(artifacts.stdout(), outcome.assistantText());
                stdoutPath = artifacts.stdout().toString();
            }
        } catch (IOException e) {
            outcome.note("cannot write pi output artifacts: " + e.getMessage());
        }
        Instant endedAt = clock.instant();
        RunnerRawResult result = RunnerRawResult.builder()
                .requestId(request.requestId())
                .runId(request.runId())
                .stage(request.stage())
                .runnerName(runnerId)
                .modelName(model)
                .modelReasoningEffort(request.modelReasoningEffort())
                .exitKind(outcome.exitKind())
                .exitCode(outcome.exitCode())
                .stdoutPath(stdoutPath)
                .stderrPath(artifacts.stderr().toString())
                .eventLogPath(eventLogPath == null ? null : eventLogPath.toString())
                .tokenUsage(outcome.tokenUsage())
                .startedAt(startedAt)
                .endedAt(endedAt.isBefore(startedAt) ? startedAt : endedAt)
                .build();
        try {
            artifacts.writeCompletion(result, outcome.failureClass(), outcome.notes(), command, clock.instant());
        } catch (IOException e) {
            LOG.warn("cannot write {}", artifacts.completion(), e);
        }
        return result;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
