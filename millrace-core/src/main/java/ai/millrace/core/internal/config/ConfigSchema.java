package ai.millrace.core.internal.config;

import static ai.millrace.core.internal.config.ConfigRules.arrayOf;
import static ai.millrace.core.internal.config.ConfigRules.bool;
import static ai.millrace.core.internal.config.ConfigRules.both;
import static ai.millrace.core.internal.config.ConfigRules.mapOf;
import static ai.millrace.core.internal.config.ConfigRules.number;
import static ai.millrace.core.internal.config.ConfigRules.oneOf;
import static ai.millrace.core.internal.config.ConfigRules.positiveInt;
import static ai.millrace.core.internal.config.ConfigRules.positiveLong;
import static ai.millrace.core.internal.config.ConfigRules.string;
import static ai.millrace.core.internal.config.ConfigRules.wireValues;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadata;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.config.EventLogPolicy;
import ai.millrace.api.config.PermissionLevel;
import ai.millrace.api.config.PiRunnerConfig;
import ai.millrace.api.config.QuotaWindow;
import ai.millrace.api.config.ReasoningEffort;
import ai.millrace.api.config.UsageWindow;
import ai.millrace.api.state.RuntimeMode;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every key {@code millrace.toml} may hold (spec 02 sections 2.2 and 6.1), with its type and
 * allowed values. Built per stage registry, because {@code [stages.<stage>]} and
 * {@code permission_by_stage} accept exactly the stages it knows. Immutable.
 */
public final class ConfigSchema {
    private final TableRule root;

    private ConfigSchema(TableRule root) {
        this.root = root;
    }

    /**
     * Builds the schema.
     *
     * @param stages the stages that may be configured
     * @return the schema
     */
    public static ConfigSchema forStages(StageMetadataRegistry stages) {
        Function<String, String> stageKey = stageKeyCheck(stages);
        ConfigRule permission = oneOf(wireValues(PermissionLevel.class));
        ConfigRule effort = oneOf(wireValues(ReasoningEffort.class));
        ConfigRule strings = arrayOf(string());
        ConfigRule env = mapOf(ConfigRules.anyKey(), string());

        TableRule runtime = new TableRule("[runtime]")
                .key("default_mode", string())
                .key("run_style", oneOf(wireValues(RuntimeMode.class)))
                .key("idle_sleep_seconds", number(v -> v > 0, "greater than 0"));
        TableRule codex = new TableRule("[runners.codex]")
                .key("command", string())
                .key("args", strings)
                .key("profile", string())
                .key("permission_default", permission)
                .key("permission_by_stage", mapOf(stageKey, permission))
                .key("permission_by_model", mapOf(ConfigRules.anyKey(), permission))
                .key("model_reasoning_effort", effort)
                .key("skip_git_repo_check", bool())
                .key("extra_config", strings)
                .key("env", env)
                .key("home", string())
                .key("codex_home", string())
                .key("inherit_home", bool());
        TableRule pi = new TableRule("[runners.pi]")
                .key("command", string())
                .key("args", both(strings, ConfigSchema::noReservedPiFlags))
                .key("provider", string())
                .key("model", string())
                .key("thinking", string())
                .key("disable_context_files", bool())
                .key("disable_skills", bool())
                .key("event_log_policy", oneOf(wireValues(EventLogPolicy.class)))
                .key("env", env);
        TableRule runners = new TableRule("[runners]")
                .key("default_runner", string())
                .key("codex", codex)
                .key("pi", pi)
                .otherTables(ConfigRules.anything());
        TableRule recovery = new TableRule("[recovery]")
                .key("max_fix_cycles", positiveInt())
                .key("max_troubleshoot_attempts_before_consult", positiveInt())
                .key("max_mechanic_attempts", positiveInt())
                .key("stale_state_recovery_enabled", bool());
        TableRule watchers = new TableRule("[watchers]")
                .key("enabled", bool())
                .key("debounce_ms", positiveInt())
                .key("watch_ideas_inbox", bool())
                .key("watch_specs_queue", bool());
        TableRule tokenRule = new TableRule("[[usage_governance.runtime_token_rules.rules]]")
                .requiredKey("rule_id", string())
                .requiredKey("window", oneOf(wireValues(UsageWindow.class)))
                .key("metric", oneOf(List.of("total_tokens")))
                .requiredKey("threshold", positiveLong());
        TableRule quotaRule = new TableRule("[[usage_governance.subscription_quota_rules.rules]]")
                .requiredKey("rule_id", string())
                .requiredKey("window", oneOf(wireValues(QuotaWindow.class)))
                .requiredKey("pause_at_percent_used", number(v -> v > 0 && v <= 100, "greater than 0 and at most 100"));
        TableRule tokenRules = new TableRule("[usage_governance.runtime_token_rules]")
                .key("enabled", bool())
                .key("rules", arrayOf(tokenRule));
        TableRule quotaRules = new TableRule("[usage_governance.subscription_quota_rules]")
                .key("enabled", bool())
                .key("provider", oneOf(List.of("codex_chatgpt_oauth")))
                .key("degraded_policy", oneOf(List.of("fail_open", "fail_closed")))
                .key("refresh_interval_seconds", positiveInt())
                .key("rules", arrayOf(quotaRule));
        TableRule governance = new TableRule("[usage_governance]")
                .key("enabled", bool())
                .key("auto_resume", bool())
                .key("evaluation_boundary", oneOf(List.of("between_stages")))
                .key("calendar_timezone", string())
                .key("runtime_token_rules", tokenRules)
                .key("subscription_quota_rules", quotaRules);
        TableRule stage = new TableRule("[stages.<stage>]")
                .key("runner", string())
                .key("model", string())
                .key("model_reasoning_effort", effort)
                .key("timeout_seconds", positiveInt());
        TableRule root = new TableRule("millrace.toml")
                .key("runtime", runtime)
                .key("runners", runners)
                .key("recovery", recovery)
                .key("watchers", watchers)
                .key("usage_governance", governance)
                .key("stages", mapOf(stageKey, stage));
        return new ConfigSchema(root);
    }

    /**
     * Checks a parsed TOML tree.
     *
     * @param tree the tree
     * @return one {@code "<key path>: <problem>"} line per problem; empty when valid
     */
    public List<String> check(JsonNode tree) {
        List<String> errors = new ArrayList<>();
        root.check("", tree, errors);
        return errors;
    }

    private static Function<String, String> stageKeyCheck(StageMetadataRegistry stages) {
        List<String> known = new ArrayList<>();
        for (StageMetadata m : stages.all()) {
            known.add(m.stage().value());
        }
        return key -> {
            try {
                if (StageId.of(key).value().equals(key) && stages.find(StageId.of(key)).isPresent()) {
                    return null;
                }
            } catch (ContractViolationException e) {
                // not even a stage name; reported below
            }
            return "unknown stage name '" + key + "'; known stages are " + String.join(", ", known);
        };
    }

    private static void noReservedPiFlags(String path, JsonNode value, List<String> errors) {
        for (int i = 0; i < value.size(); i++) {
            String arg = value.get(i).asText();
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            if (PiRunnerConfig.RESERVED_ARGS.contains(flag)) {
                errors.add(path + "[" + i + "]: " + flag + " is set by the Pi harness and may not be passed in args;"
                        + " reserved flags are " + String.join(" ", PiRunnerConfig.RESERVED_ARGS)
                        + " (use the matching runners.pi key instead)");
            }
        }
    }
}
