package ai.millrace.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.Plane;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.plan.FrozenGraphPlanePlan;
import ai.millrace.api.plan.ResolvedAssetRef;
import ai.millrace.compiler.internal.json.MillraceJson;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Plans compiled from the packaged assets equal the original's compiled plans in structure. */
class SamplePlanParityTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"default_codex", "learning_codex"})
    void compiledPlanMatchesTheOriginalsStructure(String mode) {
        CompiledRunPlan sample = TestWorkspace.sample("compiled_plan." + mode + ".json");
        CompileResult result = TestWorkspace.deploy(dir).compiler().compile(mode);

        assertTrue(result.ok(), () -> String.join("; ", result.diagnostics().errors()));
        CompiledRunPlan plan = result.plan();
        assertEquals(sample.modeId(), plan.modeId());
        assertEquals(sample.loopIdsByPlane(), plan.loopIdsByPlane());
        assertEquals(List.copyOf(sample.loopIdsByPlane().keySet()), List.copyOf(plan.loopIdsByPlane().keySet()));
        assertEquals(sample.executionLoopId(), plan.executionLoopId());
        assertEquals(sample.planningLoopId(), plan.planningLoopId());
        assertEquals(sample.learningLoopId(), plan.learningLoopId());
        assertEquals(List.copyOf(sample.graphsByPlane().keySet()), List.copyOf(plan.graphsByPlane().keySet()));
        for (Plane plane : sample.graphsByPlane().keySet()) {
            FrozenGraphPlanePlan expected = sample.graphsByPlane().get(plane);
            FrozenGraphPlanePlan actual = plan.graphsByPlane().get(plane);
            assertEquals(expected.nodes(), actual.nodes(), plane + " nodes");
            assertEquals(expected.entryNodes(), actual.entryNodes(), plane + " entries");
            assertEquals(expected.compiledEntries(), actual.compiledEntries(), plane + " compiled entries");
            assertEquals(expected.transitions(), actual.transitions(), plane + " transitions");
            assertEquals(expected.compiledTransitions(), actual.compiledTransitions(), plane + " compiled transitions");
            assertEquals(expected.compiledResumePolicies(), actual.compiledResumePolicies(), plane + " resume");
            assertEquals(expected.compiledThresholdPolicies(), actual.compiledThresholdPolicies(), plane + " thresholds");
            assertEquals(expected.terminalStates(), actual.terminalStates(), plane + " terminal states");
            assertEquals(expected.completionBehavior(), actual.completionBehavior(), plane + " completion");
            assertEquals(expected.compiledCompletionEntry(), actual.compiledCompletionEntry(), plane + " completion entry");
            assertEquals(expected, actual, plane + " whole graph");
        }
        assertEquals(sample.executionGraph(), plan.executionGraph());
        assertEquals(sample.planningGraph(), plan.planningGraph());
        assertEquals(sample.learningGraph(), plan.learningGraph());
        assertEquals(sample.concurrencyPolicy(), plan.concurrencyPolicy());
        assertEquals(sample.learningTriggerRules(), plan.learningTriggerRules());
        assertEquals(sample.sourceRefs(), plan.sourceRefs());
        assertEquals(TestWorkspace.COMPILED_AT, plan.compiledAt());
        assertEquals(withoutHashes(sample.resolvedAssets()), withoutHashes(plan.resolvedAssets()));
        assertTrue(plan.compiledPlanId().matches("plan-" + mode + "-[0-9a-f]{12}"), plan.compiledPlanId());
        assertTrue(plan.compileInputFingerprint().configFingerprint().matches("cfg-[0-9a-f]{12}"));
        assertTrue(plan.compileInputFingerprint().assetsFingerprint().matches("assets-[0-9a-f]{12}"));
        // The plan id hashes only the structure, which equals the original's, over the same
        // canonical JSON: so the id equals the original's too.
        assertEquals(sample.compiledPlanId(), plan.compiledPlanId());
        // And the written plan reads back equal.
        assertEquals(plan, MillraceJson.read(MillraceJson.write(plan), CompiledRunPlan.class, "written plan"));
    }

    private static List<String> withoutHashes(List<ResolvedAssetRef> refs) {
        return refs.stream().map(r -> r.assetFamily() + " " + r.logicalId() + " " + r.compileTimePath()).toList();
    }
}
