package ai.millrace.harness.codex;

import ai.millrace.api.internal.harness.StagePrompt;
import ai.millrace.api.internal.harness.AtomicWrite;

import ai.millrace.api.config.CodexRunnerConfig;
import ai.millrace.api.internal.process.ProcessTree;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.harness.codex.internal.CodexCommandLine;
import ai.millrace.harness.codex.internal.CodexEventLog;
import ai.millrace.harness.codex.internal.RunArtifacts;
import ai.millrace.harness.codex.internal.TerminalMarkers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code codex_cli} runner: runs one stage as one {@code codex exec --json} process.
 *
 * <p><b>Per run</b> (all files in the request's run directory, {@code <id>} = request id):
 * <ol>
 *   <li>the stage prompt is rendered as the original does and written to
 *       {@code runner_prompt.<id>.md}; the command line (the original's order, permission levels
 *       mapped for Codex 0.169) to {@code runner_invocation.<id>.json};</li>
 *   <li>{@code codex} is started through {@link ProcessTree} as a process-group leader, in the
 *       workspace root, with standard input from {@code /dev/null} (Codex reads a pipe to its end)
 *       or, for a prompt over {@link #DEFAULT_STDIN_PROMPT_THRESHOLD} bytes, from the prompt file
 *       with {@code -} as the prompt argument; standard output (the {@code --json} event stream)
 *       goes to {@code runner_events.<id>.jsonl}, standard error to
 *       {@code runner_stderr.<id>.txt};</li>
 *   <li>on timeout (the request's, or {@link #DEFAULT_TIMEOUT_SECONDS} when it has 0) or when the
 *       calling thread is interrupted, the whole process tree is killed (the Node wrapper's native
 *       child included); after a normal exit, stragglers in the group are stopped too;</li>
 *   <li>the agent's final message (the {@code --output-last-message} file when it is not empty,
 *       else the last {@code agent_message} of the event stream) is written to
 *       {@code runner_stdout.<id>.txt}, the file the runtime scans for the terminal marker; token
 *       usage comes from {@code turn.completed.usage};</li>
 *   <li>{@code runner_completion.<id>.json} records how it ended.</li>
 * </ol>
 *
 * <p><b>Exit kinds.</b> Timeout: {@code timeout}/124. Interrupt: {@code interrupted}/130. A
 * {@code turn.failed} as the stream's last turn event: {@code provider_error} with Codex's exit
 * code. Another non-zero exit: {@code runner_error}. A missing executable: {@code runner_error}/127
 * with failure class {@code runner_binary_not_found}, and nothing is started. Then, as in the
 * original, every run except a cancelled one is "reconciled": when the final message ends with the
 * request's one legal marker, the result is {@code completed}/0 and {@code observedExitKind} and
 * {@code observedExitCode} keep what was observed.
 *
 * <p><b>Environment.</b> The child gets the parent's environment, then {@code HOME} and
 * {@code CODEX_HOME} pointing into the workspace (see {@link CodexRunnerConfig#home()}), then the
 * configured {@code env}. Thread-safe; runs may overlap.
 */
public final class CodexStageRunner implements StageRunner {
    /** The runner id. */
    public static final String ID = "codex_cli";
    /** The timeout used when a request has {@code timeout_seconds = 0}. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 3600;
    /** Prompts larger than this many UTF-8 bytes go through standard input (argv holds 128 KiB). */
    public static final int DEFAULT_STDIN_PROMPT_THRESHOLD = 96 * 1024;
    /** Time between the polite and the forced kill. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);
    /** Where the child's {@code HOME} goes by default, relative to the workspace root. */
    public static final String DEFAULT_HOME = "millrace-agents/runners/codex/home";

    static final int TIMEOUT_EXIT_CODE = 124;
    static final int INTERRUPTED_EXIT_CODE = 130;
    static final int NOT_FOUND_EXIT_CODE = 127;

    private static final Logger LOG = LoggerFactory.getLogger(CodexStageRunner.class);

    private final Path workspaceRoot;
    private final CodexRunnerConfig config;
    private final Clock clock;
    private final Map<String, String> parentEnvironment;
    private final Duration killGrace;
    private final int stdinPromptThreshold;

    /**
     * Builds a runner with the defaults: the JVM's environment, a 2 s kill grace.
     *
     * @param workspaceRoot the workspace root, the agent's working folder ({@code --cd})
     * @param config the {@code [runners.codex]} settings
     * @param clock the clock for artifact timestamps
     */
    public CodexStageRunner(Path workspaceRoot, CodexRunnerConfig config, Clock clock) {
        this(builder(workspaceRoot).config(config).clock(clock));
    }

    private CodexStageRunner(Builder b) {
        this.workspaceRoot = b.workspaceRoot.toAbsolutePath().normalize();
        this.config = Objects.requireNonNull(b.config, "config");
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.parentEnvironment = Map.copyOf(b.parentEnvironment);
        this.killGrace = Objects.requireNonNull(b.killGrace, "killGrace");
        this.stdinPromptThreshold = b.stdinPromptThreshold;
    }

    /**
     * Returns a builder, for embedders and tests that need more than the constructor offers.
     *
     * @param workspaceRoot the workspace root
     * @return a builder with the default configuration, the UTC system clock and the JVM's environment
     */
    public static Builder builder(Path workspaceRoot) {
        return new Builder(workspaceRoot);
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * Returns the configuration this runner was built with.
     *
     * @return the {@code [runners.codex]} settings
     */
    public CodexRunnerConfig config() {
        return config;
    }

    @Override
    public RunnerRawResult run(StageRunRequest request) {
        Objects.requireNonNull(request, "request");
        // Work with the flag cleared (waits and kills must not be cut short), restore it at the end.
        Run run = new Run(request, Thread.interrupted());
        try {
            return run.execute();
        } finally {
            if (run.cancelled) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Returns the command line for a request, as {@link #run} would start it. */
    List<String> commandLine(StageRunRequest request) {
        String prompt = StagePrompt.render(request);
        return CodexCommandLine.build(executable(), config, request, workspaceRoot,
                RunArtifacts.of(request).lastMessage(),
                promptViaStdin(prompt) ? CodexCommandLine.PROMPT_FROM_STDIN : prompt);
    }

    /** Returns the child's environment. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(parentEnvironment);
        if (!config.inheritHome()) {
            Path home = config.home() == null ? workspaceRoot.resolve(DEFAULT_HOME) : resolve(config.home());
            Path codexHome = config.codexHome() == null ? home.resolve(".codex") : resolve(config.codexHome());
            env.put("HOME", home.toString());
            env.put("CODEX_HOME", codexHome.toString());
        } else if (config.codexHome() != null) {
            env.put("CODEX_HOME", resolve(config.codexHome()).toString());
        }
        env.putAll(config.env());
        return env;
    }

    private boolean promptViaStdin(String prompt) {
        return prompt.getBytes(StandardCharsets.UTF_8).length > stdinPromptThreshold;
    }

    /** The configured command; a relative path with a slash is taken relative to the workspace. */
    private String executable() {
        String command = config.command();
        if (command.contains("/") && !Path.of(command).isAbsolute()) {
            return workspaceRoot.resolve(command).normalize().toString();
        }
        return command;
    }

    private Path resolve(String path) {
        return workspaceRoot.resolve(path).toAbsolutePath().normalize();
    }

    /** The state of one {@link #run}. */
    private final class Run {
        private final StageRunRequest request;
        private final RunArtifacts files;
        private final String effort;
        private final Instant invokedAt;
        private boolean cancelled;
        private List<String> command = List.of();
        private final List<String> notes = new ArrayList<>();

        Run(StageRunRequest request, boolean interruptedAtEntry) {
            this.request = request;
            this.files = RunArtifacts.of(request);
            this.effort = CodexCommandLine.effort(config, request);
            this.invokedAt = clock.instant();
            this.cancelled = interruptedAtEntry;
        }

        RunnerRawResult execute() {
            String prompt = StagePrompt.render(request);
            boolean viaStdin = promptViaStdin(prompt);
            command = CodexCommandLine.build(executable(), config, request, workspaceRoot, files.lastMessage(),
                    viaStdin ? CodexCommandLine.PROMPT_FROM_STDIN : prompt);
            try {
                Files.createDirectories(files.runDir());
                AtomicWrite.text(files.prompt(), prompt);
                AtomicWrite.text(files.invocation(), files.invocationJson(request, ID, effort, command, invokedAt));
            } catch (IOException | RuntimeException e) {
                return transportFailure(invokedAt, "could not write run artifacts: " + e, false);
            }

            Map<String, String> env = environment();
            String argv0 = command.get(0);
            if (ProcessTree.which(argv0, env.get("PATH")).isEmpty()) {
                return binaryNotFound(argv0);
            }
            if (cancelled) {
                return cancelledBeforeStart();
            }
            if (!Files.isDirectory(workspaceRoot)) {
                return transportFailure(invokedAt, "workspace root is not a directory: " + workspaceRoot, true);
            }
            try {
                prepareHomes(env);
                Files.deleteIfExists(files.lastMessage());
                Files.deleteIfExists(files.stdout());
            } catch (IOException | RuntimeException e) {
                return transportFailure(invokedAt, "could not prepare the codex environment: " + e, false);
            }

            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(workspaceRoot.toFile())
                    .redirectInput(viaStdin ? ProcessBuilder.Redirect.from(files.prompt().toFile())
                            : ProcessBuilder.Redirect.from(ProcessTree.nullFile()))
                    .redirectOutput(ProcessBuilder.Redirect.to(files.events().toFile()))
                    .redirectError(ProcessBuilder.Redirect.to(files.stderr().toFile()));
            pb.environment().clear();
            pb.environment().putAll(env);

            int timeoutSeconds = Math.max(1,
                    request.timeoutSeconds() > 0 ? request.timeoutSeconds() : DEFAULT_TIMEOUT_SECONDS);
            Instant startedAt = clock.instant();
            Process process;
            try {
                process = ProcessTree.start(pb);
            } catch (IOException e) {
                if (ProcessTree.which(argv0, env.get("PATH")).isEmpty()) {
                    return binaryNotFound(argv0);
                }
                return transportFailure(startedAt, String.valueOf(e.getMessage()), true);
            }
            LOG.debug("codex started: request {} pid {} timeout {} s", request.requestId(), process.pid(),
                    timeoutSeconds);

            boolean exited = false;
            try {
                exited = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                cancelled = true;
            }
            boolean timedOut = !exited && !cancelled;
            // Kill the tree on timeout and cancellation; after a normal exit, stop stragglers in the
            // group (a tool's background process) so that nothing of this stage outlives run().
            List<ProcessHandle> survivors = ProcessTree.kill(process, exited ? Duration.ofMillis(200) : killGrace);
            if (Thread.interrupted()) {
                // Interrupted while killing: the waits were cut short, so kill (and wait) once more.
                cancelled = true;
                if (!ProcessTree.liveTree(process).isEmpty()) {
                    survivors = ProcessTree.kill(process, Duration.ZERO);
                }
            }
            if (!survivors.isEmpty()) {
                notes.add("processes still alive after kill: "
                        + survivors.stream().map(h -> Long.toString(h.pid())).reduce((a, b) -> a + ", " + b).orElse(""));
            }
            Integer observedCode = process.isAlive() ? null : process.exitValue();
            Instant endedAt = clock.instant();
            if (endedAt.isBefore(startedAt)) {
                endedAt = startedAt;
            }
            return finish(startedAt, endedAt, timedOut, timeoutSeconds, observedCode);
        }

        private RunnerRawResult finish(Instant startedAt, Instant endedAt, boolean timedOut, int timeoutSeconds,
                Integer observedCode) {
            CodexEventLog events;
            try {
                events = CodexEventLog.read(files.events());
            } catch (IOException e) {
                notes.add("could not read the codex event log: " + e.getMessage());
                events = CodexEventLog.parse("");
            }

            // The final message: the last-message file when it has content, else the last agent_message.
            String lastMessage = null;
            boolean lastMessageFileExists = Files.isRegularFile(files.lastMessage());
            if (lastMessageFileExists) {
                try {
                    lastMessage = new String(AtomicWrite.read(files.lastMessage()), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    notes.add("could not read the last-message file: " + e.getMessage());
                }
            }
            String finalMessage = lastMessage != null && !lastMessage.isBlank() ? lastMessage
                    : events.lastAgentMessage();

            String stdoutPath = null;
            try {
                if (finalMessage != null) {
                    AtomicWrite.text(files.stdout(), finalMessage);
                } else if (lastMessage != null) {
                    AtomicWrite.text(files.stdout(), lastMessage);
                } else if (Files.isRegularFile(files.events())) {
                    // The original's fallback: a copy of the raw output (a shim may print its marker there).
                    AtomicWrite.copy(files.events(), files.stdout());
                }
                if (Files.isRegularFile(files.stdout())) {
                    stdoutPath = files.stdout().toString();
                }
            } catch (IOException e) {
                notes.add("could not write runner stdout: " + e.getMessage());
            }

            RunnerExitKind observedKind;
            Integer code;
            String failureClass;
            List<String> failureNotes = new ArrayList<>();
            if (timedOut) {
                observedKind = RunnerExitKind.TIMEOUT;
                code = TIMEOUT_EXIT_CODE;
                failureClass = "runner_timeout";
                failureNotes.add("runner process exceeded timeout");
                overwriteStderr("runner timed out after " + timeoutSeconds + " seconds\n");
            } else if (cancelled) {
                observedKind = RunnerExitKind.INTERRUPTED;
                code = INTERRUPTED_EXIT_CODE;
                failureClass = "runner_interrupted";
                failureNotes.add("runner cancelled by thread interrupt");
                overwriteStderr("runner interrupted by cancellation\n");
            } else if (events.turnOutcome() == CodexEventLog.TurnOutcome.FAILED) {
                observedKind = RunnerExitKind.PROVIDER_ERROR;
                code = observedCode;
                failureClass = "runner_provider_failure";
                failureNotes.add("codex turn failed: " + Objects.requireNonNullElse(events.turnFailureMessage(), "unknown error"));
            } else if (observedCode == null || observedCode != 0) {
                observedKind = RunnerExitKind.RUNNER_ERROR;
                code = observedCode;
                failureClass = "runner_non_zero_exit";
                failureNotes.add("runner exited with non-zero status");
            } else {
                observedKind = RunnerExitKind.COMPLETED;
                code = 0;
                failureClass = null;
            }
            if (events.errorEventCount() > 0 && events.turnOutcome() == CodexEventLog.TurnOutcome.COMPLETED) {
                notes.add("codex reported " + events.errorEventCount()
                        + " error event(s) before the turn completed (retry or reconnect notices)");
            }

            RunnerExitKind exitKind = observedKind;
            Integer exitCode = code;
            RunnerExitKind reportedObservedKind = null;
            Integer reportedObservedCode = null;
            Optional<String> token = cancelled ? Optional.empty()
                    : TerminalMarkers.finalLegalToken(finalMessage, request.legalTerminalMarkers());
            List<String> allNotes = new ArrayList<>();
            if (token.isPresent()) {
                exitKind = RunnerExitKind.COMPLETED;
                exitCode = 0;
                reportedObservedKind = observedKind;
                reportedObservedCode = code;
                failureClass = null;
                allNotes.add("runner timeout reconciled after final terminal marker ### " + token.get());
            } else {
                allNotes.addAll(failureNotes);
            }
            allNotes.addAll(notes);

            RunnerRawResult raw = base(startedAt, endedAt)
                    .exitKind(exitKind)
                    .exitCode(exitCode)
                    .observedExitKind(reportedObservedKind)
                    .observedExitCode(reportedObservedCode)
                    .stdoutPath(stdoutPath)
                    .stderrPath(files.stderr().toString())
                    .eventLogPath(Files.isRegularFile(files.events()) ? files.events().toString() : null)
                    .tokenUsage(events.tokenUsage())
                    .build();
            writeCompletion(raw, failureClass, allNotes);
            LOG.debug("codex finished: request {} {} ({})", request.requestId(), exitKind, exitCode);
            return raw;
        }

        private RunnerRawResult binaryNotFound(String argv0) {
            writeStderr("runner binary not found: " + argv0 + "\n");
            Instant now = clock.instant();
            RunnerRawResult raw = base(invokedAt, now.isBefore(invokedAt) ? invokedAt : now)
                    .exitKind(RunnerExitKind.RUNNER_ERROR)
                    .exitCode(NOT_FOUND_EXIT_CODE)
                    .stderrPath(files.stderr().toString())
                    .build();
            notes.add(0, "runner executable missing");
            writeCompletion(raw, "runner_binary_not_found", notes);
            return raw;
        }

        private RunnerRawResult cancelledBeforeStart() {
            writeStderr("runner interrupted by cancellation\n");
            Instant now = clock.instant();
            RunnerRawResult raw = base(invokedAt, now.isBefore(invokedAt) ? invokedAt : now)
                    .exitKind(RunnerExitKind.INTERRUPTED)
                    .exitCode(INTERRUPTED_EXIT_CODE)
                    .stderrPath(files.stderr().toString())
                    .build();
            notes.add(0, "runner cancelled by thread interrupt before codex started");
            writeCompletion(raw, "runner_interrupted", notes);
            return raw;
        }

        private RunnerRawResult transportFailure(Instant startedAt, String error, boolean stderr) {
            String stderrPath = null;
            if (stderr && writeStderr("runner process error: " + error + "\n")) {
                stderrPath = files.stderr().toString();
            }
            Instant now = clock.instant();
            RunnerRawResult raw = base(startedAt, now.isBefore(startedAt) ? startedAt : now)
                    .exitKind(RunnerExitKind.RUNNER_ERROR)
                    .exitCode(1)
                    .stderrPath(stderrPath)
                    .build();
            notes.add(0, error);
            writeCompletion(raw, "runner_transport_failure", notes);
            return raw;
        }

        private RunnerRawResult.Builder base(Instant startedAt, Instant endedAt) {
            return RunnerRawResult.builder()
                    .requestId(request.requestId())
                    .runId(request.runId())
                    .stage(request.stage())
                    .runnerName(ID)
                    .modelName(request.modelName())
                    .modelReasoningEffort(effort)
                    .startedAt(startedAt)
                    .endedAt(endedAt);
        }

        private void prepareHomes(Map<String, String> env) throws IOException {
            for (String key : List.of("HOME", "CODEX_HOME")) {
                String value = env.get(key);
                boolean ours = !Objects.equals(value, parentEnvironment.get(key)) || config.env().containsKey(key);
                if (value != null && !value.isBlank() && ours) {
                    Files.createDirectories(resolve(value));
                }
            }
        }

        private boolean writeStderr(String text) {
            try {
                AtomicWrite.text(files.stderr(), text);
                return true;
            } catch (IOException e) {
                LOG.warn("could not write {}: {}", files.stderr(), e.toString());
                return false;
            }
        }

        private void overwriteStderr(String text) {
            if (!writeStderr(text)) {
                notes.add("could not write runner stderr");
            }
        }

        private void writeCompletion(RunnerRawResult raw, String failureClass, List<String> completionNotes) {
            try {
                AtomicWrite.text(files.completion(), RunArtifacts.completionJson(request, raw, failureClass,
                        completionNotes, command, clock.instant()));
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not write {}: {}", files.completion(), e.toString());
            }
        }
    }

    /**
     * Builds a {@link CodexStageRunner}. Not thread-safe.
     */
    public static final class Builder {
        private final Path workspaceRoot;
        private CodexRunnerConfig config = CodexRunnerConfig.defaults();
        private Clock clock = Clock.systemUTC();
        private Map<String, String> parentEnvironment = System.getenv();
        private Duration killGrace = DEFAULT_KILL_GRACE;
        private int stdinPromptThreshold = DEFAULT_STDIN_PROMPT_THRESHOLD;

        private Builder(Path workspaceRoot) {
            this.workspaceRoot = Objects.requireNonNull(workspaceRoot, "workspaceRoot");
        }

        /**
         * Sets the {@code [runners.codex]} settings.
         *
         * @param config the settings
         * @return this builder
         */
        public Builder config(CodexRunnerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Sets the clock for artifact timestamps.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the environment the child inherits before the harness adds its own variables.
         *
         * @param environment the variables; the JVM's by default
         * @return this builder
         */
        public Builder parentEnvironment(Map<String, String> environment) {
            this.parentEnvironment = Map.copyOf(environment);
            return this;
        }

        /**
         * Sets the time between the polite and the forced kill of a timed-out or cancelled stage.
         *
         * @param grace the grace period; 2 s by default
         * @return this builder
         */
        public Builder killGrace(Duration grace) {
            this.killGrace = Objects.requireNonNull(grace, "grace");
            return this;
        }

        /**
         * Sets the prompt size from which the prompt goes through standard input.
         *
         * @param bytes the threshold in UTF-8 bytes; 96 KiB by default
         * @return this builder
         */
        public Builder stdinPromptThreshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("threshold must be >= 0");
            }
            this.stdinPromptThreshold = bytes;
            return this;
        }

        /**
         * Builds the runner.
         *
         * @return the runner
         */
        public CodexStageRunner build() {
            return new CodexStageRunner(this);
        }
    }
}
