package ai.millrace.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The legacy loops parse and are consistent; broken ones are reported by file. */
class LegacyLoopCheckTest {
    @TempDir
    Path dir;

    @Test
    void packagedLegacyLoopsAreValid() {
        assertEquals(List.of(), LegacyLoopCheck.problems(null));
        assertEquals(List.of(), LegacyLoopCheck.problems(TestWorkspace.deploy(dir).agents));
    }

    @Test
    void brokenLegacyLoopsAreReportedWithTheirFile() {
        TestWorkspace ws = TestWorkspace.deploy(dir);
        ws.edit("loops/execution/default.json", "\"TROUBLESHOOT_COMPLETE\",\n      \"target_stage\": \"checker\"",
                "\"TROUBLESHOOT_COMPLETE\",\n      \"target_stage\": \"planner\"");
        ws.edit("loops/learning/default.json", "\"loop_id\": \"learning.standard\"", "\"loop_id\": \"learning.other\"");
        ws.edit("loops/planning/default.json", "\"entry_stage\": \"planner\",", "\"entry_stage\": \"planner\", \"stray\": true,");
        List<String> problems = LegacyLoopCheck.problems(ws.agents);
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("execution/default.json") && problems.get(0).contains("target_stage planner"),
                problems.get(0));
        assertTrue(problems.get(1).contains("Invalid loop definition in asset") && problems.get(1).contains("stray"),
                problems.get(1));
        assertTrue(problems.get(2).contains("Loop asset id mismatch: expected learning.standard, found learning.other"),
                problems.get(2));
    }
}
