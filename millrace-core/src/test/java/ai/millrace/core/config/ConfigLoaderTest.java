package ai.millrace.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.ResultClass;
import ai.millrace.api.StageId;
import ai.millrace.api.StageMetadata;
import ai.millrace.api.StageMetadataRegistry;
import ai.millrace.api.TerminalResult;
import ai.millrace.api.config.EventLogPolicy;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.config.PermissionLevel;
import ai.millrace.api.config.QuotaWindow;
import ai.millrace.api.config.ReasoningEffort;
import ai.millrace.api.config.StageConfig;
import ai.millrace.api.config.UsageWindow;
import ai.millrace.api.state.RuntimeMode;
import ai.millrace.core.workspace.WorkspaceInitializer;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    private final ConfigLoader loader = new ConfigLoader();

    static MillraceException invalid(ConfigLoader loader, String toml) {
        MillraceException e = assertThrows(MillraceException.class, () -> loader.parse(toml, "ws/millrace.toml"));
        assertEquals(ErrorCode.CONFIG_INVALID, e.errorCode());
        assertTrue(e.detail().startsWith("ws/millrace.toml: "), e.detail());
        return e;
    }

    @Test
    void emptyFileAndTheInitDefaultFileGiveTheDefaults() {
        assertEquals(MillraceConfig.defaults(), loader.parse("", "x"));
        assertEquals(MillraceConfig.defaults(), loader.parse("[runtime]\ndefault_mode = \"default_codex\"\n"
                + "run_style = \"daemon\"\n\n[runners.codex]\npermission_default = \"maximum\"\n", "x"));
    }

    @Test
    void everyKeyIsReadAndMergedOverTheDefaults() {
        String toml = String.join("\n",
                "[runtime]", "default_mode = \"learning_codex\"", "run_style = \"once\"", "idle_sleep_seconds = 2",
                "[runners]", "default_runner = \"pi_rpc\"",
                "[runners.codex]", "command = \"/bin/codex\"", "args = []", "profile = \"p\"",
                "permission_default = \"basic\"", "permission_by_stage = { builder = \"elevated\" }",
                "permission_by_model = { \"gpt-5\" = \"maximum\" }", "model_reasoning_effort = \"xhigh\"",
                "skip_git_repo_check = false", "extra_config = [\"a=b\"]", "env = { A = \"1\" }",
                "[runners.pi]", "command = \"pi2\"", "args = [\"--verbose\"]", "provider = \"openai\"", "model = \"m\"",
                "thinking = \"high\"", "disable_context_files = false", "disable_skills = false",
                "event_log_policy = \"full\"", "env = { B = \"2\" }",
                "[runners.my_runner]", "endpoint = \"http://x\"", "retries = 3",
                "[recovery]", "max_fix_cycles = 3", "max_troubleshoot_attempts_before_consult = 4",
                "max_mechanic_attempts = 5", "stale_state_recovery_enabled = false",
                "[watchers]", "enabled = false", "debounce_ms = 500", "watch_ideas_inbox = false", "watch_specs_queue = false",
                "[usage_governance]", "enabled = true", "auto_resume = false", "evaluation_boundary = \"between_stages\"",
                "calendar_timezone = \"Europe/Berlin\"",
                "[usage_governance.runtime_token_rules]", "enabled = false",
                "[[usage_governance.runtime_token_rules.rules]]", "rule_id = \"session\"", "window = \"daemon_session\"",
                "threshold = 10",
                "[usage_governance.subscription_quota_rules]", "enabled = true", "degraded_policy = \"fail_closed\"",
                "refresh_interval_seconds = 30",
                "[[usage_governance.subscription_quota_rules.rules]]", "rule_id = \"weekly\"", "window = \"weekly\"",
                "pause_at_percent_used = 80",
                "[stages.builder]", "model = \"gpt-5\"",
                "[stages.analyst]", "runner = \"pi_rpc\"", "model_reasoning_effort = \"low\"", "timeout_seconds = 60",
                "");

        MillraceConfig c = loader.parse(toml, "x");

        assertEquals("learning_codex", c.runtime().defaultMode());
        assertEquals(RuntimeMode.ONCE, c.runtime().runStyle());
        assertEquals(2.0, c.runtime().idleSleepSeconds());
        assertEquals("pi_rpc", c.runners().defaultRunner());
        assertEquals("/bin/codex", c.runners().codex().command());
        assertEquals(List.of(), c.runners().codex().args());
        assertEquals(PermissionLevel.BASIC, c.runners().codex().permissionDefault());
        assertEquals(Map.of(StageId.BUILDER, PermissionLevel.ELEVATED), c.runners().codex().permissionByStage());
        assertEquals(Map.of("gpt-5", PermissionLevel.MAXIMUM), c.runners().codex().permissionByModel());
        assertEquals(ReasoningEffort.XHIGH, c.runners().codex().modelReasoningEffort());
        assertEquals(false, c.runners().codex().skipGitRepoCheck());
        assertEquals(List.of("a=b"), c.runners().codex().extraConfig());
        assertEquals(Map.of("A", "1"), c.runners().codex().env());
        assertEquals(List.of("--verbose"), c.runners().pi().args());
        assertEquals("m", c.runners().pi().model());
        assertEquals(EventLogPolicy.FULL, c.runners().pi().eventLogPolicy());
        assertEquals(Map.of("my_runner", Map.of("endpoint", "http://x", "retries", 3)), c.runners().plugins());
        assertEquals(5, c.recovery().maxMechanicAttempts());
        assertEquals(false, c.recovery().staleStateRecoveryEnabled());
        assertEquals(500, c.watchers().debounceMs());
        assertEquals(true, c.usageGovernance().enabled());
        assertEquals("Europe/Berlin", c.usageGovernance().calendarTimezone());
        assertEquals(false, c.usageGovernance().runtimeTokenRules().enabled());
        assertEquals(UsageWindow.DAEMON_SESSION, c.usageGovernance().runtimeTokenRules().rules().get(0).window());
        assertEquals("total_tokens", c.usageGovernance().runtimeTokenRules().rules().get(0).metric());
        assertEquals(1, c.usageGovernance().runtimeTokenRules().rules().size(), "arrays replace the default rules");
        assertEquals("codex_chatgpt_oauth", c.usageGovernance().subscriptionQuotaRules().provider());
        assertEquals(QuotaWindow.WEEKLY, c.usageGovernance().subscriptionQuotaRules().rules().get(0).window());
        assertEquals(80.0, c.usageGovernance().subscriptionQuotaRules().rules().get(0).pauseAtPercentUsed());
        assertEquals(new StageConfig(null, "gpt-5", null, 3600), c.stages().get(StageId.BUILDER));
        assertEquals(new StageConfig("pi_rpc", null, ReasoningEffort.LOW, 60), c.stages().get(StageId.ANALYST));
    }

    @Test
    void partialTablesKeepTheOtherDefaults() {
        MillraceConfig c = loader.parse("[runners.codex]\nprofile = \"work\"\n", "x");

        assertEquals(MillraceConfig.defaults().runners().codex().args(), c.runners().codex().args());
        assertEquals("work", c.runners().codex().profile());
        assertEquals(MillraceConfig.defaults().usageGovernance(), c.usageGovernance());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[runners.codex]\\npermission_default = \"max\"|runners.codex.permission_default: expected one of basic, elevated, maximum, got the string 'max'",
        "[runners.codex]\\npermision_default = \"basic\"|runners.codex.permision_default: unknown key; the keys allowed in [runners.codex] are command,",
        "[compile]\\nmode = \"x\"|compile: unknown key; the keys allowed in millrace.toml are runtime, runners, recovery, watchers, usage_governance, stages",
        "[recovery]\\nmax_fix_cycles = 0|recovery.max_fix_cycles: expected an integer greater than 0",
        "[recovery]\\nmax_fix_cycles = \"2\"|recovery.max_fix_cycles: expected an integer greater than 0 (at most 2147483647), got the string '2'",
        "[watchers]\\nenabled = \"yes\"|watchers.enabled: expected true or false, got the string 'yes'",
        "[runtime]\\nidle_sleep_seconds = -1.5|runtime.idle_sleep_seconds: expected a number greater than 0, got the float -1.5",
        "[runtime]\\nrun_style = \"forever\"|runtime.run_style: expected one of once, daemon",
        "runtime = 3|runtime: expected a table, got the integer 3",
        "[runners]\\nextra = 1|runners.extra: unknown key; the keys allowed in [runners] are default_runner, codex, pi and [runners.<runner id>] tables",
        "[runners.codex]\\nargs = [\"exec\", 3]|runners.codex.args[1]: expected a string, got the integer 3",
        "[runners.pi]\\nargs = [\"--model=x\"]|runners.pi.args[0]: --model is set by the Pi harness",
        "[runners.codex.permission_by_stage]\\nbilder = \"basic\"|runners.codex.permission_by_stage.bilder: unknown stage name 'bilder'; known stages are builder, checker",
        "[stages.Builder]\\nmodel = \"x\"|stages.Builder: unknown stage name 'Builder'",
        "[stages.builder]\\ntimeout = 5|stages.builder.timeout: unknown key; the keys allowed in [stages.<stage>] are runner, model, model_reasoning_effort, timeout_seconds",
        "[usage_governance.subscription_quota_rules]\\nrules = [{rule_id = \"a\", window = \"weekly\", pause_at_percent_used = 101}]|usage_governance.subscription_quota_rules.rules[0].pause_at_percent_used: expected a number greater than 0 and at most 100, got the integer 101",
        "[[usage_governance.runtime_token_rules.rules]]\\nrule_id = \"a\"\\nthreshold = 5|usage_governance.runtime_token_rules.rules[0].window: required key is missing",
        "[usage_governance]\\nevaluation_boundary = \"after_run\"|usage_governance.evaluation_boundary: expected one of between_stages, got the string 'after_run'",
    })
    void badKeysNameTheFileTheKeyPathAndWhatIsAllowed(String toml, String expected) {
        MillraceException e = invalid(loader, toml.replace("\\n", "\n"));
        assertTrue(e.detail().startsWith("ws/millrace.toml: " + expected), e.detail());
    }

    @Test
    void reportsEveryProblemOfAFileAtOnce() {
        MillraceException e = invalid(loader, "[recovery]\nmax_fix_cycles = 0\n[watchers]\ndebounce_ms = true\n");
        assertTrue(e.detail().startsWith("ws/millrace.toml: 2 problems:\n  - recovery.max_fix_cycles: "), e.detail());
        assertTrue(e.detail().contains("\n  - watchers.debounce_ms: expected an integer"), e.detail());
    }

    @Test
    void tomlSyntaxErrorsNameTheFileAndLine() {
        MillraceException e = invalid(loader, "[runtime]\ndefault_mode = \"x\"\nrun_style = \n");
        assertTrue(e.detail().contains("TOML syntax error at line 3"), e.detail());
        MillraceException dup = invalid(loader, "[runtime]\nrun_style = \"once\"\nrun_style = \"daemon\"\n");
        assertTrue(dup.detail().contains("TOML syntax error at line ") && dup.detail().contains("Duplicate key"), dup.detail());
    }

    @Test
    void stagesFromAnExtendedRegistryAreAccepted() {
        StageMetadataRegistry extended = StageMetadataRegistry.builtIn().withStage(
                new StageMetadata(StageId.of("linter"), Plane.EXECUTION, "LINTER_RUNNING",
                        Map.of(TerminalResult.BLOCKED, List.of(ResultClass.BLOCKED))));
        assertEquals(42, new ConfigLoader(extended).parse("[stages.linter]\ntimeout_seconds = 42\n", "x")
                .stages().get(StageId.of("linter")).timeoutSeconds());
        invalid(loader, "[stages.linter]\ntimeout_seconds = 42\n");
    }

    @Test
    void missingDefaultFileMeansDefaultsButAMissingOverrideIsAnError(@TempDir Path w) throws IOException {
        WorkspacePaths paths = WorkspacePaths.of(w);
        assertEquals(MillraceConfig.defaults(), loader.load(paths, null));

        Path typo = w.resolve("milrace.toml");
        MillraceException e = assertThrows(MillraceException.class, () -> loader.load(paths, typo));
        assertEquals(ErrorCode.CONFIG_INVALID, e.errorCode());
        assertTrue(e.detail().startsWith("config file " + typo + " does not exist"), e.detail());

        WorkspaceInitializer.create().init(w);
        Files.writeString(paths.configFile(), "[watchers]\nenabled = false\n");
        assertEquals(false, loader.load(paths, null).watchers().enabled());
        MillraceException named = assertThrows(MillraceException.class, () -> {
            Files.writeString(paths.configFile(), "[watchers]\nenabled = 1\n");
            loader.load(paths, null);
        });
        assertTrue(named.detail().startsWith(paths.configFile() + ": watchers.enabled: "), named.detail());
    }

    @Test
    void configVersionHashesTheWholeConfig() {
        String defaults = ConfigLoader.configVersion(MillraceConfig.defaults());
        assertTrue(defaults.matches("cfg-[0-9a-f]{12}"), defaults);
        assertEquals(defaults, ConfigLoader.configVersion(loader.parse("", "x")));
        assertTrue(!defaults.equals(ConfigLoader.configVersion(loader.parse("[watchers]\ndebounce_ms = 251\n", "x"))));
    }
}
