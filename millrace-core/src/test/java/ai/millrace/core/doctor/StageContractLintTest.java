package ai.millrace.core.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.core.internal.doctor.AssetLinter;
import ai.millrace.core.internal.doctor.LintDiagnostic;
import ai.millrace.core.workspace.WorkspaceInitializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage-contract lint rules: each is broken once in a deployed copy of the shipped assets and
 * must be reported, naming the file; the untouched copy lints clean.
 */
class StageContractLintTest {
    @TempDir
    Path workspace;
    private Path assets;

    @BeforeEach
    void deploy() {
        WorkspaceInitializer.builder().durableWrites(false).build().init(workspace);
        assets = workspace.resolve("millrace-agents");
    }

    @Test
    void theDeployedAssetsLintClean() {
        assertEquals(List.of(), AssetLinter.lint(assets));
    }

    @Test
    void anEntrypointMayNameOnlyItsStagesResults() throws IOException {
        append("entrypoints/execution/builder.md", "When the checks pass, print `### CHECKER_PASS`.\n");
        assertOnly("entrypoints/execution/builder.md", LintDiagnostic.Level.COMPATIBILITY,
                "entrypoint names terminal result(s) [CHECKER_PASS] that stage builder cannot report");
    }

    @Test
    void anEntrypointRequiresItsOwnStageCoreSkill() throws IOException {
        replace("entrypoints/execution/builder.md", "- `builder-core`", "- `checker-core`");
        assertOnly("entrypoints/execution/builder.md", LintDiagnostic.Level.COMPATIBILITY,
                "entrypoint requires `checker-core` instead of its own stage-core skill `builder-core`");
    }

    @Test
    void anEntrypointMustListARequiredStageCoreSkill() throws IOException {
        replace("entrypoints/execution/builder.md", "- `builder-core`", "- builder-core (no id)");
        assertOnly("entrypoints/execution/builder.md", LintDiagnostic.Level.STRUCTURAL,
                "entrypoint must name exactly one required stage-core skill");
    }

    @Test
    void anEntrypointReferencesOnlySkillsThatExist() throws IOException {
        replace("entrypoints/execution/builder.md", "## Optional Secondary Skills\n",
                "## Optional Secondary Skills\n\n- `ghost-skill` — does not exist.\n");
        assertOnly("entrypoints/execution/builder.md", LintDiagnostic.Level.STRUCTURAL,
                "unknown skill reference `ghost-skill`");
    }

    @Test
    void anEntrypointNeverTellsTheAgentToWriteRuntimeState() throws IOException {
        append("entrypoints/execution/fixer.md",
                "Finally, update millrace-agents/state/execution_status.md with your result.\n");
        assertOnly("entrypoints/execution/fixer.md", LintDiagnostic.Level.POLICY,
                "asset tells the agent to write runtime-owned state");
    }

    @Test
    void anEntrypointNeverTellsTheAgentToMoveQueueDocuments() throws IOException {
        append("entrypoints/execution/updater.md", "Then move the task file from tasks/active to tasks/done.\n");
        assertOnly("entrypoints/execution/updater.md", LintDiagnostic.Level.POLICY,
                "asset tells the agent to move queue documents");
    }

    @Test
    void aStageCoreSkillHasItsNineSectionsInOrder() throws IOException {
        replace("skills/stage/execution/builder-core/SKILL.md", "## Pitfalls And Gotchas", "## Pitfalls");
        assertOnly("skills/stage/execution/builder-core/SKILL.md", LintDiagnostic.Level.STRUCTURAL,
                "stage-core skill sections are");
    }

    private void assertOnly(String path, LintDiagnostic.Level level, String reasonStart) {
        List<LintDiagnostic> found = AssetLinter.lint(assets);
        assertEquals(1, found.size(), found.toString());
        assertEquals(path, found.get(0).path());
        assertEquals(level, found.get(0).level());
        assertTrue(found.get(0).reason().startsWith(reasonStart), found.get(0).reason());
    }

    private void append(String path, String text) throws IOException {
        Path file = assets.resolve(path);
        Files.writeString(file, Files.readString(file) + "\n" + text);
    }

    private void replace(String path, String from, String to) throws IOException {
        Path file = assets.resolve(path);
        String text = Files.readString(file);
        assertTrue(text.contains(from), path + " has no '" + from + "'");
        Files.writeString(file, text.replace(from, to));
    }
}
