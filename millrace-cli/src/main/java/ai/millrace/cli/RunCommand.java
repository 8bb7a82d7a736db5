package ai.millrace.cli;

import ai.millrace.api.ResultClass;
import ai.millrace.api.config.MillraceConfig;
import ai.millrace.api.plan.CompiledRunPlan;
import ai.millrace.api.spi.RuntimeListener;
import ai.millrace.core.Millrace;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.TickResult;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code millrace run once|daemon}. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the runtime: one tick, or the daemon.",
        subcommands = {RunCommand.Once.class, RunCommand.Daemon.class})
final class RunCommand {
    private static final Set<String> FAILING_CLASSES = Set.of("runner_transport_failure", "provider_failure");

    /** Options shared by both run commands. */
    static final class RunOptions {
        @Option(names = "--mode", paramLabel = "ID", description = "Compile this mode instead of runtime.default_mode.")
        String mode;

        @Option(names = "--config", paramLabel = "PATH", description = "Read this configuration file instead of millrace.toml.")
        String config;
    }

    static MillraceRuntime build(CliEnvironment env, WorkspacePaths paths, RunOptions options, List<RuntimeListener> listeners) {
        Path override = options.config == null ? null : WorkspaceOption.resolve(options.config);
        if (override != null && !Files.isRegularFile(override)) {
            throw new CliFailure("config file does not exist: " + override);
        }
        MillraceConfig config = new Workspace(paths, env.clock()).config(override);
        Millrace.Builder b = Millrace.builder().workspace(paths.workspaceRoot()).config(config).mode(options.mode)
                .plugins(Workspace.plugins()).clock(env.clock());
        listeners.forEach(b::listener);
        return b.build();
    }

    /** {@code millrace run once}: start up, one tick, close. */
    @Command(name = "once", mixinStandardHelpOptions = true, description = "Run one tick (at most one stage) and exit.")
    static final class Once implements Callable<Integer> {
        private final CliEnvironment env;

        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Mixin
        RunOptions options;

        Once(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            TickResult tick;
            CompiledRunPlan plan;
            try (MillraceRuntime runtime = build(env, paths, options, List.of())) {
                runtime.startup();
                plan = runtime.plan();
                tick = runtime.tick();
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("run_mode: once");
            out.println("active_mode_id: " + plan.modeId());
            out.println("mode_override: " + (options.mode == null ? "none" : options.mode));
            out.println("compiled_plan_id: " + plan.compiledPlanId());
            out.println("tick_reason: " + tick.reason());
            if (tick.result() != null) {
                Object failure = tick.result().metadata().get("failure_class");
                if (failure != null && FAILING_CLASSES.contains(failure.toString())
                        || tick.result().resultClass() == ResultClass.RECOVERABLE_FAILURE) {
                    return 1;
                }
            }
            return 0;
        }
    }

    /**
     * {@code millrace run daemon}. Without {@code --max-ticks} it runs the daemon supervisor until
     * a stop command (or Ctrl-C); with {@code --max-ticks N} it runs N cycles back to back, each
     * applying the mailbox and running at most one stage, then exits: deterministic, no sleeping.
     */
    @Command(name = "daemon", mixinStandardHelpOptions = true,
            description = "Run the daemon until stopped (millrace stop), or for --max-ticks cycles.")
    static final class Daemon implements Callable<Integer> {
        private final CliEnvironment env;

        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Mixin
        RunOptions options;

        @Option(names = "--monitor", paramLabel = "none|basic", defaultValue = "none",
                description = "Print a line per runtime event (basic) or nothing (none). Default: ${DEFAULT-VALUE}.")
        String monitor;

        @Option(names = "--monitor-log", paramLabel = "FILE", description = "Append monitor lines to this file.")
        String monitorLog;

        @Option(names = "--max-ticks", paramLabel = "N", description = "Stop after N cycles (N >= 1).")
        Integer maxTicks;

        Daemon(CliEnvironment env) {
            this.env = env;
        }

        @Override
        public Integer call() throws Exception {
            CountDownLatch finished = new CountDownLatch(1);
            try {
                return daemon(finished);
            } finally {
                finished.countDown(); // lets a Ctrl-C shutdown hook end the JVM once the summary is out
            }
        }

        private int daemon(CountDownLatch finished) throws Exception {
            String mode = monitor.toLowerCase(Locale.ROOT);
            if (!mode.equals("none") && !mode.equals("basic")) {
                throw new CliFailure("unknown monitor mode: " + monitor, "use --monitor none or --monitor basic");
            }
            if (maxTicks != null && maxTicks < 1) {
                throw new ParameterException(spec.commandLine(), "--max-ticks must be at least 1");
            }
            WorkspacePaths paths = ws.requireInitialized();
            PrintWriter out = spec.commandLine().getOut();
            List<PrintWriter> sinks = new ArrayList<>();
            if (mode.equals("basic")) {
                sinks.add(out);
            }
            PrintWriter log = null;
            if (monitorLog != null) {
                Path file = WorkspaceOption.resolve(monitorLog);
                try {
                    if (file.getParent() != null) {
                        Files.createDirectories(file.getParent());
                    }
                    log = new PrintWriter(new OutputStreamWriter(Files.newOutputStream(file, StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND), StandardCharsets.UTF_8), true);
                } catch (IOException e) {
                    throw new CliFailure("cannot open monitor log " + file + ": " + e.getMessage());
                }
                sinks.add(log);
            }
            List<RuntimeListener> listeners = new ArrayList<>();
            if (!sinks.isEmpty()) {
                listeners.add(new BasicMonitor(sinks));
            }
            AtomicInteger cycles = new AtomicInteger();
            // A daemon cycle ends idle (runtime_tick_idle/paused) or by applying a stage result.
            listeners.add(e -> {
                if (Set.of("runtime_tick_idle", "runtime_tick_paused", "stage_completed").contains(e.eventType())) {
                    cycles.incrementAndGet();
                }
            });
            AtomicBoolean interrupted = new AtomicBoolean();
            CompiledRunPlan plan;
            int ticks;
            try (MillraceRuntime runtime = build(env, paths, options, listeners)) {
                runtime.startup();
                plan = runtime.plan();
                if (maxTicks != null) {
                    for (ticks = 0; ticks < maxTicks; ticks++) {
                        runtime.tick();
                    }
                } else {
                    ticks = runUntilStopped(runtime, cycles, interrupted, finished);
                }
            } finally {
                if (log != null) {
                    log.close();
                }
            }
            if (interrupted.get()) {
                out.println("interrupted: true");
            }
            out.println("run_mode: daemon");
            out.println("active_mode_id: " + plan.modeId());
            out.println("mode_override: " + (options.mode == null ? "none" : options.mode));
            out.println("compiled_plan_id: " + plan.compiledPlanId());
            out.println("ticks: " + ticks);
            return 0;
        }

        private static int runUntilStopped(MillraceRuntime runtime, AtomicInteger cycles, AtomicBoolean interrupted,
                CountDownLatch finished) throws InterruptedException {
            Thread hook = new Thread(() -> {
                interrupted.set(true);
                runtime.stop();
                try {
                    finished.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "millrace-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                runtime.start();
                while (!runtime.awaitTermination(Duration.ofSeconds(1))) {
                    // The daemon ends on a stop command, an error, or the shutdown hook's stop().
                }
                return cycles.get();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // Shutting down: the hook is running.
                }
            }
        }
    }
}
