package ai.millrace.harness.pi;

import ai.millrace.api.spi.RunnerContext;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.api.spi.StageRunnerProvider;

/**
 * Provides the {@code pi_rpc} runner ({@link PiStageRunner}) to {@link java.util.ServiceLoader}.
 * Configured by {@code [runners.pi]}. Stateless and thread-safe.
 */
public final class PiRunnerProvider implements StageRunnerProvider {
    /** Creates the provider; cheap, as the SPI requires. */
    public PiRunnerProvider() {
    }

    /**
     * Returns {@value PiStageRunner#RUNNER_ID}.
     *
     * @return the runner id
     */
    @Override
    public String id() {
        return PiStageRunner.RUNNER_ID;
    }

    /**
     * Builds a runner from the context's {@code [runners.pi]} section.
     *
     * @param context the workspace, configuration and clock, never null
     * @return a new runner
     */
    @Override
    public StageRunner create(RunnerContext context) {
        return new PiStageRunner(context);
    }
}
