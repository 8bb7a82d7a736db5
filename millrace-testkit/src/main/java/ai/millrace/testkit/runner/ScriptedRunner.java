package ai.millrace.testkit.runner;

import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.core.workspace.WorkspacePaths;
import ai.millrace.testkit.runner.internal.ScriptRule;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link StageRunner} that answers from a script instead of a model: every stage answers its
 * success result (its first legal marker) unless the test says otherwise, so a test states only
 * what differs.
 *
 * <pre>{@code
 * ScriptedRunner runner = ScriptedRunner.create()
 *         .on("checker").reply("FIX_NEEDED")                         // every checker run
 *         .on("troubleshooter").replies("BLOCKED", "BLOCKED")         // its 1st and 2nd run per item
 *         .on("builder").forItem("t2").reply(Reply.timeout())        // one item only
 *         .on("manager").reply(Reply.result("MANAGER_COMPLETE").queueing(task));
 * }</pre>
 *
 * <p><b>Which answer wins.</b> Among the rules matching a call, the most specific wins: item and
 * attempt, then item, then attempt, then stage-wide; among equally specific rules the one added
 * last wins, so a test can override a shared script. With no match the default reply applies
 * ({@link Reply#success()} unless {@link Builder#defaultReply(Function)} changes it).
 *
 * <p><b>Attempts</b> count per stage and work item: the n-th call for the same stage and item is
 * attempt n, whatever happened in between.
 *
 * <p><b>Files.</b> The final message goes to {@code runner_stdout.<request id>.txt} in the run
 * directory; queued documents go to the workspace the run directory belongs to (or to
 * {@link Builder#workspace(Path)}).
 *
 * <p>Thread-safe: the daemon calls {@link #run(StageRunRequest)} from worker threads while the test
 * adds rules.
 */
public final class ScriptedRunner implements StageRunner {
    /** The runner id used unless {@link Builder#id(String)} sets another. */
    public static final String DEFAULT_ID = "scripted";

    private final String id;
    private final Clock clock;
    private final Path workspace;
    private final Function<StageCall, Reply> defaultReply;
    private final List<ScriptRule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();

    private ScriptedRunner(Builder b) {
        this.id = b.id;
        this.clock = b.clock;
        this.workspace = b.workspace;
        this.defaultReply = b.defaultReply;
    }

    /**
     * Returns a runner with the defaults: id {@value #DEFAULT_ID}, the system UTC clock, every
     * stage succeeding.
     *
     * @return the runner
     */
    public static ScriptedRunner create() {
        return builder().build();
    }

    /**
     * Returns a builder.
     *
     * @return a builder with the defaults of {@link #create()}
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts scripting a stage.
     *
     * @param stage the stage name (for a plugin stage, its stage kind id's node), never null
     * @return the stage script; finish it with one of its {@code reply} methods
     */
    public StageScript on(String stage) {
        return new StageScript(stage, this, rules::add);
    }

    /**
     * Returns how many times a stage has run for a work item so far.
     *
     * @param stage the stage name
     * @param workItemId the work item id
     * @return the count, 0 when it never ran
     */
    public int attempts(String stage, String workItemId) {
        return attempts.getOrDefault(key(stage, workItemId), 0);
    }

    /** Forgets every rule and every attempt count. */
    public void reset() {
        rules.clear();
        attempts.clear();
    }

    @Override
    public String id() {
        return id;
    }

    /**
     * Answers one stage from the script.
     *
     * @param request the request, never null
     * @return the raw result
     * @throws RuntimeException when the reply is {@link Reply#throwing(RuntimeException)}, or a
     *     reply function fails
     */
    @Override
    public RunnerRawResult run(StageRunRequest request) {
        StageCall probe = new StageCall(request, 1, workspaceOf(request));
        int attempt = attempts.merge(key(probe.stage(), probe.workItemId()), 1, Integer::sum);
        StageCall call = new StageCall(request, attempt, probe.workspaceRoot());
        Reply reply = Objects.requireNonNull(pick(call).apply(call), "a reply function returned null");
        return reply.execute(call, id, clock);
    }

    private Function<StageCall, Reply> pick(StageCall call) {
        ScriptRule best = null;
        for (ScriptRule rule : rules) {
            if (rule.matches(call) && (best == null || rule.specificity() >= best.specificity())) {
                best = rule;
            }
        }
        return best != null ? best.reply() : defaultReply;
    }

    private Path workspaceOf(StageRunRequest request) {
        if (workspace != null) {
            return workspace;
        }
        // <workspace>/millrace-agents/runs/<run id>
        Path runDir = request.runDirectory().toAbsolutePath().normalize();
        Path runtimeRoot = runDir.getParent().getParent();
        if (!runtimeRoot.getFileName().toString().equals(WorkspacePaths.RUNTIME_DIR)) {
            throw new IllegalStateException("cannot tell the workspace from run_dir " + runDir
                    + "; set it with ScriptedRunner.builder().workspace(path)");
        }
        return runtimeRoot.getParent();
    }

    private static String key(String stage, String workItemId) {
        return stage + '\u0000' + workItemId;
    }

    @Override
    public String toString() {
        return "ScriptedRunner[" + id + ", " + rules.size() + " rules]";
    }

    /** Configures a {@link ScriptedRunner}. Not thread-safe. */
    public static final class Builder {
        private String id = DEFAULT_ID;
        private Clock clock = Clock.systemUTC();
        private Path workspace;
        private Function<StageCall, Reply> defaultReply = call -> Reply.success();

        private Builder() {
        }

        /**
         * Sets the runner id (the id compiled plans bind to, when the runner is registered with
         * {@code Millrace.builder().runner(...)}).
         *
         * @param id the id, never blank
         * @return this builder
         */
        public Builder id(String id) {
            if (Objects.requireNonNull(id, "id").isBlank()) {
                throw new IllegalArgumentException("the runner id must not be blank");
            }
            this.id = id;
            return this;
        }

        /**
         * Sets the clock for start and end times; a {@link ai.millrace.testkit.MutableClock} is
         * advanced by {@link Reply#taking(java.time.Duration)}.
         *
         * @param clock the clock, never null
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets the workspace that queued documents go to, instead of deriving it from the run
         * directory.
         *
         * @param workspaceRoot the workspace root, or null to derive it
         * @return this builder
         */
        public Builder workspace(Path workspaceRoot) {
            this.workspace = workspaceRoot;
            return this;
        }

        /**
         * Sets what stages answer when no rule matches.
         *
         * @param reply computes the reply, never null; must not return null
         * @return this builder
         */
        public Builder defaultReply(Function<StageCall, Reply> reply) {
            this.defaultReply = Objects.requireNonNull(reply, "reply");
            return this;
        }

        /**
         * Builds the runner.
         *
         * @return the runner
         */
        public ScriptedRunner build() {
            return new ScriptedRunner(this);
        }
    }
}
