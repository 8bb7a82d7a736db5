package ai.millrace.core.engine;

import ai.millrace.core.IdGenerator;
import ai.millrace.core.Millrace;
import ai.millrace.core.MillraceRuntime;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Child JVM for {@link NextStageAheadTest}: runs ticks over the workspace and halts without
 * closing, as a process killed between two ticks would. Exits with {@link #HALTED} after the
 * ticks, 1 when one ran no stage. Args: workspace root, number of ticks (default 1).
 */
public final class OneTickThenHaltChild {
    static final int HALTED = 42;

    private OneTickThenHaltChild() {
    }

    public static void main(String[] args) {
        ScriptRunner runner = new ScriptRunner(Clock.systemUTC(), new Scripts());
        MillraceRuntime runtime = Millrace.builder().workspace(Path.of(args[0])).runAllStagesWith(runner)
                .discoverPlugins(false).statePublishInterval(Duration.ZERO).ids(IdGenerator.random()).build();
        int ticks = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        boolean ran = true;
        for (int i = 0; i < ticks && ran; i++) {
            ran = runtime.tick().ranStage();
        }
        Runtime.getRuntime().halt(ran ? HALTED : 1); // no close, no shutdown hooks
    }
}
