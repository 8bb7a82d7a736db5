package ai.millrace.testkit.compat;

import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.run.TokenUsage;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.testkit.compat.internal.ProcessLiveness;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A tiny reference runner for testing the compatibility kit: runs {@code /bin/sh <script>}, sends
 * stdout and stderr to files in the run directory, honours the timeout and interrupts by killing
 * the whole process tree, and reads usage from a {@code {"type":"usage",...}} stdout line. A
 * {@link Flaw} makes it break one rule on purpose, so the kit can be shown to catch it.
 */
final class ShellScriptRunner implements StageRunner {

    /** One deliberate contract violation. */
    enum Flaw {
        /** None: the reference behaviour. */
        NONE,
        /** Waits for the process however long it takes; only an interrupt stops it. */
        IGNORES_TIMEOUT,
        /** On timeout or interrupt kills the direct child only, orphaning grandchildren. */
        KILLS_ONLY_THE_CHILD,
        /** Returns INTERRUPTED but clears the thread's interrupt flag. */
        CLEARS_INTERRUPT_FLAG,
        /** Reports a request id of its own instead of echoing the request's. */
        WRONG_REQUEST_ID,
        /** Never reports usage. */
        DROPS_USAGE,
        /** Reads stdout and stderr through pipes only after the process exits, so large output blocks it. */
        UNDRAINED_PIPES
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration KILL_GRACE = Duration.ofSeconds(2);

    private final Path script;
    private final Flaw flaw;

    ShellScriptRunner(Path script, Flaw flaw) {
        this.script = script;
        this.flaw = flaw;
    }

    @Override
    public String id() {
        return "shell_script";
    }

    @Override
    public RunnerRawResult run(StageRunRequest request) {
        Instant startedAt = Instant.now();
        Path runDir = request.runDirectory();
        Path stdout = runDir.resolve("runner_stdout." + request.requestId() + ".txt");
        Path stderr = runDir.resolve("runner_stderr." + request.requestId() + ".txt");
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", script.toString())
                .directory(script.getParent().toFile())
                .redirectInput(new File("/dev/null"));
        if (flaw != Flaw.UNDRAINED_PIPES) {
            builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        }
        RunnerRawResult.Builder result = RunnerRawResult.builder()
                .requestId(flaw == Flaw.WRONG_REQUEST_ID ? "request-not-the-one-asked-for" : request.requestId())
                .runId(request.runId())
                .stage(request.stage())
                .runnerName(id())
                .stdoutPath(stdout.toString())
                .stderrPath(stderr.toString())
                .startedAt(startedAt);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return result.exitKind(RunnerExitKind.RUNNER_ERROR).exitCode(127).endedAt(Instant.now()).build();
        }
        try {
            boolean finished;
            if (flaw == Flaw.IGNORES_TIMEOUT || request.timeoutSeconds() == 0) {
                process.waitFor();
                finished = true;
            } else {
                finished = process.waitFor(request.timeoutSeconds(), TimeUnit.SECONDS);
            }
            if (!finished) {
                stop(process);
                result.exitKind(RunnerExitKind.TIMEOUT).exitCode(124);
            } else {
                drainPipes(process, stdout, stderr);
                result.exitKind(RunnerExitKind.COMPLETED).exitCode(process.exitValue());
                if (flaw != Flaw.DROPS_USAGE) {
                    result.tokenUsage(usageIn(stdout));
                }
            }
        } catch (InterruptedException e) {
            stop(process);
            result.exitKind(RunnerExitKind.INTERRUPTED);
            if (flaw != Flaw.CLEARS_INTERRUPT_FLAG) {
                Thread.currentThread().interrupt();
            }
        } catch (IOException e) {
            stop(process);
            result.exitKind(RunnerExitKind.RUNNER_ERROR);
        }
        return result.endedAt(Instant.now()).build();
    }

    private void stop(Process process) {
        if (flaw == Flaw.KILLS_ONLY_THE_CHILD) {
            process.destroyForcibly();
            awaitExit(List.of(process.toHandle()), KILL_GRACE);
            return;
        }
        // Snapshot the tree first: once the child dies its children are re-parented and lost.
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        awaitExit(tree, KILL_GRACE);
        tree.stream().filter(ProcessLiveness::isRunning).forEach(ProcessHandle::destroyForcibly);
        awaitExit(tree, Duration.ofSeconds(5));
    }

    private static void awaitExit(List<ProcessHandle> handles, Duration bound) {
        // Zombie-aware: an orphaned grandchild that exited may wait seconds for PID 1 to reap it.
        long deadline = System.nanoTime() + bound.toNanos();
        for (ProcessHandle handle : handles) {
            try {
                ProcessLiveness.awaitGone(handle, deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void drainPipes(Process process, Path stdout, Path stderr) throws IOException {
        if (flaw != Flaw.UNDRAINED_PIPES) {
            return;
        }
        try (InputStream out = process.getInputStream(); InputStream err = process.getErrorStream()) {
            Files.write(stdout, out.readAllBytes());
            Files.write(stderr, err.readAllBytes());
        }
    }

    private static TokenUsage usageIn(Path stdout) throws IOException {
        if (!Files.exists(stdout)) {
            return null;
        }
        try (BufferedReader reader = Files.newBufferedReader(stdout, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("{\"type\":\"usage\"")) {
                    JsonNode usage = JSON.readTree(line);
                    long input = usage.path("input").asLong();
                    long output = usage.path("output").asLong();
                    return new TokenUsage(input, usage.path("cached").asLong(), output,
                            usage.path("reasoning").asLong(), input + output);
                }
            }
        }
        return null;
    }
}
