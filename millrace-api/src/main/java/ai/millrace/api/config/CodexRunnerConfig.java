package ai.millrace.api.config;

import ai.millrace.api.Identifiers;
import ai.millrace.api.StageId;
import ai.millrace.api.internal.Copies;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code [runners.codex]} table: how the Codex CLI harness starts {@code codex exec}.
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
        Map<String, String> env) {

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
     */
    public CodexRunnerConfig {
        Identifiers.requireText("command", command);
        args = Copies.list(args);
        Objects.requireNonNull(permissionDefault, "permission_default is required");
        permissionByStage = Copies.map(permissionByStage);
        permissionByModel = Copies.map(permissionByModel);
        extraConfig = Copies.list(extraConfig);
        env = Copies.map(env);
    }

    /**
     * Returns the defaults of the original.
     *
     * @return the defaults
     */
    public static CodexRunnerConfig defaults() {
        return new CodexRunnerConfig("codex", List.of("exec"), null, PermissionLevel.MAXIMUM, Map.of(), Map.of(),
                null, true, List.of(), Map.of());
    }
}
