package ai.millrace.harness.codex;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.config.CodexRunnerConfig;
import ai.millrace.api.spi.RunnerContext;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.api.spi.StageRunnerProvider;
import java.util.Map;

/**
 * Provides the {@code codex_cli} runner from the {@code [runners.codex]} table. Registered with
 * {@link java.util.ServiceLoader} on both the class path and the module path.
 */
public final class CodexRunnerProvider implements StageRunnerProvider {
    /**
     * Creates the provider; cheap, as {@link StageRunnerProvider} requires.
     */
    public CodexRunnerProvider() {
    }

    @Override
    public String id() {
        return CodexStageRunner.ID;
    }

    @Override
    public StageRunner create(RunnerContext context) {
        CodexRunnerConfig config = context.config().runners().codex();
        validate(config);
        return CodexStageRunner.builder(context.workspaceRoot())
                .config(config)
                .clock(context.clock())
                .build();
    }

    /**
     * Checks what the configuration model cannot: {@code -c} items are {@code key=value}, and
     * environment names are not empty and hold no {@code =}.
     *
     * @param config the settings
     * @throws MillraceException with {@link ErrorCode#CONFIG_INVALID} naming the bad key
     */
    static void validate(CodexRunnerConfig config) {
        for (int i = 0; i < config.extraConfig().size(); i++) {
            String item = config.extraConfig().get(i);
            int eq = item.indexOf('=');
            if (eq <= 0 || item.substring(0, eq).isBlank()) {
                throw new MillraceException(ErrorCode.CONFIG_INVALID, "runners.codex.extra_config[" + i + "] must be"
                        + " key=value (a TOML value, strings in double quotes), got '" + item + "'");
            }
        }
        for (Map.Entry<String, String> e : config.env().entrySet()) {
            if (e.getKey().isEmpty() || e.getKey().contains("=") || e.getKey().indexOf('\0') >= 0) {
                throw new MillraceException(ErrorCode.CONFIG_INVALID,
                        "runners.codex.env has an invalid variable name '" + e.getKey() + "'");
            }
            if (e.getValue() == null || e.getValue().indexOf('\0') >= 0) {
                throw new MillraceException(ErrorCode.CONFIG_INVALID,
                        "runners.codex.env." + e.getKey() + " must be a string without NUL characters");
            }
        }
        if (config.args().stream().anyMatch(a -> a == null || a.indexOf('\0') >= 0)) {
            throw new MillraceException(ErrorCode.CONFIG_INVALID, "runners.codex.args must not hold NUL characters");
        }
    }
}
