package ai.millrace.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.state.CompileDiagnostics;
import ai.millrace.compiler.internal.json.MillraceJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The last-known-good table of spec 01 section 4.9. */
class CompiledPlanStoreTest {
    @TempDir
    Path dir;

    private TestWorkspace ws;
    private CompiledPlanStore store;

    @BeforeEach
    void deploy() {
        ws = TestWorkspace.deploy(dir);
        store = new CompiledPlanStore(dir);
    }

    @Test
    void successfulCompileWritesPlanAndOkDiagnostics() throws IOException {
        CompileOutcome outcome = store.compileAndPersist(ws.compiler(), null, false, false);
        assertTrue(outcome.compiled());
        assertTrue(outcome.diagnostics().ok());
        assertFalse(outcome.usedLastKnownGood());
        assertEquals(dir.resolve("millrace-agents/state/compiled_plan.json"), store.planFile());
        assertEquals(MillraceJson.write(outcome.activePlan()), Files.readString(store.planFile()));
        assertEquals(outcome.activePlan(), store.loadPlan().orElseThrow());
        assertTrue(store.loadDiagnostics().orElseThrow().ok());
        assertEquals(outcome.activePlan().compileInputFingerprint(), outcome.compileInputFingerprint());
    }

    @Test
    void compileIfNeededReusesACurrentPlanWithoutWriting() throws IOException {
        store.compileAndPersist(ws.compiler(), null, false, false);
        Files.writeString(store.diagnosticsFile(), "sentinel");
        CompileOutcome outcome = store.compileAndPersist(ws.compiler(), null, true, true);
        assertFalse(outcome.compiled());
        assertTrue(outcome.diagnostics().ok());
        assertEquals("sentinel", Files.readString(store.diagnosticsFile()), "diagnostics are not rewritten");
        assertEquals(store.loadPlan().orElseThrow(), outcome.activePlan());
    }

    @Test
    void compileIfNeededRecompilesAStalePlan() {
        CompiledRunPlan first = store.compileAndPersist(ws.compiler(), null, false, false).activePlan();
        CompileOutcome outcome = store.compileAndPersist(ws.compiler(), "default_pi", true, true);
        assertTrue(outcome.compiled());
        assertEquals("default_pi", outcome.activePlan().modeId());
        assertFalse(first.compiledPlanId().equals(store.loadPlan().orElseThrow().compiledPlanId()));
    }

    @Test
    void failureWithoutAPersistedPlanWritesFailedDiagnosticsOnly() {
        CompileOutcome outcome = store.compileAndPersist(ws.compiler(), "nosuch", false, false);
        assertNull(outcome.activePlan());
        assertFalse(outcome.usedLastKnownGood());
        assertNull(outcome.compileInputFingerprint());
        assertFalse(Files.exists(store.planFile()));
        CompileDiagnostics written = store.loadDiagnostics().orElseThrow();
        assertFalse(written.ok());
        assertTrue(written.errors().get(0).startsWith("[MR-C001] Unknown mode id: nosuch"));
    }

    @Test
    void failureKeepsTheLastKnownGoodPlanAndSaysSo() throws IOException {
        CompiledRunPlan good = store.compileAndPersist(ws.compiler(), null, false, false).activePlan();
        String planBytes = Files.readString(store.planFile());
        ws.delete("entrypoints/execution/checker.md");

        CompileOutcome outcome = store.compileAndPersist(ws.compiler(), null, false, false);
        assertEquals(good, outcome.activePlan());
        assertTrue(outcome.usedLastKnownGood());
        assertFalse(outcome.diagnostics().ok());
        assertTrue(outcome.diagnostics().warnings().get(0).contains("keeping last known good plan " + good.compiledPlanId()));
        assertEquals(planBytes, Files.readString(store.planFile()), "the plan file is untouched");
        assertEquals(outcome.diagnostics(), store.loadDiagnostics().orElseThrow());
    }

    @Test
    void refuseStaleKeepsACurrentLastKnownGood() {
        CompiledRunPlan good = store.compileAndPersist(ws.compiler(), null, false, false).activePlan();
        // An unparsable extra mode file fails every compile but is not one of the plan's assets.
        ws.write("modes/broken.json", "{ not json");
        CompileOutcome outcome = store.compileAndPersist(ws.compiler(), null, false, true);
        assertTrue(outcome.usedLastKnownGood(), () -> outcome.diagnostics().toString());
        assertEquals(good, outcome.activePlan());
        assertTrue(outcome.diagnostics().errors().get(0).contains("broken.json"));
    }

    @Test
    void refuseStaleDropsAStaleLastKnownGood() {
        store.compileAndPersist(ws.compiler(), null, false, false);
        ws.delete("entrypoints/execution/checker.md");
        CompileOutcome outcome = store.compileAndPersist(ws.compiler(), null, false, true);
        assertNull(outcome.activePlan());
        assertFalse(outcome.usedLastKnownGood());
        assertFalse(store.loadDiagnostics().orElseThrow().ok());
        assertTrue(store.loadPlan().isPresent(), "the stale plan stays on disk");
    }

    @Test
    void anInvalidPlanFileReadsAsNoPlan() throws IOException {
        Files.createDirectories(store.planFile().getParent());
        Files.writeString(store.planFile(), "{\"kind\": \"compiled_run_plan\"}");
        assertTrue(store.loadPlan().isEmpty());
        CompileOutcome outcome = store.compileAndPersist(ws.compiler(), null, true, true);
        assertTrue(outcome.compiled());
        assertTrue(outcome.diagnostics().ok());
    }
}
