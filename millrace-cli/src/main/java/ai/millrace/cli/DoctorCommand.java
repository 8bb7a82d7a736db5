package ai.millrace.cli;

import ai.millrace.core.doctor.Doctor;
import ai.millrace.core.doctor.DoctorFinding;
import ai.millrace.core.doctor.DoctorReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code millrace doctor}: read-only workspace checks (spec 02 section 7.3); {@code --repair}
 * first makes the safe repairs. Runs on workspaces that are not (fully) initialized too: finding
 * what is missing is its job. Exit 1 when any error is found.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check a workspace for problems (read-only unless --repair); exit 1 when errors are found.")
final class DoctorCommand implements Callable<Integer> {
    private final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Mixin
    WorkspaceOption ws;

    @Mixin
    JsonOption json;

    @Option(names = "--repair", description = "Make the safe repairs first (never while a live runtime owns the workspace).")
    boolean repair;

    DoctorCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        Path root = ws.root();
        Doctor doctor = Doctor.builder().clock(env.clock()).plugins(Workspace.plugins()).build();
        DoctorReport report = repair ? doctor.repair(root) : doctor.check(root);
        PrintWriter out = spec.commandLine().getOut();
        if (json.json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("ok", report.ok());
            j.put("errors", report.errors().size());
            j.put("warnings", report.warnings().size());
            List<Object> findings = new ArrayList<>();
            for (DoctorFinding f : report.findings()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("code", f.code());
                one.put("severity", f.severity().wireName());
                one.put("path", f.path());
                one.put("message", f.message());
                one.put("fix", f.fix());
                findings.add(one);
            }
            j.put("findings", findings);
            j.put("repairs", report.repairs());
            JsonOption.printJson(j, out);
        } else {
            report.lines().forEach(out::println);
        }
        return report.ok() ? 0 : 1;
    }
}
