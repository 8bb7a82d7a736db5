package ai.millrace.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import ai.millrace.api.StageId;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.config.RecoveryConfig;
import ai.millrace.api.config.StageConfig;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.spi.PluginRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan ids identify structure; currentness follows the referenced files and the config. */
class FingerprintAndCurrentnessTest {
    @TempDir
    Path dir;

    private TestWorkspace ws;

    @BeforeEach
    void deploy() {
        ws = TestWorkspace.deploy(dir);
    }

    @Test
    void sameInputsGiveTheSamePlanIdAndFingerprint() {
        CompiledRunPlan first = ws.compiler().compile(null).plan();
        CompiledRunPlan second = ws.compilerBuilder().clock(java.time.Clock.systemUTC()).build().compile(null).plan();
        assertEquals(first.compiledPlanId(), second.compiledPlanId());
        assertEquals(first.compileInputFingerprint(), second.compileInputFingerprint());
    }

    @Test
    void maxFixCyclesChangesThePlanIdAndTheThreshold() {
        CompiledRunPlan defaults = ws.compiler().compile(null).plan();
        CompiledRunPlan three = ws.compiler(withRecovery(3), PluginRegistry.empty()).compile(null).plan();
        assertNotEquals(defaults.compiledPlanId(), three.compiledPlanId());
        assertNotEquals(defaults.compileInputFingerprint().configFingerprint(),
                three.compileInputFingerprint().configFingerprint());
        assertEquals(3, three.executionGraph().compiledThresholdPolicies().get(0).threshold());
        // Same canonical structure as the original's, so the same id (spec 01 section 4.8 test vector).
        assertEquals("plan-default_codex-84aaa11f9bba", three.compiledPlanId());
    }

    @Test
    void editingAReferencedEntrypointMakesThePlanStale() {
        PlanCompiler compiler = ws.compiler();
        CompiledRunPlan plan = compiler.compile(null).plan();
        assertEquals(PlanCurrentness.CURRENT, compiler.currentness(plan, null).state());
        ws.write("entrypoints/execution/fixer.md", ws.read("entrypoints/execution/fixer.md") + "\nOne more rule.\n");
        CurrentnessReport report = compiler.currentness(plan, null);
        assertEquals(PlanCurrentness.STALE, report.state());
        assertEquals(plan.compiledPlanId(), report.persistedPlanId());
        assertNotEquals(plan.compileInputFingerprint().assetsFingerprint(), report.expectedFingerprint().assetsFingerprint());
    }

    @Test
    void editingAnUnreferencedFileKeepsThePlanCurrent() {
        PlanCompiler compiler = ws.compiler();
        CompiledRunPlan plan = compiler.compile(null).plan();
        ws.write("skills/skills_index.md", "# A rewritten index\n");
        ws.write("loops/execution/default.json", "{}");
        assertEquals(PlanCurrentness.CURRENT, compiler.currentness(plan, null).state());
    }

    @Test
    void editingAReferencedGraphOrAnotherModeOrTheConfigMakesItStale() {
        PlanCompiler compiler = ws.compiler();
        CompiledRunPlan plan = compiler.compile(null).plan();
        assertEquals(PlanCurrentness.STALE, compiler.currentness(plan, "default_pi").state());
        assertEquals(PlanCurrentness.STALE,
                ws.compiler(withRecovery(4), PluginRegistry.empty()).currentness(plan, null).state());
        ws.write("graphs/planning/standard.json", ws.read("graphs/planning/standard.json") + " ");
        assertEquals(PlanCurrentness.STALE, compiler.currentness(plan, null).state());
    }

    @Test
    void anAttachedSkillThatAppearsMakesItStale() {
        ws.edit("modes/default_codex.json", "\"stage_skill_additions\": {}",
                "\"stage_skill_additions\": {\"builder\": [\"skills/extra/SKILL.md\"]}");
        PlanCompiler compiler = ws.compiler();
        CompiledRunPlan plan = compiler.compile(null).plan();
        assertEquals(PlanCurrentness.CURRENT, compiler.currentness(plan, null).state());
        ws.write("skills/extra/SKILL.md", "# Extra\n");
        assertEquals(PlanCurrentness.STALE, compiler.currentness(plan, null).state());
    }

    @Test
    void noPersistedPlanIsMissing() {
        CurrentnessReport report = ws.compiler().currentness(null, "standard_plain");
        assertEquals(PlanCurrentness.MISSING, report.state());
        assertEquals("default_codex", report.expectedFingerprint().modeId());
        assertEquals("assets-missing", report.expectedFingerprint().assetsFingerprint());
        assertNull(report.persistedPlanId());
    }

    @Test
    void configuredRunnerAndModelBeatTheModeBinding() {
        StageConfig builder = new StageConfig("pi_rpc", "gpt-test", null, StageConfig.DEFAULT_TIMEOUT_SECONDS);
        MillraceConfig config = MillraceConfig.defaults().toBuilder().stages(Map.of(StageId.BUILDER, builder)).build();
        CompiledRunPlan plan = ws.compiler(config, PluginRegistry.empty()).compile(null).plan();
        var node = plan.executionGraph().nodes().get(0);
        assertEquals("pi_rpc", node.runnerName());
        assertEquals("gpt-test", node.modelName());
        assertEquals("codex_cli", plan.executionGraph().nodes().get(1).runnerName());
        assertNotEquals(ws.compiler().compile(null).plan().compiledPlanId(), plan.compiledPlanId());
    }

    private static MillraceConfig withRecovery(int maxFixCycles) {
        RecoveryConfig r = RecoveryConfig.defaults();
        return MillraceConfig.defaults().toBuilder()
                .recovery(new RecoveryConfig(maxFixCycles, r.maxTroubleshootAttemptsBeforeConsult(),
                        r.maxMechanicAttempts(), r.staleStateRecoveryEnabled()))
                .build();
    }
}
