package ai.millrace.testkit.compat;

import ai.millrace.testkit.compat.StageRunnerCompatibilityKit.Scenario;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the {@code sh} script that makes {@link ShellScriptRunner} behave as a scenario says. */
final class ScenarioScripts {
    private ScenarioScripts() {
    }

    static Path write(Scenario scenario, Path workDir) throws IOException {
        Path script = workDir.resolve("fake-harness-" + scenario.name().toLowerCase() + ".sh");
        Files.writeString(script, body(scenario), StandardCharsets.UTF_8);
        return script;
    }

    private static String body(Scenario scenario) {
        switch (scenario) {
            case SUCCEED:
                return "echo 'reference harness: working'\n"
                        + "echo '" + StageRunnerCompatibilityKit.COMPLETE_MARKER + "'\n";
            case SUCCEED_WITH_USAGE:
                return "echo '{\"type\":\"usage\",\"input\":120,\"cached\":20,\"output\":30,\"reasoning\":5}'\n"
                        + "echo '" + StageRunnerCompatibilityKit.COMPLETE_MARKER + "'\n";
            case UNKNOWN_OUTPUT_EVENTS:
                return "echo '{\"type\":\"mystery.event\",\"payload\":{\"nested\":[1,2,3]}}'\n"
                        + "echo 'plain noise that is not JSON'\n"
                        + "printf '\\001\\002\\377 control bytes\\n'\n"
                        + "echo '" + StageRunnerCompatibilityKit.COMPLETE_MARKER + "'\n";
            case HUGE_OUTPUT:
                // 40,000 lines of 101 bytes: about 4 MB on each stream, far beyond a pipe buffer.
                return "line=$(printf '%0100d' 0)\n"
                        + "yes \"$line\" | head -n 40000\n"
                        + "yes \"$line\" | head -n 40000 >&2\n"
                        + "echo '" + StageRunnerCompatibilityKit.COMPLETE_MARKER + "'\n";
            case CRASH:
                return "echo 'reference harness: crashing' >&2\nexit 3\n";
            case HANG:
                return "echo 'reference harness: hanging'\nexec sleep 600\n";
            case HANG_WITH_GRANDCHILD:
                return "sleep 600 &\nsleep 600 &\necho 'reference harness: hanging with children'\nwait\n";
            default:
                throw new IllegalArgumentException(scenario.name());
        }
    }
}
