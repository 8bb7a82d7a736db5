package ai.millrace.cli;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.core.internal.workspace.MillraceVersion;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code millrace} command tree, for running in-process (tests, embedders) as well as from
 * {@link Main}.
 *
 * <p>Exit codes: 0 the command succeeded, 1 it failed (printed as {@code error: ...}, with a
 * {@code hint: ...} line where one helps), 2 the command line was wrong. Stack traces are printed
 * only with {@code --debug}.
 */
public final class MillraceCli {
    /** The command succeeded. */
    public static final int OK = 0;
    /** The command failed. */
    public static final int FAILED = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;

    /** Every top-level command, in help order; the last ones are the original's shortcuts. */
    private static final Map<String, Class<?>> TOP_LEVEL = topLevel();

    private MillraceCli() {
    }

    private static Map<String, Class<?>> topLevel() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("demo", DemoCommand.class);
        m.put("init", InitCommand.class);
        m.put("status", StatusCommand.class);
        m.put("run", RunCommand.class);
        m.put("runs", RunsCommand.class);
        m.put("queue", QueueCommand.class);
        m.put("control", ControlCommand.class);
        m.put("planning", PlanningCommand.class);
        m.put("config", ConfigCommand.class);
        m.put("compile", CompileCommand.class);
        m.put("modes", ModesCommand.class);
        m.put("skills", SkillsCommand.class);
        m.put("doctor", DoctorCommand.class);
        m.put("upgrade", UpgradeCommand.class);
        m.put("version", VersionCommand.class);
        m.put("add-task", QueueCommand.AddTask.class);
        m.put("add-spec", QueueCommand.AddSpec.class);
        m.put("add-idea", QueueCommand.AddIdea.class);
        m.put("pause", ControlCommand.Pause.class);
        m.put("resume", ControlCommand.Resume.class);
        m.put("stop", ControlCommand.Stop.class);
        m.put("reload-config", ControlCommand.ReloadConfig.class);
        m.put("retry-active", ControlCommand.RetryActive.class);
        m.put("clear-stale-state", ControlCommand.ClearStaleState.class);
        m.put("cds-train", TrainCommand.class);
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * Runs one command line.
     *
     * @param env the environment
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit code
     */
    public static int execute(CliEnvironment env, PrintWriter out, PrintWriter err, String... args) {
        Integer fast = StatusFastPath.tryRun(env, out, err, args);
        if (fast != null) {
            return fast;
        }
        CommandLine cl = commandLine(env, args);
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Builds the command tree.
     *
     * @param env the environment
     * @return the command line, with error handlers installed
     */
    public static CommandLine commandLine(CliEnvironment env) {
        return commandLine(env, new String[0]);
    }

    /**
     * Builds the command tree for one command line: only the invoked top-level command when it
     * is a known one (picocli builds every command's model eagerly, and start-up time matters for
     * a command line), the whole tree otherwise (help, unknown commands).
     *
     * @param env the environment
     * @param args the arguments about to be executed
     * @return the command line, with error handlers installed
     */
    public static CommandLine commandLine(CliEnvironment env, String[] args) {
        IFactory factory = new EnvFactory(env);
        CommandLine cl = new CommandLine(new Root(), factory);
        String first = null;
        for (String a : args) {
            if (!a.startsWith("-")) {
                first = a;
                break;
            }
        }
        Map<String, Class<?>> all = TOP_LEVEL;
        if (first != null && all.containsKey(first)) {
            cl.addSubcommand(first, new CommandLine(all.get(first), factory));
        } else {
            all.forEach((name, type) -> cl.addSubcommand(name, new CommandLine(type, factory)));
        }
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    /** The root command. */
    @Command(name = "millrace", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Operate a Millrace workspace: durable work queues, a frozen plan, one stage per plane per tick.",
            footerHeading = "%nExit codes:%n",
            footer = {"  0  the command succeeded",
                    "  1  the command failed (error: and hint: lines on standard error)",
                    "  2  usage error (unknown command or option, missing or bad argument)",
                    "",
                    "Output is key: value lines as the original millrace printed them; read commands take --json.",
                    "Get started: millrace demo"})
    static final class Root implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Log INFO messages to standard error.")
        boolean verbose;

        @Option(names = "--debug", scope = ScopeType.INHERIT,
                description = "Log DEBUG messages and print stack traces of failures.")
        boolean debug;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            err.println("Missing command");
            spec.commandLine().usage(err);
            return USAGE;
        }
    }

    /** Prints {@code millrace <version>}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"millrace " + MillraceVersion.CURRENT};
        }
    }

    /** Builds commands, handing the environment to those that take it. */
    private static final class EnvFactory implements IFactory {
        private final CliEnvironment env;
        private final IFactory fallback = CommandLine.defaultFactory();

        EnvFactory(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> c = cls.getDeclaredConstructor(CliEnvironment.class);
                c.setAccessible(true);
                return c.newInstance(env);
            } catch (NoSuchMethodException e) {
                return fallback.create(cls);
            }
        }
    }

    private static boolean debug(CommandLine cl) {
        CommandLine root = cl;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        ParseResult pr = root.getParseResult();
        return pr != null && pr.hasMatchedOption("--debug") || ((Root) root.getCommand()).debug;
    }

    /** Failures of a running command: {@code error: ...}, exit 1. */
    static final class ErrorHandler implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
            return report(ex, cl.getErr(), debug(cl));
        }

        /** Prints a failure as {@code error:} and {@code hint:} lines; the stack trace only when debugging. */
        static int report(Exception ex, PrintWriter err, boolean debug) {
            if (ex instanceof CliFailure) {
                CliFailure f = (CliFailure) ex;
                err.println("error: " + f.getMessage());
                if (f.hint() != null) {
                    err.println("hint: " + f.hint());
                }
            } else if (ex instanceof MillraceException) {
                MillraceException m = (MillraceException) ex;
                err.println("error: [" + m.errorCode().code() + "] " + m.detail());
                String hint = hint(m.errorCode());
                if (hint != null) {
                    err.println("hint: " + hint);
                }
            } else {
                err.println("error: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
                if (!debug) {
                    err.println("hint: run again with --debug for the stack trace");
                }
            }
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return FAILED;
        }

        static String hint(ErrorCode code) {
            switch (code) {
                case CONFIG_INVALID:
                    return "fix millrace-agents/millrace.toml; `millrace config validate` checks it";
                case COMPILE_FAILED:
                    return "`millrace compile validate` prints the compile diagnostics";
                case WORKSPACE_LOCKED:
                    return "`millrace status` shows the owner; `millrace clear-stale-state` removes a stale lock";
                case RUNNER_NOT_FOUND:
                    return "this build ships the runners codex_cli and pi_rpc; `millrace demo` runs without a model";
                case WORKSPACE_INVALID:
                    return "`millrace init --workspace <path>` creates or repairs a workspace";
                default:
                    return null;
            }
        }
    }

    /** Command line mistakes: {@code error: ...} and a hint, exit 2. */
    static final class UsageErrorHandler implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cl = ex.getCommandLine();
            PrintWriter err = cl.getErr();
            err.println("error: " + ex.getMessage());
            if (ex.getMessage() != null && ex.getMessage().startsWith("Missing required subcommand")) {
                cl.usage(err);
            } else {
                err.println("hint: run `" + cl.getCommandSpec().qualifiedName() + " --help` for usage");
            }
            err.flush();
            return USAGE;
        }
    }
}
