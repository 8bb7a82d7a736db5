package ai.millrace.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.state.CompileDiagnostics;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each broken asset fails with its stable code and a message naming the culprit. */
class CompileValidationTest {
    private static final String EXEC_GRAPH = "graphs/execution/standard.json";
    private static final String PLAN_GRAPH = "graphs/planning/standard.json";
    private static final String MODE = "modes/default_codex.json";

    @TempDir
    Path dir;

    private TestWorkspace ws;

    @BeforeEach
    void deploy() {
        ws = TestWorkspace.deploy(dir);
    }

    @Test
    void theUntouchedWorkspaceCompiles() {
        assertTrue(ws.compiler().compile(null).ok());
    }

    @Test
    void unknownModeIsReportedWithTheResolvedId() {
        CompileResult result = ws.compiler().compile("  nosuch_mode ");
        assertFailure(result, CompileErrorCode.UNKNOWN_MODE, "Unknown mode id: nosuch_mode", "default_codex");
        assertEquals("nosuch_mode", result.diagnostics().modeId());
    }

    @Test
    void aliasResolvesToTheCanonicalMode() {
        CompileResult result = ws.compiler().compile("standard_plain");
        assertTrue(result.ok());
        assertEquals("default_codex", result.plan().modeId());
        assertEquals(ws.compiler().compile("default_codex").plan().compiledPlanId(), result.plan().compiledPlanId());
    }

    @Test
    void unknownGraphLoop() {
        ws.edit(MODE, "\"execution\": \"execution.standard\"", "\"execution\": \"execution.nosuch\"");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.UNKNOWN_GRAPH_LOOP, "execution.nosuch");
    }

    @Test
    void unknownStageKind() {
        ws.edit(EXEC_GRAPH, "\"node_id\": \"fixer\",\n      \"stage_kind_id\": \"fixer\"",
                "\"node_id\": \"fixer\",\n      \"stage_kind_id\": \"fixerx\"");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.UNKNOWN_STAGE_KIND,
                "execution.standard node fixer references unknown stage_kind_id fixerx");
    }

    @Test
    void edgeOnAnOutcomeTheStageKindCannotEmit() {
        ws.edit(EXEC_GRAPH, "\"on_outcomes\": [\n        \"BUILDER_COMPLETE\"", "\"on_outcomes\": [\n        \"CHECKER_PASS\"");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.ILLEGAL_OUTCOME,
                "edge builder-complete-to-checker declares illegal outcome CHECKER_PASS for stage kind builder");
    }

    @Test
    void nodeUnreachableFromEveryEntry() {
        ws.edit(EXEC_GRAPH, "\"nodes\": [", "\"nodes\": [\n    {\"node_id\": \"spare-builder\", \"stage_kind_id\": \"builder\"},");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.UNREACHABLE_NODE,
                "execution.standard node spare-builder is unreachable");
    }

    @Test
    void aNodeReachedOnlyThroughAThresholdIsReachable() {
        // consultant has no incoming edge: only execution.blocked.recovery leads to it.
        assertTrue(ws.compiler().compile(null).ok());
        ws.edit(EXEC_GRAPH, "\"exhausted_target_node_id\": \"consultant\"", "\"exhausted_target_node_id\": \"troubleshooter\"");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.UNREACHABLE_NODE, "node consultant is unreachable");
    }

    @Test
    void missingEntrypointFile() {
        ws.delete("entrypoints/execution/checker.md");
        Path expected = ws.agents.resolve("entrypoints/execution/checker.md").toAbsolutePath();
        assertFailure(ws.compiler().compile(null), CompileErrorCode.MISSING_COMPILE_ASSET,
                "Cannot read compile asset: " + expected, "node checker");
    }

    @Test
    void missingRequiredSkillFile() {
        ws.delete("skills/stage/planning/arbiter-core/SKILL.md");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.MISSING_COMPILE_ASSET,
                "arbiter-core", "required skill of node arbiter");
    }

    @Test
    void missingAttachedSkillCompilesAsMissing() {
        ws.edit(MODE, "\"stage_skill_additions\": {}", "\"stage_skill_additions\": {\"builder\": [\"skills/extra/SKILL.md\"]}");
        CompileResult result = ws.compiler().compile(null);
        assertTrue(result.ok(), () -> result.diagnostics().errors().toString());
        assertTrue(result.plan().resolvedAssets().stream().anyMatch(r ->
                r.logicalId().equals("skill:skills/extra/SKILL.md") && r.contentSha256().equals("missing")));
    }

    @Test
    void resumeTargetThatDoesNotExist() {
        ws.edit(EXEC_GRAPH, "\"default_target_node_id\": \"builder\"", "\"default_target_node_id\": \"builderx\"");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.DANGLING_REFERENCE,
                "resume policy execution.troubleshooter.resume default target references node builderx");
    }

    @Test
    void thresholdExhaustedTargetThatDoesNotExist() {
        ws.edit(EXEC_GRAPH, "\"exhausted_target_node_id\": \"troubleshooter\"", "\"exhausted_target_node_id\": \"nobody\"");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.DANGLING_REFERENCE,
                "threshold policy execution.fix-needed.exhaustion exhausted target references node nobody");
    }

    @Test
    void completionTerminalStateThatDoesNotExist() {
        ws.edit(PLAN_GRAPH, "\"on_gap_terminal_state_id\": \"remediation_needed\"", "\"on_gap_terminal_state_id\": \"nowhere\"");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.DANGLING_REFERENCE,
                "planning.standard completion behavior on_gap references terminal state nowhere");
    }

    static Stream<Arguments> unsafePaths() {
        return Stream.of(
                Arguments.of("node entrypoint escaping with ..", (Consumer<TestWorkspace>) w -> w.edit(EXEC_GRAPH,
                        "\"node_id\": \"builder\",", "\"node_id\": \"builder\", \"entrypoint_path\": \"entrypoints/../../outside.md\","),
                        "node builder entrypoint_path 'entrypoints/../../outside.md'"),
                Arguments.of("absolute stage kind entrypoint", (Consumer<TestWorkspace>) w -> w.edit(
                        "registry/stage_kinds/execution/checker.json", "\"entrypoints/execution/checker.md\"", "\"/etc/checker.md\""),
                        "Stage kind checker default_entrypoint_path '/etc/checker.md' is not allowed: path must be relative"),
                Arguments.of("skill with the wrong prefix", (Consumer<TestWorkspace>) w -> w.edit(
                        "registry/stage_kinds/execution/fixer.json", "\"skills/stage/execution/fixer-core/SKILL.md\"", "\"docs/fixer.md\""),
                        "Stage kind fixer required_skill_paths 'docs/fixer.md' is not allowed: path must start with 'skills/'"),
                Arguments.of("mode skill addition escaping", (Consumer<TestWorkspace>) w -> w.edit(MODE,
                        "\"stage_skill_additions\": {}", "\"stage_skill_additions\": {\"updater\": [\"../outside.md\"]}"),
                        "Mode default_codex stage_skill_additions for stage updater: '../outside.md' is not allowed"),
                Arguments.of("mode skill addition absolute", (Consumer<TestWorkspace>) w -> w.edit(MODE,
                        "\"stage_skill_additions\": {}", "\"stage_skill_additions\": {\"updater\": [\"/tmp/x.md\"]}"),
                        "'/tmp/x.md' is not allowed: path must be relative"),
                Arguments.of("mode entrypoint override escaping", (Consumer<TestWorkspace>) w -> w.edit(MODE,
                        "\"stage_entrypoint_overrides\": {}", "\"stage_entrypoint_overrides\": {\"checker\": \"entrypoints/../secrets.md\"}"),
                        "Invalid entrypoint override for stage `checker`: entrypoints/../secrets.md"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsafePaths")
    void pathTraversalAndWrongPrefixesAreRejected(String name, Consumer<TestWorkspace> breakIt, String fragment) {
        breakIt.accept(ws);
        assertFailure(ws.compiler().compile(null), CompileErrorCode.INVALID_ASSET_PATH, fragment);
    }

    @Test
    void entrypointOverrideIsNormalized() {
        ws.edit(MODE, "\"stage_entrypoint_overrides\": {}", "\"stage_entrypoint_overrides\": {\"checker\": \"./entrypoints//execution/./fixer.md\"}");
        CompileResult result = ws.compiler().compile(null);
        assertTrue(result.ok(), () -> result.diagnostics().errors().toString());
        assertEquals("entrypoints/execution/fixer.md", result.plan().executionGraph().nodes().get(1).entrypointPath());
    }

    @Test
    void terminalTransitionTheRuntimeCannotApply() {
        // A gap verdict (followup_needed) only makes sense from a stage kind with the closure role.
        ws.edit(PLAN_GRAPH, "\"from_node_id\": \"planner\",\n      \"to_node_id\": \"manager\",",
                "\"from_node_id\": \"planner\",\n      \"terminal_state_id\": \"remediation_needed\",");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.UNSUPPORTED_TERMINAL_TRANSITION,
                "edge planner-complete-to-manager leads planner on PLANNER_COMPLETE into terminal state remediation_needed");
    }

    @Test
    void thresholdExhaustingIntoANonBlockedTerminalState() {
        ws.edit(PLAN_GRAPH, "\"exhausted_terminal_state_id\": \"blocked\"", "\"exhausted_terminal_state_id\": \"manager_complete\"");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.UNSUPPORTED_TERMINAL_TRANSITION,
                "threshold policy planning.blocked.recovery exhausts into terminal state manager_complete");
    }

    @Test
    void invalidJsonNamesTheFile() {
        ws.write(MODE, "{ \"mode_id\": ");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.INVALID_ASSET,
                "Invalid JSON in mode asset: " + ws.agents.resolve(MODE));
    }

    @Test
    void unknownKeyNamesTheFileAndKey() {
        ws.edit(MODE, "\"mode_id\": \"default_codex\",", "\"mode_id\": \"default_codex\", \"stray\": 1,");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.INVALID_ASSET,
                "Invalid mode definition in asset: " + ws.agents.resolve(MODE), "unknown field 'stray'");
    }

    @Test
    void idMismatchAtABuiltInPath() {
        ws.edit(EXEC_GRAPH, "\"loop_id\": \"execution.standard\"", "\"loop_id\": \"execution.other\"");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.ASSET_ID_MISMATCH,
                "Graph loop asset id mismatch: expected execution.standard, found execution.other", EXEC_GRAPH);
    }

    @Test
    void duplicateIdsInTheWorkspace() {
        ws.write("graphs/execution/copy.json", ws.read(EXEC_GRAPH));
        assertFailure(ws.compiler().compile(null), CompileErrorCode.DUPLICATE_ASSET_ID,
                "Duplicate graph loop id execution.standard", "copy.json", "standard.json");
    }

    @Test
    void builtInStageKindMayNotChangeItsLegality() {
        ws.edit("registry/stage_kinds/execution/checker.json", "\"legal_outcomes\": [\n    \"CHECKER_PASS\",\n    \"FIX_NEEDED\",",
                "\"legal_outcomes\": [\n    \"FIX_NEEDED\",\n    \"CHECKER_PASS\",");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.STAGE_METADATA_MISMATCH,
                "Stage kind checker legal outcomes do not match stage metadata");
    }

    @Test
    void modeMapOutsideTheSelectedLoops() {
        ws.edit(MODE, "\"stage_model_bindings\": {}", "\"stage_model_bindings\": {\"curator\": \"gpt-x\"}");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.STAGE_OUTSIDE_SELECTED_LOOPS,
                "Mode map `stage_model_bindings` references stage outside selected loops: curator");
    }

    @Test
    void learningRuleWithAnIllegalTerminalResult() {
        ws.edit("modes/learning_codex.json", "\"DOUBLECHECK_PASS\"", "\"CHECKER_PASS\"");
        assertFailure(ws.compiler().compile("learning_codex"), CompileErrorCode.ILLEGAL_OUTCOME,
                "rule execution.doublechecker.success-to-curator", "illegal for source_stage doublechecker: CHECKER_PASS");
    }

    @Test
    void nodeFromAnotherPlane() {
        ws.edit(EXEC_GRAPH, "\"node_id\": \"fixer\",\n      \"stage_kind_id\": \"fixer\"",
                "\"node_id\": \"fixer\",\n      \"stage_kind_id\": \"planner\"");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.PLANE_MISMATCH,
                "node fixer uses stage kind planner from plane planning");
    }

    @Test
    void completionBehaviorOnANonClosureStage() {
        ws.edit(PLAN_GRAPH, "\"target_node_id\": \"arbiter\"", "\"target_node_id\": \"manager\"");
        assertFailure(ws.compiler().compile(null), CompileErrorCode.NON_CLOSURE_COMPLETION_TARGET,
                "completion behavior targets non-closure stage kind manager");
    }

    static void assertFailure(CompileResult result, CompileErrorCode code, String... fragments) {
        assertFalse(result.ok(), "the compile should have failed with " + code);
        assertNull(result.plan());
        CompileDiagnostics d = result.diagnostics();
        assertFalse(d.ok());
        assertEquals(1, d.errors().size(), d.errors().toString());
        String line = d.errors().get(0);
        assertEquals(code, result.errorCode().orElseThrow(), line);
        assertTrue(line.startsWith("[" + code.code() + "] "), line);
        for (String fragment : fragments) {
            assertTrue(line.contains(fragment), () -> "expected «" + fragment + "» in: " + line);
        }
    }
}
