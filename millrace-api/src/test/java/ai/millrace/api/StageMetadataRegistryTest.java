package ai.millrace.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StageMetadataRegistryTest {
    private final StageMetadataRegistry registry = StageMetadataRegistry.builtIn();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "builder|execution|BUILDER_RUNNING|### BUILDER_COMPLETE,### BLOCKED",
        "checker|execution|CHECKER_RUNNING|### CHECKER_PASS,### FIX_NEEDED,### BLOCKED",
        "fixer|execution|FIXER_RUNNING|### FIXER_COMPLETE,### BLOCKED",
        "doublechecker|execution|DOUBLECHECKER_RUNNING|### DOUBLECHECK_PASS,### FIX_NEEDED,### BLOCKED",
        "updater|execution|UPDATER_RUNNING|### UPDATE_COMPLETE,### BLOCKED",
        "troubleshooter|execution|TROUBLESHOOTER_RUNNING|### TROUBLESHOOT_COMPLETE,### BLOCKED",
        "consultant|execution|CONSULTANT_RUNNING|### CONSULT_COMPLETE,### NEEDS_PLANNING,### BLOCKED",
        "planner|planning|PLANNER_RUNNING|### PLANNER_COMPLETE,### BLOCKED",
        "manager|planning|MANAGER_RUNNING|### MANAGER_COMPLETE,### BLOCKED",
        "mechanic|planning|MECHANIC_RUNNING|### MECHANIC_COMPLETE,### BLOCKED",
        "auditor|planning|AUDITOR_RUNNING|### AUDITOR_COMPLETE,### BLOCKED",
        "arbiter|planning|ARBITER_RUNNING|### ARBITER_COMPLETE,### REMEDIATION_NEEDED,### BLOCKED",
        "analyst|learning|ANALYST_RUNNING|### ANALYST_COMPLETE,### BLOCKED",
        "professor|learning|PROFESSOR_RUNNING|### PROFESSOR_COMPLETE,### BLOCKED",
        "curator|learning|CURATOR_RUNNING|### CURATOR_COMPLETE,### BLOCKED",
    })
    void builtInStagesMatchTheOriginalTable(String stage, String plane, String running, String markers) {
        StageMetadata m = registry.require(StageId.of(stage));

        assertEquals(Plane.of(plane), m.plane());
        assertEquals(running, m.runningStatusMarker());
        assertEquals(List.of(markers.split(",")), m.legalTerminalMarkers(), "legal markers in contractual order");
    }

    @Test
    void resultClassesFollowTheOriginal() {
        assertEquals(List.of(ResultClass.FOLLOWUP_NEEDED),
                registry.require(StageId.CHECKER).allowedResultClassesByOutcome().get(TerminalResult.FIX_NEEDED));
        assertEquals(List.of(ResultClass.ESCALATE_PLANNING),
                registry.require(StageId.CONSULTANT).allowedResultClassesByOutcome().get(TerminalResult.NEEDS_PLANNING));
        assertEquals(List.of(ResultClass.BLOCKED, ResultClass.RECOVERABLE_FAILURE),
                registry.require(StageId.ARBITER).allowedResultClassesByOutcome().get(TerminalResult.BLOCKED));
        assertEquals(15, registry.all().size());
    }

    @Test
    void legalityIsPlaneScoped() {
        assertTrue(registry.require(StageId.CHECKER).isLegal(TerminalResult.FIX_NEEDED));
        assertFalse(registry.require(StageId.BUILDER).isLegal(TerminalResult.FIX_NEEDED));
        assertTrue(registry.terminalResultForPlane(Plane.PLANNING, "REMEDIATION_NEEDED").isPresent());
        assertTrue(registry.terminalResultForPlane(Plane.EXECUTION, "REMEDIATION_NEEDED").isEmpty());
        ContractViolationException e = assertThrows(ContractViolationException.class,
                () -> registry.require(Plane.PLANNING, StageId.BUILDER));
        assertEquals("[MR-E002] stage 'builder' does not belong to plane planning", e.getMessage());
        assertEquals(ErrorCode.UNKNOWN_STAGE,
                assertThrows(ContractViolationException.class, () -> registry.require(StageId.of("linter"))).errorCode());
    }

    @Test
    void pluginStagesExtendTheRegistryWithTheSameRules() {
        Map<TerminalResult, List<ResultClass>> classes = new LinkedHashMap<>();
        classes.put(TerminalResult.of("LINT_CLEAN"), List.of(ResultClass.SUCCESS));
        classes.put(TerminalResult.BLOCKED, List.of(ResultClass.BLOCKED));
        StageRegistryProbe.check(registry.withStage(
                new StageMetadata(StageId.of("linter"), Plane.EXECUTION, "LINTER_RUNNING", classes)));

        Map<TerminalResult, List<ResultClass>> bad = new LinkedHashMap<>();
        bad.put(TerminalResult.BLOCKED, List.of(ResultClass.SUCCESS));
        ContractViolationException e = assertThrows(ContractViolationException.class,
                () -> new StageMetadata(StageId.of("linter"), Plane.EXECUTION, "LINTER_RUNNING", bad));
        assertTrue(e.getMessage().contains("BLOCKED may only allow blocked or recoverable_failure"), e.getMessage());
    }

    /** Keeps the assertion on the extended registry in one place. */
    private static final class StageRegistryProbe {
        static void check(StageMetadataRegistry extended) {
            assertEquals(16, extended.all().size());
            assertEquals(List.of("### LINT_CLEAN", "### BLOCKED"),
                    extended.require(StageId.of("linter")).legalTerminalMarkers());
            assertEquals(15, StageMetadataRegistry.builtIn().all().size(), "the built-in registry is unchanged");
        }
    }
}
