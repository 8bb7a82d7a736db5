package ai.millrace.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCompileModesTest {
    @TempDir
    Path tmp;

    final Cli cli = new Cli();
    Path w;

    @BeforeEach
    void init() {
        w = tmp.resolve("ws");
        assertEquals(0, cli.run("init", "--workspace", w.toString()).code());
    }

    @Test
    void configShowPrintsTheOriginalsLines() {
        Cli.Result r = cli.run("config", "show", "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals("default_mode: default_codex\nrun_style: daemon\nidle_sleep_seconds: 1.0\nwatchers.enabled: true\n"
                + "usage_governance.enabled: false\nconfig_version: bootstrap\nlast_reload_outcome: none\n"
                + "last_reload_error: none\n", r.out());
        assertEquals(1.0, cli.run("config", "show", "--json", "--workspace", w.toString()).json()
                .get("idle_sleep_seconds").asDouble());
    }

    @Test
    void aBrokenConfigIsACleanErrorWithCodeAndHintAndNoStackTrace() throws Exception {
        Files.writeString(w.resolve("millrace-agents/millrace.toml"), "[runtime\nbroken");
        Cli.Result r = cli.run("config", "show", "--workspace", w.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("error: [MR-E020] "), r.err());
        assertTrue(r.err().contains("hint: "), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
        Cli.Result debug = cli.run("--debug", "config", "show", "--workspace", w.toString());
        assertTrue(debug.err().contains("\tat "), debug.err());
        Cli.Result validate = cli.run("config", "validate", "--workspace", w.toString());
        assertEquals(1, validate.code());
        assertEquals(1, cli.run("config", "show", "--workspace", w.toString(), "--config",
                tmp.resolve("missing.toml").toString()).code());
    }

    @Test
    void compileValidatePersistsAndPrintsTheDiagnosticsBlock() {
        Cli.Result r = cli.run("compile", "validate", "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of("ok", "mode_id", "used_last_known_good", "compile_input.mode_id",
                "compile_input.config_fingerprint", "compile_input.assets_fingerprint"), r.keys());
        assertEquals("true", r.get("ok"));
        assertTrue(Files.isRegularFile(w.resolve("millrace-agents/state/compiled_plan.json")));
        assertEquals("current", cli.run("status", "--workspace", w.toString()).get("compiled_plan_currentness"));
        assertEquals(r.out(), cli.run("config", "validate", "--workspace", w.toString()).out());
        assertTrue(cli.run("compile", "validate", "--json", "--workspace", w.toString()).json().get("ok").asBoolean());
    }

    @Test
    void compileValidateFailsForAnUnknownMode() {
        Cli.Result r = cli.run("compile", "validate", "--mode", "no_such_mode", "--workspace", w.toString());
        assertEquals(1, r.code(), r.toString());
        assertEquals("false", r.get("ok"));
        assertTrue(r.out().contains("\nerror: "), r.out());
    }

    @Test
    void compileShowPrintsThePlanAsTheOriginalDid() {
        Cli.Result r = cli.run("compile", "show", "--workspace", w.toString());
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.lines();
        for (String expected : List.of("compiled_plan_currentness: current", "execution_loop_id: execution.standard",
                "entry: execution.task -> builder", "entry: planning.spec -> planner", "entry: planning.incident -> auditor",
                "completion: closure_target -> arbiter", "completion_behavior.skip_if_already_closed: true",
                "stage: execution.builder", "running_status_marker: BUILDER_RUNNING",
                "required_skills: skills/stage/execution/builder-core/SKILL.md", "attached_skills: none",
                "timeout_seconds: 3600")) {
            assertTrue(lines.contains(expected), expected + " in\n" + r.out());
        }
        assertEquals("stage: execution.checker", lines.get(lines.indexOf("stage: execution.builder") + 11));
        assertEquals(12, cli.run("compile", "show", "--json", "--workspace", w.toString()).json().get("stages").size());
    }

    @Test
    void compileShowDrawsDiagrams() {
        Cli.Result mermaid = cli.run("compile", "show", "--format", "mermaid", "--workspace", w.toString());
        assertEquals(0, mermaid.code(), mermaid.toString());
        assertTrue(mermaid.out().startsWith("flowchart"), mermaid.out());
        Cli.Result dot = cli.run("compile", "show", "--format", "dot", "--plane", "execution", "--workspace", w.toString());
        assertTrue(dot.out().startsWith("digraph"), dot.out());
        assertEquals(2, cli.run("compile", "show", "--format", "png", "--workspace", w.toString()).code());
        assertEquals(2, cli.run("compile", "show", "--format", "dot", "--plane", "mars", "--workspace", w.toString()).code());
        assertEquals(1, cli.run("compile", "show", "--workspace", tmp.resolve("no").toString()).code());
    }

    @Test
    void modesListAndShow() {
        Cli.Result r = cli.run("modes", "list");
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of("default_codex: execution_loop=execution.standard planning_loop=planning.standard",
                "default_pi: execution_loop=execution.standard planning_loop=planning.standard",
                "learning_codex: execution_loop=execution.standard planning_loop=planning.standard",
                "learning_pi: execution_loop=execution.standard planning_loop=planning.standard",
                "standard_plain -> default_codex (compatibility alias)"), r.lines());
        assertEquals("alias_of: default_codex\nmode_id: default_codex\nexecution_loop_id: execution.standard\n"
                + "planning_loop_id: planning.standard\n", cli.run("modes", "show", "standard_plain").out());
        assertEquals("learning.standard", cli.run("modes", "show", "learning_codex").get("learning_loop_id"));
        assertEquals(4, cli.run("modes", "list", "--json").json().get("modes").size());
        Cli.Result unknown = cli.run("modes", "show", "nope");
        assertEquals(1, unknown.code());
        assertTrue(unknown.err().startsWith("error: unknown mode: nope"), unknown.err());
        assertEquals(2, cli.run("modes", "list", "--workspace", w.toString()).code());
    }
}
