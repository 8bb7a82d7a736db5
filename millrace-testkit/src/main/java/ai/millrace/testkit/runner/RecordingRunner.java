package ai.millrace.testkit.runner;

import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.spi.StageRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Wraps a runner and records every request it receives, with what the runner returned or threw.
 * Use it around a {@link ScriptedRunner}, or around a real harness to see what the runtime asked.
 *
 * <pre>{@code
 * RecordingRunner recorder = RecordingRunner.wrap(ScriptedRunner.create());
 * ... run the runtime with it ...
 * assertEquals(List.of("builder", "checker", "updater"), recorder.stagesFor("t1"));
 * }</pre>
 *
 * <p>Thread-safe: calls may come from several worker threads; the recorded list is in the order
 * the calls returned. {@link #close()} closes the wrapped runner.
 */
public final class RecordingRunner implements StageRunner {
    private final StageRunner delegate;
    private final List<RecordedRun> runs = new CopyOnWriteArrayList<>();

    private RecordingRunner(StageRunner delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Wraps a runner.
     *
     * @param delegate the runner to call, never null
     * @return the recording runner, with the delegate's id
     */
    public static RecordingRunner wrap(StageRunner delegate) {
        return new RecordingRunner(delegate);
    }

    /**
     * Returns the wrapped runner.
     *
     * @return the delegate, never null
     */
    public StageRunner delegate() {
        return delegate;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    /**
     * Calls the wrapped runner and records the call; a throwable is recorded and rethrown.
     *
     * @param request the request, never null
     * @return what the wrapped runner returned
     */
    @Override
    public RunnerRawResult run(StageRunRequest request) {
        try {
            RunnerRawResult result = delegate.run(request);
            runs.add(new RecordedRun(request, result, null));
            return result;
        } catch (RuntimeException | Error e) {
            runs.add(new RecordedRun(request, null, e));
            throw e;
        }
    }

    /**
     * Returns every recorded call, oldest first.
     *
     * @return an immutable copy
     */
    public List<RecordedRun> runs() {
        return List.copyOf(runs);
    }

    /**
     * Returns every recorded request, oldest first.
     *
     * @return an immutable list
     */
    public List<StageRunRequest> requests() {
        List<StageRunRequest> out = new ArrayList<>();
        for (RecordedRun run : runs) {
            out.add(run.request());
        }
        return List.copyOf(out);
    }

    /**
     * Returns the stage names of every call, oldest first.
     *
     * @return an immutable list, such as {@code [builder, checker, updater]}
     */
    public List<String> stages() {
        List<String> out = new ArrayList<>();
        for (RecordedRun run : runs) {
            out.add(run.stage());
        }
        return List.copyOf(out);
    }

    /**
     * Returns the stage names of the calls for one work item, oldest first.
     *
     * @param workItemId the work item id, never null
     * @return an immutable list
     */
    public List<String> stagesFor(String workItemId) {
        Objects.requireNonNull(workItemId, "workItemId");
        List<String> out = new ArrayList<>();
        for (RecordedRun run : runs) {
            if (workItemId.equals(run.workItemId())) {
                out.add(run.stage());
            }
        }
        return List.copyOf(out);
    }

    /**
     * Returns the most recent call.
     *
     * @return the call
     * @throws IllegalStateException when nothing was recorded
     */
    public RecordedRun last() {
        List<RecordedRun> copy = runs();
        if (copy.isEmpty()) {
            throw new IllegalStateException("the runner was never called");
        }
        return copy.get(copy.size() - 1);
    }

    /**
     * Returns how many calls were recorded.
     *
     * @return the count
     */
    public int count() {
        return runs.size();
    }

    /** Forgets every recorded call. */
    public void clear() {
        runs.clear();
    }

    /** Closes the wrapped runner. */
    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "RecordingRunner[" + delegate + ", " + runs.size() + " calls]";
    }
}
