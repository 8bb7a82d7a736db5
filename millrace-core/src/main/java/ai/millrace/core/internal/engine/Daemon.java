package ai.millrace.core.internal.engine;

import ai.millrace.api.Plane;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.RuntimeSnapshot;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon supervisor: runs each eligible plane's stage on a worker thread under the compiled
 * concurrency policy (serial by default), and applies every completion on its own thread, one at
 * a time. Between cycles it sleeps until something happens: a worker finishes, a mailbox command
 * or a work file arrives (a file-system watch), an in-process control call, or the idle timeout,
 * after which it rescans anyway because watch events can be lost.
 */
public final class Daemon {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    private static final Object WAKE = new Object();

    private final Engine engine;
    private final Duration idleSleep;
    private final BlockingQueue<Object> signals = new LinkedBlockingQueue<>();
    private final Map<Plane, Future<?>> workers = new EnumMap<>(Plane.class);
    private final Map<Plane, String> workerRuns = new EnumMap<>(Plane.class);
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "millrace-stage-worker");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;
    private volatile boolean abort;
    private Thread supervisor;
    private Thread watcher;
    private WatchService watchService;

    /**
     * Creates a daemon over a started or startable engine.
     *
     * @param engine the engine
     * @param idleSleep the longest wait between cycles when nothing happens
     */
    public Daemon(Engine engine, Duration idleSleep) {
        this.engine = engine;
        this.idleSleep = idleSleep;
    }

    /**
     * Starts the supervisor thread (and the file watch). The engine is started on the supervisor
     * thread; a start-up failure ends the daemon and is rethrown by {@link #awaitTermination}.
     */
    public synchronized void start() {
        if (supervisor != null) {
            return;
        }
        supervisor = new Thread(this::loop, "millrace-supervisor");
        supervisor.start();
    }

    /** Wakes the supervisor now (a control call or new work arrived). */
    public void wake() {
        signals.offer(WAKE);
    }

    /**
     * Asks the daemon to stop after the stages in flight finish; their results are applied.
     */
    public void stop() {
        stopping = true;
        wake();
    }

    /**
     * Stops at once: stages in flight are interrupted and their results not applied, so they are
     * settled as unknown outcomes at the next start, as after a crash.
     */
    public void abort() {
        abort = true;
        stopping = true;
        synchronized (workers) {
            workers.values().forEach(f -> f.cancel(true));
        }
        wake();
    }

    /**
     * Waits for the daemon to end.
     *
     * @param timeout how long to wait
     * @return true when it ended
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Tells whether the daemon has ended.
     *
     * @return true once the supervisor thread has finished
     */
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    private void loop() {
        try {
            engine.startup();
            startWatching();
            while (true) {
                engine.requireOwnership(); // taken over by another runtime: stop writing at once
                applyCompleted();
                if (abort) {
                    break;
                }
                engine.drain();
                cancelOrphanedWorkers();
                RuntimeSnapshot s = engine.snapshot();
                boolean stopNow = stopping || s.stopRequested();
                if (stopNow && workers.isEmpty()) {
                    if (s.stopRequested()) {
                        engine.tick(); // acts on stop_requested: clears it, marks the runtime stopped
                    }
                    break;
                }
                if (!stopNow && !s.paused()) {
                    dispatchReady();
                }
                // Whatever changed is published before waiting (at most once per publication
                // interval while stages run back to back); going idle publishes at once and
                // checkpoints the journal.
                if (workers.isEmpty() && engine.snapshot().activeRunsByPlane().isEmpty() && !stopNow) {
                    engine.events().emit("runtime_tick_idle", "reason", s.paused() ? "paused" : "no_work");
                    engine.publishNow();
                    engine.checkpointIfDirty();
                } else {
                    engine.publishState();
                }
                engine.withdrawPrepared(); // a next stage this round did not start (paused, stopping)
                waitForSignal();
            }
        } catch (RuntimeException e) {
            LOG.error("millrace daemon stopped by an error: {}", e.toString(), e);
            failure = e;
        } finally {
            stopWatching();
            pool.shutdownNow();
            terminated.countDown();
        }
    }

    private volatile RuntimeException failure;

    /**
     * Returns the error that ended the daemon, if any.
     *
     * @return the failure, or null after a clean stop
     */
    public RuntimeException failure() {
        return failure;
    }

    private void dispatchReady() {
        dispatchOnce();
        if (workers.isEmpty() && engine.snapshot().activeRunsByPlane().isEmpty() && engine.rescanQueues()) {
            dispatchOnce(); // Work files arrived from outside since the index was built.
        }
    }

    private void dispatchOnce() {
        // Pending stages of active runs first, foreground before learning.
        for (Plane plane : new Plane[] {Plane.PLANNING, Plane.EXECUTION, Plane.LEARNING}) {
            ActiveRunState run = engine.snapshot().activeRun(plane);
            if (run != null && !workers.containsKey(plane)
                    && PlaneConcurrency.mayStart(engine.plan().concurrencyPolicy(), plane, workers.keySet())) {
                launch(plane);
            }
        }
        // Then new work, under the same policy; busy = planes with runs or workers.
        for (Plane plane : new Plane[] {Plane.PLANNING, Plane.EXECUTION, Plane.LEARNING}) {
            Set<Plane> busy = EnumSet.noneOf(Plane.class);
            busy.addAll(engine.snapshot().activeRunsByPlane().keySet());
            busy.addAll(workers.keySet());
            if (PlaneConcurrency.mayStart(engine.plan().concurrencyPolicy(), plane, busy)
                    && engine.claim(plane) != null) {
                launch(plane);
            }
        }
        // The foreground lane is idle: the arbiter may judge a drained lineage.
        Set<Plane> busy = EnumSet.noneOf(Plane.class);
        busy.addAll(engine.snapshot().activeRunsByPlane().keySet());
        busy.addAll(workers.keySet());
        if (!busy.contains(Plane.EXECUTION)
                && PlaneConcurrency.mayStart(engine.plan().concurrencyPolicy(), Plane.PLANNING, busy)
                && engine.activateCompletion() != null) {
            launch(Plane.PLANNING);
        }
    }

    private void launch(Plane plane) {
        Engine.Dispatch dispatch = engine.dispatch(plane);
        synchronized (workers) {
            workerRuns.put(plane, dispatch.run().runId() + "/" + dispatch.run().nodeId());
            workers.put(plane, pool.submit(() -> {
                Engine.Completion completion = engine.runStage(dispatch);
                signals.offer(completion);
            }));
        }
    }

    private void applyCompleted() {
        Object signal;
        while ((signal = signals.poll()) != null) {
            if (signal instanceof Engine.Completion) {
                handle((Engine.Completion) signal);
            }
        }
    }

    private void handle(Engine.Completion completion) {
        Plane plane = completion.dispatch().request().plane();
        synchronized (workers) {
            workers.remove(plane);
            workerRuns.remove(plane);
        }
        if (!abort) {
            engine.complete(completion);
        }
    }

    // A worker whose run was retried or cleared by a command is interrupted; its result is
    // discarded when it arrives.
    private void cancelOrphanedWorkers() {
        synchronized (workers) {
            for (Map.Entry<Plane, String> e : workerRuns.entrySet()) {
                ActiveRunState run = engine.snapshot().activeRun(e.getKey());
                String current = run == null ? null : run.runId() + "/" + run.nodeId();
                if (!e.getValue().equals(current)) {
                    workers.get(e.getKey()).cancel(true);
                }
            }
        }
    }

    private void waitForSignal() {
        try {
            Object signal = signals.poll(idleSleep.toMillis(), TimeUnit.MILLISECONDS);
            if (signal instanceof Engine.Completion) {
                handle((Engine.Completion) signal);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    private void startWatching() {
        try {
            watchService = FileSystems.getDefault().newWatchService();
            Files.createDirectories(engine.paths().ideasInboxDir()); // ideas dropped in wake the daemon too
            for (Path dir : List.of(engine.paths().mailboxIncomingDir(), engine.paths().ideasInboxDir(),
                    engine.paths().queueDir(ai.millrace.api.WorkItemKind.TASK, ai.millrace.core.workspace.QueueState.QUEUED),
                    engine.paths().queueDir(ai.millrace.api.WorkItemKind.SPEC, ai.millrace.core.workspace.QueueState.QUEUED),
                    engine.paths().queueDir(ai.millrace.api.WorkItemKind.INCIDENT, ai.millrace.core.workspace.QueueState.QUEUED),
                    engine.paths().queueDir(ai.millrace.api.WorkItemKind.LEARNING_REQUEST,
                            ai.millrace.core.workspace.QueueState.QUEUED))) {
                if (Files.isDirectory(dir)) {
                    dir.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY);
                }
            }
        } catch (IOException e) {
            LOG.info("file watching unavailable ({}); polling every {}", e.getMessage(), idleSleep);
            return;
        }
        watcher = new Thread(() -> {
            try {
                while (true) {
                    var key = watchService.take();
                    key.pollEvents();
                    key.reset();
                    wake();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // The daemon is ending.
            }
        }, "millrace-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void stopWatching() {
        try {
            if (watchService != null) {
                watchService.close();
            }
        } catch (IOException e) {
            LOG.debug("closing the watch service: {}", e.toString());
        }
    }
}
