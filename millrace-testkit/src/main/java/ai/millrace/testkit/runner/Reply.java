package ai.millrace.testkit.runner;

import ai.millrace.api.TerminalResult;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.run.TokenUsage;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.testkit.runner.internal.StageOutput;
import ai.millrace.testkit.runner.internal.StageOutputWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a scripted stage answers: a terminal result, or one of the ways a harness fails, plus
 * optional side effects (files in the run directory, work documents dropped into the workspace
 * queues, token usage, elapsed time).
 *
 * <p>The runtime, not the runner, decides the result: a reply only writes the final message the
 * runtime scans for the {@code ### <RESULT>} line, and an exit kind. So {@link #missingMarker()},
 * {@link #illegalMarker()} and {@link #conflictingMarkers()} exercise the runtime's real
 * normalization, exactly as a misbehaving model would.
 *
 * <pre>{@code
 * Reply.result("FIX_NEEDED")
 * Reply.success().withTokens(1200, 300).writing("summary.md", "# Built\n")
 * Reply.result("MANAGER_COMPLETE").queueing(Tasks.task("t2").build())
 * Reply.timeout()
 * }</pre>
 *
 * <p>Immutable and thread-safe; every {@code with}/{@code writing}/... method returns a new reply.
 * Side effects run, in this order, when the stage is called: actions, run-directory files, queued
 * documents, then the output (or the exception of {@link #throwing(RuntimeException)}).
 */
public final class Reply {
    private static final String ILLEGAL_FALLBACK = "NOT_A_LEGAL_RESULT";

    private final RunnerExitKind exitKind;
    private final int exitCode;
    private final Function<StageRunRequest, String> markers;
    private final byte[] rawOutput;
    private final String message;
    private final TokenUsage tokens;
    private final Map<String, String> files;
    private final List<WorkDocument> documents;
    private final List<Consumer<StageCall>> actions;
    private final Duration duration;
    private final RuntimeException thrown;
    private final String description;

    private Reply(RunnerExitKind exitKind, int exitCode, Function<StageRunRequest, String> markers,
            byte[] rawOutput, String message, TokenUsage tokens, Map<String, String> files,
            List<WorkDocument> documents, List<Consumer<StageCall>> actions, Duration duration,
            RuntimeException thrown, String description) {
        this.exitKind = exitKind;
        this.exitCode = exitCode;
        this.markers = markers;
        this.rawOutput = rawOutput;
        this.message = message;
        this.tokens = tokens;
        this.files = Map.copyOf(files);
        this.documents = List.copyOf(documents);
        this.actions = List.copyOf(actions);
        this.duration = duration;
        this.thrown = thrown;
        this.description = description;
    }

    private static Reply completed(Function<StageRunRequest, String> markers, String description) {
        return new Reply(RunnerExitKind.COMPLETED, 0, markers, null, "", null, Map.of(), List.of(), List.of(),
                Duration.ZERO, null, description);
    }

    private static Reply failed(RunnerExitKind kind, int exitCode, String description) {
        return new Reply(kind, exitCode, r -> "", null, "", null, Map.of(), List.of(), List.of(), Duration.ZERO,
                null, description);
    }

    /**
     * Answers the stage's success result: its first legal marker (for the builder,
     * {@code ### BUILDER_COMPLETE}). This is what every stage answers unless a test says otherwise.
     *
     * @return the reply
     */
    public static Reply success() {
        return completed(r -> r.legalTerminalMarkers().get(0), "success");
    }

    /**
     * Answers a terminal result. The result is printed as given, legal or not; the runtime judges it.
     *
     * @param result the token, with or without the {@code ### } prefix, such as {@code FIX_NEEDED}
     * @return the reply
     * @throws IllegalArgumentException when the token is blank
     */
    public static Reply result(String result) {
        String token = token(result);
        return completed(r -> TerminalResult.MARKER_PREFIX + token, token);
    }

    /**
     * Answers a terminal result.
     *
     * @param result the result, never null
     * @return the reply
     */
    public static Reply result(TerminalResult result) {
        return result(result.token());
    }

    /**
     * Answers with this exact final message, scanned as it is (a test of the runtime's marker
     * scanning).
     *
     * @param finalMessage the text, never null
     * @return the reply
     */
    public static Reply output(String finalMessage) {
        Objects.requireNonNull(finalMessage, "finalMessage");
        return completed(r -> finalMessage, "output");
    }

    /**
     * Answers prose without any {@code ### <RESULT>} line: the runtime reports
     * {@code missing_terminal_result}.
     *
     * @return the reply
     */
    public static Reply missingMarker() {
        return completed(r -> "", "missing marker").withMessage("I looked at everything and it seems fine.");
    }

    /**
     * Answers a well-formed marker that is not legal for the stage: the runtime reports
     * {@code illegal_terminal_result}.
     *
     * @return the reply
     */
    public static Reply illegalMarker() {
        return completed(Reply::illegalFor, "illegal marker");
    }

    /**
     * Answers two different markers (two legal ones when the stage has two): the runtime reports
     * {@code conflicting_terminal_results}.
     *
     * @return the reply
     */
    public static Reply conflictingMarkers() {
        return completed(Reply::conflictingFor, "conflicting markers");
    }

    /**
     * Answers bytes that are not text at all (invalid UTF-8 and control characters), as a crashed
     * process might leave; whatever the runtime makes of it, it is not a result.
     *
     * @return the reply
     */
    public static Reply garbage() {
        byte[] junk = {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF, (byte) 0xFE, 0x07, '#', '#', '#', '\n'};
        return new Reply(RunnerExitKind.COMPLETED, 0, r -> "", junk, "", null, Map.of(), List.of(), List.of(),
                Duration.ZERO, null, "garbage");
    }

    /**
     * Reports that the stage ran past its timeout and was killed: the runtime reports
     * {@code runner_timeout}. Returns at once; no time passes unless {@link #taking(Duration)} says so.
     *
     * @return the reply
     */
    public static Reply timeout() {
        return failed(RunnerExitKind.TIMEOUT, 124, "timeout");
    }

    /**
     * Reports that the harness broke down ({@code runner_error}, exit code 1).
     *
     * @return the reply
     */
    public static Reply crash() {
        return failed(RunnerExitKind.RUNNER_ERROR, 1, "crash");
    }

    /**
     * Reports that the model provider failed ({@code provider_error}).
     *
     * @return the reply
     */
    public static Reply providerError() {
        return failed(RunnerExitKind.PROVIDER_ERROR, 1, "provider error");
    }

    /**
     * Reports a process that completed with a non-zero exit code, after printing the success marker.
     *
     * @param exitCode the exit code
     * @return the reply
     */
    public static Reply exitCode(int exitCode) {
        Reply success = success();
        return new Reply(RunnerExitKind.COMPLETED, exitCode, success.markers, null, "", null, Map.of(), List.of(),
                List.of(), Duration.ZERO, null, "exit code " + exitCode);
    }

    /**
     * Makes the runner throw instead of returning, as a buggy harness would; the runtime treats
     * it as a transport failure of the stage.
     *
     * @param exception the exception, never null
     * @return the reply
     */
    public static Reply throwing(RuntimeException exception) {
        Objects.requireNonNull(exception, "exception");
        return new Reply(RunnerExitKind.RUNNER_ERROR, 1, r -> "", null, "", null, Map.of(), List.of(), List.of(),
                Duration.ZERO, exception, "throws " + exception);
    }

    /**
     * Prints this prose before the marker, as an agent's final message would.
     *
     * @param prose the text, never null
     * @return a new reply
     */
    public Reply withMessage(String prose) {
        return new Reply(exitKind, exitCode, markers, rawOutput, Objects.requireNonNull(prose, "prose"), tokens,
                files, documents, actions, duration, thrown, description);
    }

    /**
     * Reports this token usage.
     *
     * @param usage the usage, never null
     * @return a new reply
     */
    public Reply withTokens(TokenUsage usage) {
        return new Reply(exitKind, exitCode, markers, rawOutput, message, Objects.requireNonNull(usage, "usage"),
                files, documents, actions, duration, thrown, description);
    }

    /**
     * Reports this token usage (no cache, no thinking tokens; total is input plus output).
     *
     * @param inputTokens input tokens, at least 0
     * @param outputTokens output tokens, at least 0
     * @return a new reply
     */
    public Reply withTokens(long inputTokens, long outputTokens) {
        return withTokens(new TokenUsage(inputTokens, 0, outputTokens, 0, inputTokens + outputTokens));
    }

    /**
     * Writes a file into the run directory before answering (a summary, a report).
     *
     * @param relativePath the path inside the run directory, such as {@code summary.md}
     * @param content the UTF-8 content, never null
     * @return a new reply
     */
    public Reply writing(String relativePath, String content) {
        Map<String, String> more = new LinkedHashMap<>(files);
        more.put(Objects.requireNonNull(relativePath, "relativePath"), Objects.requireNonNull(content, "content"));
        return new Reply(exitKind, exitCode, markers, rawOutput, message, tokens, more, documents, actions, duration,
                thrown, description);
    }

    /**
     * Drops work documents into the workspace's queue folders before answering, as the manager
     * writes its tasks ({@code tasks/queue/<id>.md}, {@code incidents/incoming/<id>.md}, ...).
     *
     * @param docs the documents, none null
     * @return a new reply
     */
    public Reply queueing(WorkDocument... docs) {
        List<WorkDocument> more = new ArrayList<>(documents);
        for (WorkDocument d : docs) {
            more.add(Objects.requireNonNull(d, "document"));
        }
        return new Reply(exitKind, exitCode, markers, rawOutput, message, tokens, files, more, actions, duration,
                thrown, description);
    }

    /**
     * Runs an action before answering (to write other files, or to signal the test).
     *
     * @param action the action, never null; it runs on the runtime's thread
     * @return a new reply
     */
    public Reply doing(Consumer<StageCall> action) {
        List<Consumer<StageCall>> more = new ArrayList<>(actions);
        more.add(Objects.requireNonNull(action, "action"));
        return new Reply(exitKind, exitCode, markers, rawOutput, message, tokens, files, documents, more, duration,
                thrown, description);
    }

    /**
     * Makes the stage take this long: {@code ended_at} is {@code started_at} plus the duration, and a
     * {@link ai.millrace.testkit.MutableClock} given to the runner is advanced by it. Never sleeps.
     *
     * @param elapsed the duration, not negative
     * @return a new reply
     */
    public Reply taking(Duration elapsed) {
        if (Objects.requireNonNull(elapsed, "elapsed").isNegative()) {
            throw new IllegalArgumentException("a stage cannot take a negative time: " + elapsed);
        }
        return new Reply(exitKind, exitCode, markers, rawOutput, message, tokens, files, documents, actions, elapsed,
                thrown, description);
    }

    // Called by ScriptedRunner only.
    RunnerRawResult execute(StageCall call, String runnerId, Clock clock) {
        StageRunRequest request = call.request();
        byte[] output = rawOutput != null ? rawOutput.clone() : text(request).getBytes(StandardCharsets.UTF_8);
        StageOutput plan = new StageOutput(exitKind, exitCode, output, tokens, files, documents, duration);
        return StageOutputWriter.write(call, plan, runnerId, clock, () -> {
            for (Consumer<StageCall> action : actions) {
                action.accept(call);
            }
        }, thrown);
    }

    private String text(StageRunRequest request) {
        String marks = markers.apply(request);
        StringBuilder out = new StringBuilder();
        if (!message.isEmpty()) {
            out.append(message).append('\n');
        }
        if (!marks.isEmpty()) {
            out.append(marks).append('\n');
        }
        return out.toString();
    }

    private static String token(String result) {
        Objects.requireNonNull(result, "result");
        String t = result.strip();
        if (t.startsWith("###")) {
            t = t.substring(3).strip();
        }
        if (t.isEmpty()) {
            throw new IllegalArgumentException("a result token is required, such as FIX_NEEDED");
        }
        return t;
    }

    private static String illegalFor(StageRunRequest request) {
        for (String candidate : List.of("BUILDER_COMPLETE", "CHECKER_PASS", ILLEGAL_FALLBACK)) {
            String marker = TerminalResult.MARKER_PREFIX + candidate;
            if (!request.legalTerminalMarkers().contains(marker)) {
                return marker;
            }
        }
        return TerminalResult.MARKER_PREFIX + ILLEGAL_FALLBACK;
    }

    private static String conflictingFor(StageRunRequest request) {
        List<String> legal = request.legalTerminalMarkers();
        String first = legal.get(0);
        String second = legal.size() > 1 ? legal.get(1)
                : first.equals(TerminalResult.BLOCKED.marker()) ? TerminalResult.MARKER_PREFIX + ILLEGAL_FALLBACK
                : TerminalResult.BLOCKED.marker();
        return first + "\n" + second;
    }

    @Override
    public String toString() {
        return "Reply[" + description + "]";
    }
}
