package ai.millrace.benchmarks;

import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.run.RequestKind;
import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.Millrace;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.TickResult;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.internal.journal.Transition;
import ai.millrace.core.internal.journal.TransitionContext;
import ai.millrace.core.internal.journal.TransitionRunner;
import ai.millrace.core.internal.queue.ClaimedDocument;
import ai.millrace.core.internal.queue.DocumentCodec;
import ai.millrace.core.internal.queue.QueueStore;
import ai.millrace.core.internal.state.Snapshots;
import ai.millrace.core.internal.state.StateStore;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspaceInitializer;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the runtime's tick path over a real workspace on disk:
 *
 * <ul>
 *   <li>{@code idleTick}: a serial tick with nothing to do (mailbox check, claim attempt on every
 *       plane, queue rescan, idle event);</li>
 *   <li>{@code stageTick}: one tick that starts one stage on an in-process runner answering at
 *       once and applies its result (the result journaled with the next stage's dispatch or the
 *       next claim, runner, normalization, routing, events), durable and with
 *       {@code durableWrites(false)}; averaged over the three ticks of a task, on one runtime
 *       that runs for the whole trial;</li>
 *   <li>{@code claim}: the claim path among 10, 10,000 and 100,000 queued tasks (index lookup,
 *       re-read of the picked document, the journaled activation transition: move to
 *       {@code active/} plus snapshot), followed by the requeue that restores the queue so every
 *       invocation sees the same depth; {@code claimLookup} is the lookup alone.</li>
 * </ul>
 * Run with {@link AtomicWriteBenchmark} as the floor.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class TickBenchmark {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /**
     * A runner that answers every stage at once with its success marker and does no work of its
     * own: its answer for a marker is a stdout file written once, under {@code answers/}, and
     * handed back for every stage that ends with that marker. So a stage tick measures the
     * runtime's transition, not a runner's output (a runner that wrote a fresh stdout file per
     * stage added 90 to 550 µs on this machine's disk, one new file in a new run folder).
     */
    static final class InstantRunner implements StageRunner {
        private final Path answers;
        private final Map<String, String> byMarker = new java.util.concurrent.ConcurrentHashMap<>();

        InstantRunner(Path answers) {
            this.answers = answers;
        }

        @Override
        public String id() {
            return "instant";
        }

        @Override
        public RunnerRawResult run(StageRunRequest request) {
            String marker = request.legalTerminalMarkers().get(0);
            String stdout = byMarker.computeIfAbsent(marker, m -> {
                try {
                    Files.createDirectories(answers);
                    Path file = answers.resolve(m.replaceAll("[^A-Za-z0-9]", "") + ".txt");
                    Files.writeString(file, m + "\n");
                    return file.toString();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            Instant now = Instant.now();
            return RunnerRawResult.builder().requestId(request.requestId()).runId(request.runId())
                    .stage(request.stage()).runnerName(id()).exitKind(RunnerExitKind.COMPLETED).exitCode(0)
                    .stdoutPath(stdout).startedAt(now).endedAt(now).build();
        }
    }

    static TaskDocument task(String id, int seconds) {
        return TaskDocument.builder().taskId(id).title("Task " + id).createdAt(T0.plusSeconds(seconds))
                .createdBy("bench").targetPaths(List.of("src/" + id)).acceptance(List.of("it works"))
                .requiredChecks(List.of("mvn test")).references(List.of("README.md")).risk(List.of("low")).build();
    }

    static Path workspace(String prefix, int tasks) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        WorkspaceInitializer.builder().build().init(dir);
        WorkspacePaths paths = WorkspacePaths.of(dir);
        for (int i = 0; i < tasks; i++) {
            TaskDocument t = task(String.format("task-%06d", i), i);
            Files.writeString(paths.documentFile(WorkItemKind.TASK, QueueState.QUEUED, t.taskId()),
                    WorkDocumentMarkdown.render(t));
        }
        return dir;
    }

    /**
     * Flushes the whole file system before measuring. Setup writes thousands of task files just
     * before an iteration; without this their write-back competes with the measured syncs, so
     * the figures would charge the setup to the tick (where {@code sync} is missing, nothing
     * happens).
     */
    static void settleDisk() {
        try {
            new ProcessBuilder("sync").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            // No sync command here: measure as is.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void delete(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static MillraceRuntime runtime(Path dir, boolean durable) {
        return runtime(dir, durable, Millrace.DEFAULT_STATE_PUBLISH_INTERVAL);
    }

    static MillraceRuntime runtime(Path dir, boolean durable, Duration publishInterval) {
        MillraceRuntime runtime = Millrace.builder().workspace(dir).runAllStagesWith(new InstantRunner(dir.resolve("answers")))
                .discoverPlugins(false).ids(IdGenerator.random()).durableWrites(durable)
                .statePublishInterval(publishInterval).build();
        runtime.startup();
        return runtime;
    }

    /** An idle runtime over an empty workspace. */
    @State(Scope.Benchmark)
    public static class Idle {
        @Param({"durable", "no_fsync"})
        public String durability;
        Path dir;
        MillraceRuntime runtime;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = workspace("millrace-bench-idle", 0);
            runtime = runtime(dir, "durable".equals(durability));
            settleDisk();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            runtime.close();
            delete(dir);
        }
    }

    /**
     * One runtime over one workspace for the whole trial, as a daemon runs for hours; before each
     * iteration its queue is topped up (through {@code addTask}, outside the measurement) to
     * enough tasks for the iteration. {@code publication} is the state-file publication interval:
     * the default (100 ms) or every tick.
     *
     * <p>Why not a new workspace and runtime per iteration: the first few hundred stages over a
     * brand-new workspace measured 2.4 to 3.8 ms a stage where the same runtime later measured
     * 1.3 to 1.5 ms (fresh folders, a journal regrowing from its first chunk), which is start-up
     * cost, not the cost of a stage transition.
     */
    @State(Scope.Benchmark)
    public static class Stages {
        @Param({"durable", "no_fsync"})
        public String durability;
        @Param({"default", "every_tick"})
        public String publication;
        Path dir;
        MillraceRuntime runtime;
        int added;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = workspace("millrace-bench-stage", 0);
            runtime = runtime(dir, "durable".equals(durability), "every_tick".equals(publication) ? Duration.ZERO
                    : Millrace.DEFAULT_STATE_PUBLISH_INTERVAL);
        }

        @Setup(Level.Iteration)
        public void topUp() throws IOException {
            int wanted = "durable".equals(durability) ? 1500 : 6000;
            int queued;
            try (Stream<Path> files = Files.list(WorkspacePaths.of(dir).queueDir(WorkItemKind.TASK, QueueState.QUEUED))) {
                queued = (int) files.count();
            }
            for (int i = queued; i < wanted; i++) {
                runtime.addTask(task(String.format("task-%07d", added), added));
                added++;
            }
            settleDisk();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            runtime.close();
            delete(dir);
        }
    }

    /**
     * A durable runtime that has just run ten tasks (thirty stages) and not yet checkpointed;
     * rebuilt for every invocation, outside the measurement.
     */
    @State(Scope.Thread)
    public static class AfterTenTasks {
        Path dir;
        MillraceRuntime runtime;

        @Setup(Level.Invocation)
        public void setUp() throws IOException {
            dir = workspace("millrace-bench-checkpoint", 10);
            runtime = runtime(dir, true);
            for (int i = 0; i < 30; i++) {
                if (!runtime.tick().ranStage()) {
                    throw new IllegalStateException("expected thirty stages");
                }
            }
        }

        @TearDown(Level.Invocation)
        public void tearDown() throws IOException {
            runtime.close();
            delete(dir);
        }
    }

    /** The queue and journal of a workspace holding {@code queued} tasks, built once per trial. */
    @State(Scope.Benchmark)
    public static class Claims {
        @Param({"10", "10000", "100000"})
        public int queued;
        Path dir;
        QueueStore queues;
        TransitionRunner transitions;
        RuntimeSnapshot idle;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = workspace("millrace-bench-claim", queued);
            WorkspacePaths paths = WorkspacePaths.of(dir);
            Clock clock = Clock.systemUTC();
            queues = QueueStore.open(paths, DocumentCodec.standard(), AtomicFiles.DURABLE, clock);
            StateStore state = new StateStore(paths, AtomicFiles.DURABLE);
            transitions = new TransitionRunner(new TransitionContext(paths, queues, state, AtomicFiles.DURABLE), clock,
                    null);
            idle = state.loadSnapshot().orElseThrow();
            settleDisk();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            delete(dir);
        }
    }

    @Benchmark
    public TickResult idleTick(Idle s) {
        return s.runtime.tick();
    }

    // The tick path keeps the JIT compiling for several thousand stages (measured: 2.6 ms a stage
    // over the first 1,500, 1.2 to 1.5 ms from 4,500 on), so it warms up for fifteen seconds.
    @Benchmark
    @Warmup(iterations = 15, time = 1)
    @Measurement(iterations = 5, time = 1)
    public TickResult stageTick(Stages s) {
        TickResult r = s.runtime.tick();
        if (!r.ranStage()) {
            throw new IllegalStateException("ran out of tasks: " + r.reason());
        }
        return r;
    }

    /**
     * The idle tick after thirty stages: it checkpoints (forces every file the stages wrote and
     * empties the journal). Divided by thirty, the share of a checkpoint in one stage.
     */
    @Benchmark
    @Measurement(iterations = 10, batchSize = 1)
    @Warmup(iterations = 3, batchSize = 1)
    @BenchmarkMode(Mode.SingleShotTime)
    public TickResult checkpointAfterThirtyStages(AfterTenTasks s) {
        TickResult r = s.runtime.tick();
        if (r.ranStage()) {
            throw new IllegalStateException("expected an idle tick");
        }
        return r;
    }

    @Benchmark
    public String claim(Claims s) {
        ClaimedDocument doc = s.queues.nextCandidate(Plane.EXECUTION, null).orElseThrow();
        ActiveRunState run = ActiveRunState.builder().plane(Plane.EXECUTION).stage(StageId.BUILDER).nodeId("builder")
                .stageKindId("builder").runId("run-0123456789abcdef0123456789abcdef")
                .requestKind(RequestKind.ACTIVE_WORK_ITEM).workItemKind(WorkItemKind.TASK).workItemId(doc.id())
                .activeSince(T0).build();
        RuntimeSnapshot active = Snapshots.withActiveRuns(s.idle, Map.of(Plane.EXECUTION, run));
        s.transitions.run(Transition.named("activate_execution")
                .move(WorkItemKind.TASK, doc.id(), QueueState.QUEUED, QueueState.ACTIVE).snapshot(active).build());
        s.transitions.run(Transition.named("requeue").requeue(WorkItemKind.TASK, doc.id(), "benchmark")
                .snapshot(s.idle).build());
        return doc.id();
    }

    @Benchmark
    public ClaimedDocument claimLookup(Claims s) {
        return s.queues.nextCandidate(Plane.EXECUTION, null).orElseThrow();
    }
}
