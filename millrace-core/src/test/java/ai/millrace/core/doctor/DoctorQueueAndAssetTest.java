package ai.millrace.core.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.doctor.AssetLinter;
import ai.millrace.core.internal.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DoctorQueueAndAssetTest extends DoctorTestSupport {
    private static final String AT = "2026-01-01T00:00:00Z";

    @Test
    void theShippedAssetsLintClean() {
        Path shipped = Path.of("..", "millrace-compiler", "src", "main", "resources", "ai", "millrace", "assets");
        assertTrue(Files.isDirectory(shipped), shipped.toAbsolutePath().toString());
        assertEquals(List.of(), AssetLinter.lint(shipped));
    }

    @Test
    void unreadableAndMisnamedQueueDocuments() {
        write("tasks/queue/broken.md", "no heading here\n");
        write("tasks/active/task-x.md", Fixtures.taskMarkdown("task-y", AT));
        write("tasks/done/old.md", "done documents are not parsed\n");
        DoctorReport report = check();
        DoctorFinding broken = assertFinding(report, "queue_artifact_invalid", Severity.ERROR,
                "millrace-agents/tasks/queue/broken.md");
        assertTrue(broken.message().startsWith("TaskDocument: "), broken.message());
        DoctorFinding misnamed = assertFinding(report, "queue_artifact_invalid", Severity.ERROR,
                "millrace-agents/tasks/active/task-x.md");
        assertTrue(misnamed.message().contains("does not match id task-y"), misnamed.message());
        assertEquals(2, report.withCode("queue_artifact_invalid").size());
    }

    @Test
    void aWorkItemInTwoFoldersIsReportedAndRepairKeepsOneCopy() {
        write("tasks/queue/task-a.md", Fixtures.taskMarkdown("task-a", AT));
        write("tasks/done/task-a.md", Fixtures.taskMarkdown("task-a", AT));
        DoctorFinding f = assertFinding(check(), "work_item_duplicate", Severity.ERROR, "millrace-agents/tasks");
        assertTrue(f.message().contains("task-a"));
        DoctorReport repaired = doctor().repair(root);
        assertNoFinding(repaired, "work_item_duplicate");
        assertTrue(Files.exists(r("tasks/done/task-a.md")));
        assertFalse(Files.exists(r("tasks/queue/task-a.md")));
        assertFinding(repaired, "queue_artifact_quarantined", Severity.WARNING, "millrace-agents/tasks/queue/task-a.md.invalid");
    }

    @Test
    void anOrphanedActiveDocumentIsRequeuedByRepair() {
        write("tasks/active/task-a.md", Fixtures.taskMarkdown("task-a", AT));
        DoctorReport repaired = doctor().repair(root);
        assertTrue(repaired.repairs().stream().anyMatch(x -> x.startsWith("requeued task task-a")), repaired.repairs().toString());
        assertTrue(Files.exists(r("tasks/queue/task-a.md")));
        assertTrue(repaired.ok(), repaired.lines().toString());
    }

    @Test
    void closureTargetsThatDoNotReadAndLineageDrift() throws Exception {
        write("arbiter/targets/spec-bad.json", "{\"root_spec_id\": 3}");
        ClosureTargetState target = new ClosureTargetState("spec-root", "idea-1", "a", "b", "c", null, null, true, false,
                List.of(), Fixtures.T0, null, null);
        Files.write(paths.closureTargetFile("spec-root"), MillraceJson.writeBytes(target));
        String drifted = Fixtures.taskMarkdown("task-d", AT).replace("Created-At:",
                "Root-Idea-ID: idea-1\nRoot-Spec-ID: spec-other\nCreated-At:");
        write("tasks/queue/task-d.md", drifted);
        DoctorReport report = check();
        assertFinding(report, "closure_target_state_invalid", Severity.ERROR, "millrace-agents/arbiter/targets/spec-bad.json");
        DoctorFinding drift = assertFinding(report, "closure_lineage_drift", Severity.ERROR,
                "millrace-agents/tasks/queue/task-d.md");
        assertEquals("task task-d has root spec-other; expected spec-root", drift.message());
    }

    @Test
    void modeAndLoopDefinitions() {
        write("modes/broken.json", "{\"schema_version\":\"1.0\",\"kind\":\"mode\"");
        write("modes/dangling.json", "{\"schema_version\":\"1.0\",\"kind\":\"mode\",\"mode_id\":\"dangling\","
                + "\"loop_ids_by_plane\":{\"execution\":\"execution.nowhere\",\"planning\":\"planning.standard\"}}");
        write("graphs/execution/bad.json", "{\"schema_version\":\"1.0\",\"kind\":\"graph_loop\",\"loop_id\":5}");
        write("loops/planning/bad.json", "[1,2]");
        DoctorReport report = check();
        assertFinding(report, "mode_definition_invalid", Severity.ERROR, "millrace-agents/modes/broken.json");
        DoctorFinding bundle = assertFinding(report, "mode_bundle_invalid", Severity.ERROR, "millrace-agents/modes/dangling.json");
        assertTrue(bundle.message().contains("execution.nowhere"));
        assertFinding(report, "loop_definition_invalid", Severity.ERROR, "millrace-agents/graphs/execution/bad.json");
        assertFinding(report, "loop_definition_invalid", Severity.ERROR, "millrace-agents/loops/planning/bad.json");
    }

    @Test
    void assetLintFindingsByLevel() throws Exception {
        String builder = Files.readString(r("entrypoints/execution/builder.md"));
        write("entrypoints/execution/builder.md", builder.replace("- `builder-core`", "- `no-such-skill`"));
        write("entrypoints/planning/planner.md", "---\nasset_type: entrypoint\nplane: execution\nstage: planner\n---\n"
                + Files.readString(r("entrypoints/planning/planner.md")));
        write("entrypoints/execution/checker.md", Files.readString(r("entrypoints/execution/checker.md"))
                + "\nWhen in doubt, route to the fixer.\n");
        write("skills/broken/SKILL.md", "no front matter\n");
        DoctorReport report = check();
        DoctorFinding structural = assertFinding(report, "asset_lint_structural", Severity.ERROR,
                "millrace-agents/entrypoints/execution/builder.md");
        assertTrue(structural.message().contains("no-such-skill"), structural.message());
        assertFinding(report, "asset_lint_structural", Severity.ERROR, "millrace-agents/skills/broken/SKILL.md");
        DoctorFinding compat = assertFinding(report, "asset_lint_compatibility", Severity.ERROR,
                "millrace-agents/entrypoints/planning/planner.md");
        assertTrue(compat.message().contains("belongs to plane planning"), compat.message());
        DoctorFinding policy = assertFinding(report, "asset_lint_policy", Severity.WARNING,
                "millrace-agents/entrypoints/execution/checker.md");
        assertTrue(policy.message().contains("'route to'"));
    }

    @Test
    void negatedEscalationIsNotAPolicyFinding() throws Exception {
        write("entrypoints/execution/checker.md", Files.readString(r("entrypoints/execution/checker.md"))
                + "\nYou must not escalate to planning yourself.\n\nForbidden:\n- escalate to the arbiter\n");
        assertNoFinding(check(), "asset_lint_policy");
    }

    @Test
    void skillsMissingSeamClaimsAreAPolicyWarning() throws Exception {
        String skill = Files.readString(r("skills/stage/execution/builder-core/SKILL.md"));
        write("skills/stage/execution/builder-core/SKILL.md", skill.replace("  - required_artifacts\n", ""));
        DoctorFinding f = assertFinding(check(), "asset_lint_policy", Severity.WARNING,
                "millrace-agents/skills/stage/execution/builder-core/SKILL.md");
        assertTrue(f.message().contains("missing seam-boundary claims: required_artifacts"), f.message());
    }

    @Test
    void configThatDoesNotLoadOrCompile() throws Exception {
        Files.writeString(paths.configFile(), "[runtime]\ndefault_mode = 5\n");
        assertFinding(check(), "runtime_config_invalid", Severity.ERROR, "millrace-agents/millrace.toml");
        Files.writeString(paths.configFile(), "[runtime]\ndefault_mode = \"no_such_mode\"\n");
        DoctorFinding f = assertFinding(check(), "resolved_mode_invalid", Severity.ERROR, "millrace-agents/millrace.toml");
        assertTrue(f.message().contains("no_such_mode"), f.message());
    }

    @Test
    void runnersThatAreUnknownOrNotInstalled() throws Exception {
        Files.writeString(paths.configFile(), "[runners]\ndefault_runner = \"mystery_runner\"\n");
        DoctorReport report = Doctor.builder().clock(Fixtures.CLOCK).binaryLookup(c -> false).build().check(root);
        assertFinding(report, "configured_runner_unknown", Severity.ERROR, "millrace-agents/millrace.toml");
        DoctorFinding binary = assertFinding(report, "runner_binary_unavailable", Severity.WARNING,
                "millrace-agents/millrace.toml");
        assertTrue(binary.message().contains("codex_cli"), binary.message());
    }
}
