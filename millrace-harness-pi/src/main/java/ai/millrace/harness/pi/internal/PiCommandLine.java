package ai.millrace.harness.pi.internal;

import ai.millrace.api.config.PiRunnerConfig;
import ai.millrace.api.run.StageRunRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@code pi} command line: {@code command}, the configured {@code args},
 * {@code --mode rpc --no-session}, then {@code --provider}, {@code --model}, {@code --thinking},
 * {@code --no-context-files} and {@code --no-skills} as configured. Stateless and thread-safe.
 */
public final class PiCommandLine {
    private PiCommandLine() {
    }

    /**
     * Builds the command line as recorded in {@code runner_invocation}; its first element is the
     * configured command, not the resolved executable.
     *
     * @param config the {@code [runners.pi]} settings, never null
     * @param request the stage request, never null
     * @return the command line, never null
     */
    public static List<String> build(PiRunnerConfig config, StageRunRequest request) {
        List<String> command = new ArrayList<>();
        command.add(config.command());
        command.addAll(config.args());
        command.add("--mode");
        command.add("rpc");
        command.add("--no-session");
        optional(command, "--provider", config.provider());
        optional(command, "--model", model(config, request));
        optional(command, "--thinking", config.thinking());
        if (config.disableContextFiles()) {
            command.add("--no-context-files");
        }
        if (config.disableSkills()) {
            command.add("--no-skills");
        }
        return command;
    }

    /**
     * Returns the model a run uses: the request's when set, otherwise the configured one.
     *
     * @param config the {@code [runners.pi]} settings, never null
     * @param request the stage request, never null
     * @return the model, or null when neither names one (Pi picks its default)
     */
    public static String model(PiRunnerConfig config, StageRunRequest request) {
        String model = request.modelName();
        return model != null && !model.isBlank() ? model : blankToNull(config.model());
    }

    private static void optional(List<String> command, String flag, String value) {
        if (value != null && !value.isBlank()) {
            command.add(flag);
            command.add(value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
