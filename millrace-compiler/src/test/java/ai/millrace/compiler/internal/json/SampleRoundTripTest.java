package ai.millrace.compiler.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.state.CompileDiagnostics;
import ai.millrace.api.state.RuntimeSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files the original Millrace wrote read into our records, write back byte for byte, and read
 * again equal.
 */
class SampleRoundTripTest {

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("original/compile_diagnostics.ok.json", CompileDiagnostics.class),
                Arguments.of("original/compile_diagnostics.failed.json", CompileDiagnostics.class),
                Arguments.of("original/compiled_plan.default_codex.json", CompiledRunPlan.class),
                Arguments.of("original/compiled_plan.learning_codex.json", CompiledRunPlan.class),
                Arguments.of("original/runtime_snapshot.bootstrap.json", RuntimeSnapshot.class),
                Arguments.of("harness-runs/codex_basic.stage_result.json", StageResultEnvelope.class),
                Arguments.of("harness-runs/codex_timeout.stage_result.json", StageResultEnvelope.class),
                Arguments.of("harness-runs/codex_tool.stage_result.json", StageResultEnvelope.class),
                Arguments.of("harness-runs/pi_basic.stage_result.json", StageResultEnvelope.class),
                Arguments.of("harness-runs/pi_timeout.stage_result.json", StageResultEnvelope.class),
                Arguments.of("harness-runs/pi_tool.stage_result.json", StageResultEnvelope.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void readsWritesAndReadsAgainEqual(String name, Class<?> type) throws IOException {
        String original = resource("samples/" + name);

        Object first = MillraceJson.read(original, type, name);
        String written = MillraceJson.write(first);
        Object second = MillraceJson.read(written, type, name);

        assertEquals(first, second, "a value read back from our own output must equal the first read");
        assertEquals(original, written, "our output must match the original's bytes");
    }

    static String resource(String path) throws IOException {
        try (InputStream in = SampleRoundTripTest.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
