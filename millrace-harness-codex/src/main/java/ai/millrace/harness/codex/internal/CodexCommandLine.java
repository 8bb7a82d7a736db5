package ai.millrace.harness.codex.internal;

import ai.millrace.api.config.CodexRunnerConfig;
import ai.millrace.api.config.PermissionLevel;
import ai.millrace.api.run.StageRunRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the {@code codex exec} command line in the original's order (spec 1.3.2), with the
 * permission levels mapped for Codex 0.169:
 * <ul>
 *   <li>{@code basic}: {@code --sandbox workspace-write} (the original's {@code --full-auto} is
 *       rejected by Codex 0.169 with exit 2);</li>
 *   <li>{@code elevated}: {@code -c approval_policy="never" --sandbox danger-full-access};</li>
 *   <li>{@code maximum}: {@code --dangerously-bypass-approvals-and-sandbox}.</li>
 * </ul>
 */
public final class CodexCommandLine {
    /** The prompt argument that makes {@code codex exec} read the prompt from standard input. */
    public static final String PROMPT_FROM_STDIN = "-";

    private CodexCommandLine() {
    }

    /**
     * Resolves the permission level: the stage override, else the model override (when the request
     * names a model), else the default.
     *
     * @param config the runner configuration
     * @param request the request
     * @return the level
     */
    public static PermissionLevel permission(CodexRunnerConfig config, StageRunRequest request) {
        PermissionLevel byStage = config.permissionByStage().get(request.stage());
        if (byStage != null) {
            return byStage;
        }
        if (request.modelName() != null) {
            PermissionLevel byModel = config.permissionByModel().get(request.modelName());
            if (byModel != null) {
                return byModel;
            }
        }
        return config.permissionDefault();
    }

    /**
     * Returns the flags of a permission level.
     *
     * @param level the level
     * @return the argv elements
     */
    public static List<String> permissionFlags(PermissionLevel level) {
        switch (level) {
            case BASIC:
                return List.of("--sandbox", "workspace-write");
            case ELEVATED:
                return List.of("-c", "approval_policy=\"never\"", "--sandbox", "danger-full-access");
            case MAXIMUM:
                return List.of("--dangerously-bypass-approvals-and-sandbox");
            default:
                throw new AssertionError(level);
        }
    }

    /**
     * Returns the reasoning effort sent to Codex: the request's, else the configuration's.
     *
     * @param config the runner configuration
     * @param request the request
     * @return the effort, or null for none
     */
    public static String effort(CodexRunnerConfig config, StageRunRequest request) {
        if (request.modelReasoningEffort() != null && !request.modelReasoningEffort().isBlank()) {
            return request.modelReasoningEffort();
        }
        return config.modelReasoningEffort() == null ? null : config.modelReasoningEffort().wireName();
    }

    /**
     * Builds the command line.
     *
     * @param executable the first element (the configured command, resolved when relative)
     * @param config the runner configuration
     * @param request the request
     * @param workspaceRoot the workspace root; made absolute
     * @param lastMessageFile the {@code --output-last-message} file
     * @param promptArgument the prompt itself, or {@link #PROMPT_FROM_STDIN}
     * @return the argv
     */
    public static List<String> build(String executable, CodexRunnerConfig config, StageRunRequest request,
            Path workspaceRoot, Path lastMessageFile, String promptArgument) {
        List<String> argv = new ArrayList<>();
        argv.add(executable);
        argv.addAll(config.args());
        if (config.profile() != null) {
            argv.add("--profile");
            argv.add(config.profile());
        }
        if (config.skipGitRepoCheck()) {
            argv.add("--skip-git-repo-check");
        }
        if (request.modelName() != null) {
            argv.add("--model");
            argv.add(request.modelName());
        }
        argv.addAll(permissionFlags(permission(config, request)));
        for (String item : config.extraConfig()) {
            argv.add("-c");
            argv.add(item);
        }
        String effort = effort(config, request);
        if (effort != null) {
            argv.add("-c");
            argv.add("model_reasoning_effort=" + tomlString(effort));
        }
        argv.add("--cd");
        argv.add(workspaceRoot.toAbsolutePath().normalize().toString());
        argv.add("--json");
        argv.add("--output-last-message");
        argv.add(lastMessageFile.toString());
        argv.add(promptArgument);
        return argv;
    }

    /**
     * Quotes a value as a TOML basic string.
     *
     * @param value the value
     * @return the quoted value, such as {@code "high"}
     */
    public static String tomlString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
