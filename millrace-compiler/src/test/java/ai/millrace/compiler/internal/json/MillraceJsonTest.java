package ai.millrace.compiler.internal.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.CompileDiagnostics;
import ai.millrace.api.state.RuntimeSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MillraceJsonTest {
    private static final String DIAGNOSTICS = "{\"schema_version\":\"1.0\",\"kind\":\"compile_diagnostics\",\"ok\":true,"
            + "\"mode_id\":\"default_codex\",\"errors\":[],\"warnings\":[],\"emitted_at\":\"2026-01-01T00:00:00Z\"}";

    @Test
    void anUnknownFieldFailsNamingTheFieldAndItsPath() throws Exception {
        String plan = SampleRoundTripTest.resource("samples/original/compiled_plan.default_codex.json")
                .replace("\"entrypoint_contract_id\": \"fixer.contract.v1\",",
                        "\"entrypoint_contract_id\": \"fixer.contract.v1\",\n\"retries\": 3,");

        MillraceException e = assertThrows(MillraceException.class,
                () -> MillraceJson.read(plan, CompiledRunPlan.class, "state/compiled_plan.json"));

        assertEquals(ErrorCode.MALFORMED_DOCUMENT, e.errorCode());
        assertTrue(e.getMessage().startsWith("[MR-E004] state/compiled_plan.json: cannot read compiled_run_plan: "
                + "unknown field 'retries' at $.graphs_by_plane.execution.nodes[2]"), e.getMessage());
    }

    @Test
    void aLineAsBytesIsTheLineAsTextInUtf8WithItsNewline() {
        Map<String, Object> value = Map.of("note", "caf\u00e9 \u2013 \ud83d\ude80 \"quoted\"\n", "at",
                Instant.parse("2026-01-01T00:00:00.123Z"), "n", 7);
        assertArrayEquals((MillraceJson.writeLine(value) + "\n").getBytes(StandardCharsets.UTF_8),
                MillraceJson.writeLineBytes(value));
    }

    @Test
    void schemaVersionAndKindAreOptionalButMustBeTheLiteralsWhenPresent() {
        String bare = DIAGNOSTICS.replace("\"schema_version\":\"1.0\",\"kind\":\"compile_diagnostics\",", "");
        assertTrue(MillraceJson.read(bare, CompileDiagnostics.class, "x").ok());

        MillraceException wrongKind = assertThrows(MillraceException.class, () -> MillraceJson.read(
                DIAGNOSTICS.replace("compile_diagnostics", "runtime_snapshot"), CompileDiagnostics.class, "d.json"));
        assertTrue(wrongKind.getMessage().contains("kind must be 'compile_diagnostics' (got 'runtime_snapshot')"),
                wrongKind.getMessage());

        MillraceException wrongVersion = assertThrows(MillraceException.class, () -> MillraceJson.read(
                DIAGNOSTICS.replace("\"1.0\"", "\"2.0\""), CompileDiagnostics.class, "d.json"));
        assertTrue(wrongVersion.getMessage().contains("schema_version must be '1.0'"), wrongVersion.getMessage());
    }

    @Test
    void anInvariantViolationNamesThePathAndTheRule() {
        String failedWithoutErrors = DIAGNOSTICS.replace("\"ok\":true", "\"ok\":false");

        MillraceException e = assertThrows(MillraceException.class,
                () -> MillraceJson.read(failedWithoutErrors, CompileDiagnostics.class, "d.json"));

        assertTrue(e.getMessage().contains("compile diagnostics with ok=false need at least one error"), e.getMessage());
    }

    @Test
    void aNumberIsNeverTakenForAString() {
        MillraceException e = assertThrows(MillraceException.class, () -> MillraceJson.read(
                DIAGNOSTICS.replace("\"default_codex\"", "42"), CompileDiagnostics.class, "d.json"));
        assertTrue(e.getMessage().contains("$.mode_id"), e.getMessage());
    }

    @Test
    void truncatedJsonSaysWhere() {
        MillraceException e = assertThrows(MillraceException.class, () -> MillraceJson.read(
                DIAGNOSTICS.substring(0, 40), CompileDiagnostics.class, "state/compile_diagnostics.json"));
        assertTrue(e.getMessage().contains("state/compile_diagnostics.json: cannot read compile_diagnostics: not valid JSON"),
                e.getMessage());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"yes,true", "ON,true", "1,true", "t,true", "no,false", "Off,false", "0,false", "f,false"})
    void booleansAreAlsoReadFromTheOriginalsStrings(String text, boolean expected) {
        String json = DIAGNOSTICS.replace("\"ok\":true", "\"ok\":\"" + text + "\"")
                .replace("\"errors\":[]", "\"errors\":[\"e\"]");
        assertEquals(expected, MillraceJson.read(json, CompileDiagnostics.class, "d.json").ok());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2026-01-01T00:00:00Z|2026-01-01T00:00:00Z",
        "2026-01-01 00:00:00|2026-01-01T00:00:00Z",
        "2026-01-01|2026-01-01T00:00:00Z",
        "2026-01-01T00:00|2026-01-01T00:00:00Z",
        "2026-01-01T02:00:00+02:00|2026-01-01T00:00:00Z",
        "2026-01-01T00:00:00.5Z|2026-01-01T00:00:00.500000Z",
        "2026-01-01T00:00:00.123456789Z|2026-01-01T00:00:00.123456Z",
        "1700000000|2023-11-14T22:13:20Z",
    })
    void timestampsAreReadLaxlyAndWrittenAsTheOriginalDoes(String input, String written) {
        assertEquals(written, Timestamps.format(Timestamps.parse(input)));
    }

    @Test
    void outputIsIndentedLikePythonWithEscapedNonAscii() {
        ClosureTargetState target = ClosureTargetState.builder().rootSpecId("spec-1").rootIdeaId("idea-1")
                .rootSpecPath("a").rootIdeaPath("b").rubricPath("caf\u00e9.md").blockingWorkIds(List.of())
                .openedAt(Instant.parse("2026-01-01T00:00:00Z")).build();

        String json = MillraceJson.write(target);

        assertTrue(json.startsWith("{\n  \"schema_version\": \"1.0\",\n  \"kind\": \"closure_target_state\",\n"), json);
        assertTrue(json.contains("\"rubric_path\": \"caf\\u00e9.md\""), json);
        assertTrue(json.contains("\"blocking_work_ids\": [],"), json);
        assertTrue(json.endsWith("}\n"));
        assertEquals(target, MillraceJson.read(json, ClosureTargetState.class, "t"));
    }

    @Test
    void canonicalFormSortsKeysAtEveryLevelWithoutSpaces() {
        byte[] canonical = MillraceJson.canonicalBytes(Map.of("b", 1.0, "a", Map.of("z", "\u00e9", "y", List.of(2, 1))));

        assertArrayEquals("{\"a\":{\"y\":[2,1],\"z\":\"\\u00e9\"},\"b\":1.0}".getBytes(StandardCharsets.US_ASCII),
                canonical);
    }

    @Test
    void theBootstrapSnapshotReadsWithDefaultsForMissingOptionalFields() {
        String minimal = "{\"active_mode_id\":\"default_codex\",\"compiled_plan_id\":\"bootstrap\","
                + "\"execution_status_marker\":\"### IDLE\",\"planning_status_marker\":\"### IDLE\","
                + "\"updated_at\":\"2026-01-01T00:00:00Z\"}";

        RuntimeSnapshot s = MillraceJson.read(minimal, RuntimeSnapshot.class, "s.json");

        assertEquals("bootstrap", s.configVersion());
        assertEquals("### IDLE", s.learningStatusMarker());
        assertFalse(s.paused());
    }
}
