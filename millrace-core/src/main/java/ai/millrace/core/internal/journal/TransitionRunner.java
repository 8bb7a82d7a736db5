package ai.millrace.core.internal.journal;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs multi-file transitions crash-consistently.
 *
 * <p>A redo log: {@link #run} checks every step, appends the intent (all steps) to the journal
 * and forces it to disk, then applies the steps without forcing them (the state store may even
 * defer its files until it publishes) and appends an unforced commit mark. {@link #replay} (at
 * start-up, before anything else touches the workspace) applies every intent since the last
 * checkpoint again, in order; steps are idempotent. An intent whose line is torn was never forced,
 * so none of its steps ran: it is cut, which rolls it back. {@link #checkpoint} publishes the
 * state store, forces every file the transitions touched and empties the journal; it runs when the
 * runtime goes idle or closes, and when the journal passes a size.
 *
 * <p>Thread-safe: transitions run one at a time.
 */
public final class TransitionRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TransitionRunner.class);
    // Past this many journal bytes a checkpoint starts in the background (about 450 stages).
    // The runtime also checkpoints when it goes idle and when it closes.
    private static final long COMPACT_AFTER_BYTES = 4L * 1024 * 1024;

    private final TransitionContext context;
    private final TransitionJournal journal;
    private final Clock clock;
    private final Supplier<String> txnIds;
    private volatile TransitionObserver observer;
    private final Set<Path> unforced = new LinkedHashSet<>();
    private final ParallelForce forcer;
    private List<TransitionStep> held;
    private BackgroundCheckpoint background;

    /**
     * Creates a runner over the workspace's journal.
     *
     * @param context the workspace the steps act on
     * @param clock stamps journal lines
     * @param txnIds supplies transition ids (safe ids); null for random ones
     */
    public TransitionRunner(TransitionContext context, Clock clock, Supplier<String> txnIds) {
        this.context = Objects.requireNonNull(context, "context");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.journal = new TransitionJournal(context.paths().transitionJournalFile(), context.files(), clock);
        this.txnIds = txnIds != null ? txnIds : TransitionRunner::randomId;
        this.observer = TransitionObserver.NONE;
        this.forcer = new ParallelForce(context.files());
    }

    /** @return the workspace the steps act on */
    public TransitionContext context() {
        return context;
    }

    /**
     * Sets the observer of transition phases.
     *
     * @param observer the observer; null for none
     */
    public void observer(TransitionObserver observer) {
        this.observer = observer == null ? TransitionObserver.NONE : observer;
    }

    /**
     * Runs a transition: check, journal, apply, commit.
     *
     * @param transition the transition
     * @return the transition id
     * @throws MillraceException from a failed check (nothing was changed) or STORAGE_FAILED from a
     *     failed step (the intent stays open and is completed by the next {@link #replay})
     */
    public synchronized String run(Transition transition) {
        return run(transition, List.of());
    }

    /**
     * Runs a transition and journals, in the same forced intent, steps that are applied later by
     * {@link #applyHeld} or superseded by a later transition after {@link #dropHeld}. One force
     * then covers two changes: the engine journals a stage's result with the dispatch of the next
     * stage of the same run. Until they are applied or dropped the journal is not emptied, since
     * it is the only record of them. Replay applies them like any journaled step.
     *
     * @param transition the transition to apply now
     * @param held the steps to apply later; checked now
     * @return the transition id
     * @throws IllegalStateException when steps are held already
     */
    public synchronized String run(Transition transition, List<TransitionStep> held) {
        if (this.held != null && !held.isEmpty()) {
            throw new IllegalStateException("steps are held already");
        }
        for (TransitionStep step : transition.steps()) {
            step.check(context);
        }
        for (TransitionStep step : held) {
            step.check(context);
        }
        String txn = txnIds.get();
        List<TransitionStep> journaled = transition.steps();
        if (!held.isEmpty()) {
            journaled = new ArrayList<>(transition.steps());
            journaled.addAll(held);
        }
        journal.append(new JournalRecord(txn, JournalRecord.INTENT, transition.name(), clock.instant(), journaled));
        observer.intentRecorded(txn, transition);
        List<TransitionStep> steps = transition.steps();
        for (int i = 0; i < steps.size(); i++) {
            try {
                steps.get(i).apply(context);
            } catch (MillraceException e) {
                throw new MillraceException(ErrorCode.STORAGE_FAILED, "transition " + transition.name() + " (" + txn
                        + ") failed at step " + (i + 1) + " of " + steps.size() + ": " + e.detail()
                        + "; it will be completed when the runtime next starts", e);
            }
            observer.stepApplied(txn, i, steps.get(i));
        }
        for (TransitionStep step : steps) {
            unforced.addAll(step.touched(context));
        }
        journal.append(new JournalRecord(txn, JournalRecord.COMMIT, transition.name(), clock.instant(), List.of()),
                false);
        observer.committed(txn);
        if (!held.isEmpty()) {
            this.held = List.copyOf(held);
        } else {
            checkpointInBackground();
        }
        return txn;
    }

    /**
     * Past {@link #COMPACT_AFTER_BYTES}, forces what the journal's records wrote on a background
     * thread while transitions go on, then drops those records (the next transition after the
     * forcing finished does). The tick never waits for the fsyncs of a checkpoint.
     */
    private void checkpointInBackground() {
        if (held != null) {
            return; // held steps live only in the journal: nothing is dropped or started meanwhile
        }
        if (background != null && background.forcing().isDone()) {
            long offset = background.offset();
            if (finishBackground()) {
                journal.dropBefore(offset);
            }
        }
        if (background == null && journal.size() > COMPACT_AFTER_BYTES) {
            context.state().publish(); // the held state files are part of what the records wrote
            Set<Path> paths = new LinkedHashSet<>(unforced);
            unforced.clear();
            background = new BackgroundCheckpoint(journal.size(), paths, forcer.forceAllLater(paths));
        }
    }

    /** @return the forcing of the running background checkpoint, or null; for tests */
    synchronized Future<?> backgroundForcing() {
        return background == null ? null : background.forcing();
    }

    /** Records before {@code offset} are done once {@code forcing} has forced {@code paths}. */
    private record BackgroundCheckpoint(long offset, Set<Path> paths, Future<?> forcing) {
    }

    // Waits for the background checkpoint, if any. True when its files are on disk; if it
    // failed, its paths join the next checkpoint, which fails with the path that cannot be forced.
    private boolean finishBackground() {
        if (background == null) {
            return false;
        }
        BackgroundCheckpoint pending = background;
        background = null;
        try {
            pending.forcing().get();
            return true;
        } catch (ExecutionException e) {
            LOG.warn("background checkpoint failed (the next checkpoint retries): {}", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unforced.addAll(pending.paths());
        return false;
    }

    /**
     * Applies the steps held by the last {@link #run(Transition, List)}; their intent is on disk
     * already, so nothing is written to the journal.
     *
     * @throws IllegalStateException when no steps are held
     * @throws MillraceException STORAGE_FAILED from a failed step (replay completes it)
     */
    public synchronized void applyHeld() {
        if (held == null) {
            throw new IllegalStateException("no steps are held");
        }
        List<TransitionStep> steps = held;
        held = null;
        for (TransitionStep step : steps) {
            step.apply(context);
            unforced.addAll(step.touched(context));
        }
    }

    /**
     * Forgets the held steps without applying them. The caller journals a transition that undoes
     * them next, since a replay still applies them.
     */
    public synchronized void dropHeld() {
        held = null;
    }

    /**
     * Completes every journaled intent that has no commit, then empties the journal. Call once at
     * start-up before any other write.
     *
     * @return what was found and done
     */
    public synchronized ReplayReport replay() {
        long torn = journal.repairTail().map(r -> r.removedBytes()).orElse(0L);
        List<String> unreadable = new ArrayList<>();
        List<String> done = new ArrayList<>();
        java.util.Set<String> pending = new java.util.HashSet<>();
        journal.pending(new ArrayList<>()).forEach(r -> pending.add(r.txn()));
        // Every intent since the last checkpoint is applied again, in order: steps were written
        // without fsync, so after a power cut only the journal is known to be on disk.
        for (JournalRecord intent : journal.intents(unreadable, true)) {
            for (TransitionStep step : intent.steps()) {
                step.apply(context);
                unforced.addAll(step.touched(context));
            }
            if (pending.contains(intent.txn())) {
                LOG.info("completed interrupted transition {} ({})", intent.name(), intent.txn());
                done.add(intent.name() + "/" + intent.txn());
            }
        }
        unreadable.forEach(u -> LOG.warn("skipped unreadable journal line: {}", u));
        checkpoint();
        return new ReplayReport(done, torn, unreadable);
    }

    /**
     * Forces every file the transitions since the last checkpoint wrote, then empties the
     * journal. Called when the journal grows past a size, after replay, and when the runtime
     * closes; after it returns, every committed change is on disk without the journal.
     */
    public synchronized void checkpoint() {
        if (held != null) {
            return; // the journal is the only record of the held steps; the next transition checkpoints
        }
        finishBackground();
        context.state().publish();
        forcer.forceAll(unforced);
        unforced.clear();
        journal.compact();
    }

    /**
     * Checkpoints when anything was written since the last checkpoint; cheap otherwise. The
     * runtime calls it when it goes idle.
     *
     * @return true if a checkpoint ran
     */
    public synchronized boolean checkpointIfDirty() {
        if (held != null || background == null && unforced.isEmpty() && journal.size() == 0) {
            return false;
        }
        checkpoint();
        return true;
    }

    /** Closes the journal file; a later transition reopens it. */
    @Override
    public synchronized void close() {
        finishBackground();
        journal.close();
        forcer.close();
    }

    private static String randomId() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "txn-" + HexFormat.of().formatHex(bytes);
    }
}
