package ai.millrace.benchmarks;

import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
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
 * The floor every durable transition is compared against: one atomic replace of a runtime
 * snapshot (serialize, temp file, fsync, rename, fsync of the folder), and the same without fsync.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class AtomicWriteBenchmark {
    @Param({"durable", "no_fsync"})
    public String durability;

    private Path dir;
    private Path target;
    private AtomicFiles files;
    private RuntimeSnapshot snapshot;

    /** Creates a scratch folder and a realistic snapshot. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("millrace-bench-atomic");
        target = dir.resolve("runtime_snapshot.json");
        files = "durable".equals(durability) ? AtomicFiles.DURABLE : AtomicFiles.NO_FSYNC;
        snapshot = RuntimeSnapshot.builder().activeModeId("default_codex").compiledPlanId("plan-default_codex-0")
                .executionLoopId("execution.standard").planningLoopId("planning.standard")
                .executionStatusMarker("### IDLE").planningStatusMarker("### IDLE")
                .updatedAt(Instant.parse("2026-01-01T00:00:00Z")).build();
    }

    /** Removes the scratch folder. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Serializes and atomically replaces the snapshot file. */
    @Benchmark
    public void writeSnapshot() {
        files.write(target, MillraceJson.writeBytes(snapshot));
    }
}
