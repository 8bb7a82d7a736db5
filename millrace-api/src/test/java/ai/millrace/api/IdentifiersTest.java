package ai.millrace.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IdentifiersTest {
    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "..", ".hidden", "-lead", "a b", "x\\y", ""})
    void safeIdsCannotNameAPathOutsideTheirFolder(String id) {
        ContractViolationException e = assertThrows(ContractViolationException.class,
                () -> Identifiers.requireSafeId("task_id", id));
        assertTrue(e.getMessage().contains("task_id"), e.getMessage());
    }

    @Test
    void safeIdErrorsSayWhatIsWrong() {
        assertEquals("[MR-E001] task_id must not include surrounding whitespace",
                assertThrows(ContractViolationException.class, () -> Identifiers.requireSafeId("task_id", " t1"))
                        .getMessage());
        assertEquals("task-001.v2_x", Identifiers.requireSafeId("task_id", "task-001.v2_x"));
    }

    @Test
    void canonicalIdsAreLowerCasedAndStatusTokensUpperCased() {
        assertEquals("builder", Identifiers.canonicalId("stage_kind_id", " Builder "));
        assertThrows(ContractViolationException.class, () -> Identifiers.canonicalId("node_id", "a--b"));
        assertThrows(ContractViolationException.class, () -> Identifiers.canonicalId("node_id", "a."));
        assertEquals("FIX_NEEDED", Identifiers.statusToken("outcome", "fix_needed"));
        assertThrows(ContractViolationException.class, () -> Identifiers.statusToken("outcome", "1BAD"));
        assertEquals(StageId.BUILDER, StageId.of("BUILDER"));
    }
}
