package ai.millrace.harness.pi;

import ai.millrace.api.config.PiRunnerConfig;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.spi.RunnerContext;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.harness.pi.internal.PiEnvironment;
import ai.millrace.harness.pi.internal.PiSessionSettings;
import ai.millrace.harness.pi.internal.PiStageExecution;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code pi_rpc} runner: runs each stage as one {@code pi --mode rpc --no-session} process in
 * the workspace root and talks to it over JSON lines on stdin and stdout.
 *
 * <p>Per run it sends {@code set_auto_retry} (off) and {@code prompt} with the stage prompt, reads
 * events until the run ends, asks for the last assistant text and the session's token statistics,
 * and closes stdin. On timeout or interruption it sends {@code abort}, waits a short grace period,
 * closes stdin and kills Pi's whole process tree if it is still running. It writes into
 * {@code request.run_dir}: {@code runner_prompt.<id>.md}, {@code runner_invocation.<id>.json},
 * {@code runner_stdout.<id>.txt} (the assistant's final text, which the runtime scans for the
 * terminal marker; only when there is text), {@code runner_stderr.<id>.txt},
 * {@code runner_events.<id>.jsonl} (per {@link ai.millrace.api.config.EventLogPolicy}, without
 * {@code message_update} records) and {@code runner_completion.<id>.json} (last).
 *
 * <p>Token usage is normalized as for Codex: input includes cached input, total is input plus
 * output. Pi runs with {@code HOME}, {@code PI_CODING_AGENT_DIR} and {@code PI_OFFLINE=1} pointing at
 * {@link PiAgentHome#forWorkspace(Path)} unless {@code [runners.pi].env} sets them.
 *
 * <p>Thread-safe: it keeps no state between runs, so runs for different requests may overlap.
 */
public final class PiStageRunner implements StageRunner {
    /** The runner id plans bind to. */
    public static final String RUNNER_ID = "pi_rpc";

    private static final Logger LOG = LoggerFactory.getLogger(PiStageRunner.class);

    private final PiRunnerConfig config;
    private final Path workspaceRoot;
    private final Clock clock;
    private final PiSessionSettings settings;
    private final Map<String, String> parentEnvironment;

    /**
     * Creates a runner from the {@code [runners.pi]} section of a runner context.
     *
     * @param context the workspace, configuration and clock, never null
     */
    public PiStageRunner(RunnerContext context) {
        this(context.config().runners().pi(), context.workspaceRoot(), context.clock());
    }

    /**
     * Creates a runner.
     *
     * @param config the {@code [runners.pi]} settings, never null
     * @param workspaceRoot the workspace root, Pi's working directory, never null
     * @param clock the clock for recorded timestamps, never null
     */
    public PiStageRunner(PiRunnerConfig config, Path workspaceRoot, Clock clock) {
        this(config, workspaceRoot, clock, PiSessionSettings.defaults(), System.getenv());
    }

    PiStageRunner(PiRunnerConfig config, Path workspaceRoot, Clock clock, PiSessionSettings settings,
            Map<String, String> parentEnvironment) {
        this.config = Objects.requireNonNull(config, "config");
        this.workspaceRoot = Objects.requireNonNull(workspaceRoot, "workspaceRoot").toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.parentEnvironment = Map.copyOf(parentEnvironment);
    }

    /**
     * Returns {@value #RUNNER_ID}.
     *
     * @return the runner id
     */
    @Override
    public String id() {
        return RUNNER_ID;
    }

    /**
     * Returns the private folders Pi runs in for this workspace.
     *
     * @return the agent home, never null
     */
    public PiAgentHome agentHome() {
        return PiAgentHome.forWorkspace(workspaceRoot);
    }

    /**
     * Runs one stage; see the class documentation and {@link StageRunner} for the contract.
     *
     * @param request the stage request, never null
     * @return how the stage ended, never null
     */
    @Override
    public RunnerRawResult run(StageRunRequest request) {
        Objects.requireNonNull(request, "request");
        PiAgentHome home = agentHome();
        try {
            home.createDirectories();
        } catch (IOException e) {
            LOG.warn("cannot create the pi agent folders under {}", home.root(), e);
        }
        Map<String, String> env = PiEnvironment.build(parentEnvironment, home.environment(), config.env());
        return new PiStageExecution(RUNNER_ID, config, workspaceRoot, env, clock, settings, request).run();
    }
}
