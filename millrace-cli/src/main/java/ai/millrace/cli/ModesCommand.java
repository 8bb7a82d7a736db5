package ai.millrace.cli;

import ai.millrace.api.Plane;
import ai.millrace.api.asset.ModeDefinition;
import ai.millrace.cli.internal.Report;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code millrace modes list|show}: the modes this build knows (no workspace needed). */
@Command(name = "modes", mixinStandardHelpOptions = true, description = "List the modes, or show one.",
        subcommands = {ModesCommand.ListModes.class, ModesCommand.Show.class})
final class ModesCommand {
    static final Map<String, String> ALIASES = Map.of("standard_plain", "default_codex");

    static Map<String, ModeDefinition> modes() {
        return new TreeMap<>(Workspace.plugins().modes());
    }

    /** {@code modes list}. */
    @Command(name = "list", aliases = "ls", mixinStandardHelpOptions = true, description = "List the modes.")
    static final class ListModes implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        JsonOption json;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Map<String, ModeDefinition> modes = modes();
            if (json.json) {
                List<Object> all = new ArrayList<>();
                modes.values().forEach(m -> all.add(describe(m, null).toJson()));
                Map<String, Object> root = new LinkedHashMap<>();
                root.put("modes", all);
                root.put("aliases", new TreeMap<>(ALIASES));
                JsonOption.printJson(root, out);
                return 0;
            }
            for (ModeDefinition m : modes.values()) {
                out.println(m.modeId() + ": execution_loop=" + m.loopIdsByPlane().get(Plane.EXECUTION)
                        + " planning_loop=" + m.loopIdsByPlane().get(Plane.PLANNING));
            }
            new TreeMap<>(ALIASES).forEach((alias, target) -> out.println(alias + " -> " + target + " (compatibility alias)"));
            return 0;
        }
    }

    /** {@code modes show MODE_ID}. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one mode's loops.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        JsonOption json;

        @Parameters(paramLabel = "MODE_ID", description = "A mode id or alias.")
        String modeId;

        @Override
        public Integer call() {
            String target = ALIASES.get(modeId);
            ModeDefinition m = modes().get(target != null ? target : modeId);
            if (m == null) {
                throw new CliFailure("unknown mode: " + modeId, "`millrace modes list` lists the modes");
            }
            json.print(describe(m, target), spec.commandLine().getOut());
            return 0;
        }
    }

    static Report describe(ModeDefinition m, String aliasOf) {
        Report r = new Report();
        if (aliasOf != null) {
            r.put("alias_of", aliasOf);
        }
        r.put("mode_id", m.modeId());
        r.put("execution_loop_id", m.loopIdsByPlane().get(Plane.EXECUTION));
        r.put("planning_loop_id", m.loopIdsByPlane().get(Plane.PLANNING));
        String learning = m.loopIdsByPlane().get(Plane.LEARNING);
        if (learning != null) {
            r.put("learning_loop_id", learning);
        } else {
            r.jsonOnly("learning_loop_id", null);
        }
        return r;
    }
}
