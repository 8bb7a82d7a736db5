package ai.millrace.core.engine;

import ai.millrace.api.spi.RuntimeListener;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.Millrace;
import ai.millrace.core.MillraceRuntime;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Child JVM for {@link DaemonKillNineTest}: runs the daemon over a workspace with a scripted runner
 * that takes real time per stage, printing a progress line when a stage begins, when its runner
 * returns, and when the runtime has applied its result, so the parent can kill it anywhere.
 * Prints {@code idle} and exits once there is nothing left to do. Args: workspace root, stage
 * milliseconds.
 */
public final class DaemonKillChild {
    private DaemonKillChild() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        Path root = Path.of(args[0]);
        long stageNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[1]));
        Clock clock = Clock.systemUTC();
        ScriptRunner runner = new ScriptRunner(clock, request -> {
            out.println("begin " + request.stage().value() + " " + request.activeWorkItemId() + " "
                    + request.requestId());
            long until = System.nanoTime() + stageNanos;
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // real work takes real time
            }
            out.println("end " + request.stage().value() + " " + request.activeWorkItemId() + " "
                    + request.requestId());
            return request.legalTerminalMarkers().get(0);
        });
        CountDownLatch idle = new CountDownLatch(1);
        RuntimeListener progress = event -> {
            switch (event.eventType()) {
                case "stage_completed":
                    out.println("applied " + event.data().get("stage") + " " + event.data().get("work_item_id"));
                    break;
                case "runtime_tick_idle":
                    idle.countDown();
                    break;
                default:
                    break;
            }
        };
        MillraceRuntime runtime = Millrace.builder().workspace(root).runAllStagesWith(runner).discoverPlugins(false)
                .clock(clock).ids(IdGenerator.random()).listener(progress).build();
        runtime.startup();
        out.println("started");
        runtime.start();
        idle.await();
        runtime.close();
        out.println("idle");
        System.exit(0);
    }
}
