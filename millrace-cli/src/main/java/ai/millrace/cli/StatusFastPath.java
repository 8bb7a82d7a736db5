package ai.millrace.cli;

import java.io.PrintWriter;

/**
 * Runs {@code millrace --version} and the plain forms of {@code millrace status} ({@code status [show] [--workspace W] [--json]})
 * without building the picocli model, which costs a good part of a second-long start-up budget
 * for the command scripts poll most. Any other form, including help and mistakes, goes through
 * picocli as usual, so behaviour and messages are the same either way.
 */
final class StatusFastPath {
    private StatusFastPath() {
    }

    /**
     * Runs the command when it is a plain status form.
     *
     * @return the exit code, or null when picocli must handle the command line
     */
    static Integer tryRun(CliEnvironment env, PrintWriter out, PrintWriter err, String[] args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V") || args[0].equals("version"))) {
            out.println(new MillraceCli.VersionProvider().getVersion()[0]);
            out.flush();
            return MillraceCli.OK;
        }
        if (args.length == 0 || !args[0].equals("status")) {
            return null;
        }
        int i = 1;
        if (i < args.length && args[i].equals("show")) {
            i++;
        }
        WorkspaceOption ws = new WorkspaceOption();
        JsonOption json = new JsonOption();
        boolean sawWorkspace = false;
        boolean debug = false;
        for (; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--json") && !json.json) {
                json.json = true;
            } else if (a.equals("--workspace") && !sawWorkspace && i + 1 < args.length && !args[i + 1].startsWith("-")) {
                ws.workspace = args[++i];
                sawWorkspace = true;
            } else if (a.startsWith("--workspace=") && !sawWorkspace && a.length() > "--workspace=".length()) {
                ws.workspace = a.substring("--workspace=".length());
                sawWorkspace = true;
            } else if ((a.equals("--verbose") || a.equals("--debug"))) {
                debug |= a.equals("--debug");
            } else {
                return null;
            }
        }
        try {
            json.print(StatusReport.build(new Workspace(ws.requireInitialized(), env.clock())), out);
            out.flush();
            return MillraceCli.OK;
        } catch (Exception e) {
            int code = MillraceCli.ErrorHandler.report(e, err, debug);
            err.flush();
            return code;
        }
    }
}
