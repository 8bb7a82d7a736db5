package ai.millrace.api.config;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import ai.millrace.api.internal.Copies;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code [runners.pi]} table: how the Pi harness starts {@code pi --mode rpc}.
 *
 * @param command the pi executable
 * @param args extra arguments; flags the harness owns are rejected
 * @param provider the provider; may be null
 * @param model the model; may be null (a stage binding wins)
 * @param thinking the thinking level; may be null
 * @param disableContextFiles pass {@code --no-context-files}
 * @param disableSkills pass {@code --no-skills}
 * @param eventLogPolicy how much of the event stream to keep
 * @param env extra environment variables
 */
public record PiRunnerConfig(
        String command,
        List<String> args,
        String provider,
        String model,
        String thinking,
        boolean disableContextFiles,
        boolean disableSkills,
        EventLogPolicy eventLogPolicy,
        Map<String, String> env) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param command the pi executable
     * @param args extra arguments; flags the harness owns are rejected
     * @param provider the provider; may be null
     * @param model the model; may be null (a stage binding wins)
     * @param thinking the thinking level; may be null
     * @param disableContextFiles pass {@code --no-context-files}
     * @param disableSkills pass {@code --no-skills}
     * @param eventLogPolicy how much of the event stream to keep
     * @param env extra environment variables
     */
    public PiRunnerConfig {
        Identifiers.requireText("command", command);
        args = Copies.list(args);
        Objects.requireNonNull(eventLogPolicy, "event_log_policy is required");
        env = Copies.map(env);
        for (String arg : args) {
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (RESERVED_ARGS.contains(flag)) {
                throw new ContractViolationException("runners.pi.args must not contain " + flag
                        + "; the harness sets it (use the matching runners.pi key instead)");
            }
        }
    }

    /** Flags the harness sets itself and that {@code args} must not repeat. */
    public static final List<String> RESERVED_ARGS = List.of(
            "--mode", "--no-session", "--provider", "--model", "--thinking", "--no-context-files", "--no-skills");

    /**
     * Returns the defaults of the original.
     *
     * @return the defaults
     */
    public static PiRunnerConfig defaults() {
        return new PiRunnerConfig("pi", List.of(), null, null, null, true, true, EventLogPolicy.FAILURE_FULL, Map.of());
    }
}
