package ai.millrace.testkit.compat.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Watches the test JVM's descendant processes while a run is going on, so the kit knows every
 * process the run started, including grandchildren that a broken runner orphans (an orphan is
 * re-parented away from the JVM and would be invisible to a later look at the descendants).
 *
 * <p>Polls {@link ProcessHandle#descendants()} on a daemon thread every {@value #POLL_MILLIS} ms
 * from {@link #start()} until {@link #stop()}; processes that were already descendants at the
 * start are ignored. Thread-safe.
 */
public final class ProcessWatch {
    /** How often the descendants are listed. */
    public static final long POLL_MILLIS = 15;

    private final Set<ProcessHandle> before;
    private final long jvmPid = ProcessHandle.current().pid();
    private final Map<Long, ObservedProcess> seen = new LinkedHashMap<>();
    private final CountDownLatch firstProcess = new CountDownLatch(1);
    private final CountDownLatch firstGrandchild = new CountDownLatch(1);
    private final ScheduledExecutorService poller;

    private ProcessWatch() {
        this.before = ProcessHandle.current().descendants().collect(Collectors.toSet());
        this.poller = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "compat-kit-process-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Takes the "before" snapshot and starts polling.
     *
     * @return the running watch
     */
    public static ProcessWatch start() {
        ProcessWatch watch = new ProcessWatch();
        watch.poller.scheduleWithFixedDelay(watch::pollQuietly, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return watch;
    }

    /**
     * Waits until the run has started at least one process.
     *
     * @param limit the longest wait
     * @return true when a process was seen in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitFirstProcess(Duration limit) throws InterruptedException {
        return firstProcess.await(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Waits until the run has started a grandchild (a process whose parent is not the JVM).
     *
     * @param limit the longest wait
     * @return true when a grandchild was seen in time
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitGrandchild(Duration limit) throws InterruptedException {
        return firstGrandchild.await(limit.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Stops polling after one last look.
     */
    public void stop() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        poll();
    }

    /**
     * Returns every process seen so far, in the order first seen.
     *
     * @return a snapshot
     */
    public synchronized List<ObservedProcess> observed() {
        return List.copyOf(seen.values());
    }

    /**
     * Tells whether a grandchild was seen.
     *
     * @return true when at least one process had a parent other than the JVM
     */
    public synchronized boolean sawGrandchild() {
        return seen.values().stream().anyMatch(ObservedProcess::grandchild);
    }

    /**
     * Waits, up to a shared bound, for every seen process to exit, and returns those that did not.
     * A zombie (exited but not reaped) counts as exited.
     *
     * @param bound the longest total wait
     * @return the processes still alive after the wait, in the order first seen
     */
    public List<ObservedProcess> survivors(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        List<ObservedProcess> alive = new ArrayList<>();
        for (ObservedProcess process : observed()) {
            try {
                if (!ProcessLiveness.awaitGone(process.handle(), deadline)) {
                    alive.add(process);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (ProcessLiveness.isRunning(process.handle())) {
                    alive.add(process);
                }
            }
        }
        return alive;
    }

    /**
     * Kills processes the run left behind, deepest first, so a failing test does not leak them
     * into the rest of the build.
     *
     * @param leftovers processes returned by {@link #survivors(Duration)}
     */
    public static void killAll(List<ObservedProcess> leftovers) {
        List<ObservedProcess> order = new ArrayList<>(leftovers);
        order.sort(Comparator.comparing(ObservedProcess::grandchild).reversed());
        for (ObservedProcess process : order) {
            process.handle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.handle().destroyForcibly();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ObservedProcess process : order) {
            try {
                ProcessLiveness.awaitGone(process.handle(), deadline);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            // A process vanished mid-listing; the next poll sees a consistent picture.
        }
    }

    private void poll() {
        List<ProcessHandle> now = ProcessHandle.current().descendants()
                .filter(h -> !before.contains(h))
                .collect(Collectors.toList());
        synchronized (this) {
            for (ProcessHandle handle : now) {
                if (seen.containsKey(handle.pid())) {
                    continue;
                }
                long parent = handle.parent().map(ProcessHandle::pid).orElse(-1L);
                boolean grandchild = parent != jvmPid;
                String command = handle.info().commandLine().orElse(handle.info().command().orElse("?"));
                seen.put(handle.pid(), new ObservedProcess(handle, parent, grandchild, command));
                firstProcess.countDown();
                if (grandchild) {
                    firstGrandchild.countDown();
                }
            }
        }
    }
}
