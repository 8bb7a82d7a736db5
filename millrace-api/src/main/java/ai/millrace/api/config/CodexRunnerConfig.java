package ai.millrace.api.config;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import ai.millrace.api.StageId;
import ai.millrace.api.internal.Copies;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code [runners.codex]} table: how the Codex CLI harness starts {@code codex exec}.
 *
 * <p>The first ten keys are the original's. The last three are Millrace for Java's own and keep a
 * stage away from the operator's {@code ~/.codex}: unless {@code inheritHome} is true, the harness
 * sets {@code HOME} and {@code CODEX_HOME} for the child to folders of the workspace
 * ({@code millrace-agents/runners/codex/home} and its {@code .codex} folder by default). Relative
 * paths are resolved against the workspace root. An explicit {@code HOME} or {@code CODEX_HOME} in
 * {@code env} wins over all three.
 *
 * @param command the codex executable
 * @param args base arguments, {@code ["exec"]} by default
 * @param profile a {@code --profile}; may be null
 * @param permissionDefault the default permission level
 * @param permissionByStage permission per stage
 * @param permissionByModel permission per model
 * @param modelReasoningEffort reasoning effort compiled into every node; may be null
 * @param skipGitRepoCheck pass {@code --skip-git-repo-check}
 * @param extraConfig extra {@code -c key=value} settings
 * @param env extra environment variables
 * @param home the {@code HOME} of the child; null for {@code <workspace>/millrace-agents/runners/codex/home}
 * @param codexHome the {@code CODEX_HOME} of the child; null for {@code <home>/.codex}
 * @param inheritHome when true, {@code HOME} and {@code CODEX_HOME} are inherited from the
 *     parent (the operator's own {@code ~/.codex}, with its login); {@code codexHome} still
 *     applies when set
 */
public record CodexRunnerConfig(
        String command,
        List<String> args,
        String profile,
        PermissionLevel permissionDefault,
        Map<StageId, PermissionLevel> permissionByStage,
        Map<String, PermissionLevel> permissionByModel,
        ReasoningEffort modelReasoningEffort,
        boolean skipGitRepoCheck,
        List<String> extraConfig,
        Map<String, String> env,
        String home,
        String codexHome,
        boolean inheritHome) {

    /**
     * Validates the invariants and copies collections.
     *
     * @param command the codex executable
     * @param args base arguments, {@code ["exec"]} by default
     * @param profile a {@code --profile}; may be null
     * @param permissionDefault the default permission level
     * @param permissionByStage permission per stage
     * @param permissionByModel permission per model
     * @param modelReasoningEffort reasoning effort compiled into every node; may be null
     * @param skipGitRepoCheck pass {@code --skip-git-repo-check}
     * @param extraConfig extra {@code -c key=value} settings
     * @param env extra environment variables
     * @param home the {@code HOME} of the child; null for the workspace default
     * @param codexHome the {@code CODEX_HOME} of the child; null for {@code <home>/.codex}
     * @param inheritHome inherit {@code HOME} and {@code CODEX_HOME} from the parent
     */
    public CodexRunnerConfig {
        Identifiers.requireText("command", command);
        args = Copies.list(args);
        Objects.requireNonNull(permissionDefault, "permission_default is required");
        permissionByStage = Copies.map(permissionByStage);
        permissionByModel = Copies.map(permissionByModel);
        extraConfig = Copies.list(extraConfig);
        env = Copies.map(env);
        if (home != null && home.isBlank()) {
            throw new ContractViolationException("home must not be blank (leave it out for the workspace default)");
        }
        if (codexHome != null && codexHome.isBlank()) {
            throw new ContractViolationException(
                    "codex_home must not be blank (leave it out for the workspace default)");
        }
    }

    /**
     * Builds a configuration with the original's ten keys and the default environment isolation
     * ({@code home} and {@code codexHome} in the workspace, {@code inheritHome} false).
     *
     * @param command the codex executable
     * @param args base arguments, {@code ["exec"]} by default
     * @param profile a {@code --profile}; may be null
     * @param permissionDefault the default permission level
     * @param permissionByStage permission per stage
     * @param permissionByModel permission per model
     * @param modelReasoningEffort reasoning effort compiled into every node; may be null
     * @param skipGitRepoCheck pass {@code --skip-git-repo-check}
     * @param extraConfig extra {@code -c key=value} settings
     * @param env extra environment variables
     */
    public CodexRunnerConfig(
            String command,
            List<String> args,
            String profile,
            PermissionLevel permissionDefault,
            Map<StageId, PermissionLevel> permissionByStage,
            Map<String, PermissionLevel> permissionByModel,
            ReasoningEffort modelReasoningEffort,
            boolean skipGitRepoCheck,
            List<String> extraConfig,
            Map<String, String> env) {
        this(command, args, profile, permissionDefault, permissionByStage, permissionByModel, modelReasoningEffort,
                skipGitRepoCheck, extraConfig, env, null, null, false);
    }

    /**
     * Returns the defaults of the original, with the workspace-local environment isolation.
     *
     * @return the defaults
     */
    public static CodexRunnerConfig defaults() {
        return new CodexRunnerConfig("codex", List.of("exec"), null, PermissionLevel.MAXIMUM, Map.of(), Map.of(),
                null, true, List.of(), Map.of());
    }

    /**
     * Returns a copy with other environment-isolation settings.
     *
     * @param home the {@code HOME} of the child; null for the workspace default
     * @param codexHome the {@code CODEX_HOME} of the child; null for {@code <home>/.codex}
     * @param inheritHome inherit {@code HOME} and {@code CODEX_HOME} from the parent
     * @return the copy
     */
    public CodexRunnerConfig withHomes(String home, String codexHome, boolean inheritHome) {
        return new CodexRunnerConfig(command, args, profile, permissionDefault, permissionByStage, permissionByModel,
                modelReasoningEffort, skipGitRepoCheck, extraConfig, env, home, codexHome, inheritHome);
    }
}
