package ai.millrace.core.internal.queue;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.Identifiers;
import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.work.IncidentDocument;
import ai.millrace.api.work.LearningRequestDocument;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.Timestamps;
import ai.millrace.core.internal.state.JsonLines;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work queues on disk: for each kind, the four folders {@code queue|incoming}, {@code active},
 * {@code done|resolved} and {@code blocked}, each holding {@code <id>.md} documents.
 *
 * <p>An in-memory {@link QueueIndex} per kind is built from the folders when the store opens and
 * kept current by the store's own operations, so a claim is a lookup however long the queue is.
 * Files dropped in from outside are picked up by {@link #rescan()} (every folder, at start-up) and
 * {@link #rescanQueued()} (the queue folders, when the runtime looks for work). A claim re-reads the one file
 * it picks, so a file edited or removed since it was indexed is never claimed blindly. A queued
 * document that cannot be read is quarantined ({@link Quarantine}), never deleted.
 *
 * <p>Moves are atomic renames. A move that is one step of a larger change (move plus snapshot plus
 * counters) belongs in a journaled transition, which calls {@link #applyMove} when it replays.
 * All methods are synchronized; one store per workspace per process.
 */
public final class QueueStore {
    private static final Logger LOG = LoggerFactory.getLogger(QueueStore.class);
    private static final String MD = ".md";

    private final WorkspacePaths paths;
    private final DocumentCodec codec;
    private final AtomicFiles files;
    private final Clock clock;
    private final Map<WorkItemKind, QueueIndex> indexes = new EnumMap<>(WorkItemKind.class);

    private QueueStore(WorkspacePaths paths, DocumentCodec codec, AtomicFiles files, Clock clock) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.files = Objects.requireNonNull(files, "files");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (WorkItemKind kind : WorkItemKind.values()) {
            indexes.put(kind, new QueueIndex());
        }
    }

    /**
     * Opens the queues of a workspace and indexes every folder. Unreadable queued documents are
     * quarantined on the way.
     *
     * @param paths the workspace layout
     * @param codec the markdown codec
     * @param files the write strategy
     * @param clock stamps requeue and quarantine records
     * @return the store
     */
    public static QueueStore open(WorkspacePaths paths, DocumentCodec codec, AtomicFiles files, Clock clock) {
        QueueStore store = new QueueStore(paths, codec, files, clock);
        store.rescan();
        return store;
    }

    /** @return the workspace layout */
    public WorkspacePaths paths() {
        return paths;
    }

    /**
     * Brings the index in line with the folders: picks up files dropped in from outside and
     * forgets files removed from outside. Only new queued files are parsed.
     *
     * @return the files quarantined by this scan
     */
    public synchronized List<Path> rescan() {
        List<Path> quarantined = new ArrayList<>();
        for (WorkItemKind kind : WorkItemKind.values()) {
            QueueIndex index = indexes.get(kind);
            for (QueueState state : List.of(QueueState.DONE, QueueState.BLOCKED, QueueState.ACTIVE)) {
                Set<String> onDisk = listIds(kind, state, null).keySet();
                for (String id : new ArrayList<>(index.ids(state))) {
                    if (!onDisk.contains(id)) {
                        index.remove(state, id);
                    }
                }
                onDisk.forEach(id -> index.add(state, id));
            }
            rescanQueued(kind, index, quarantined);
        }
        return quarantined;
    }

    /**
     * Brings the index of the queue folders ({@code tasks/queue}, {@code specs/queue},
     * {@code incidents/incoming}, {@code learning/requests/queue}) up to date with the disk: files
     * dropped in from outside are indexed (or quarantined), files taken away are forgotten. The
     * other folders change only through this store's own moves while a runtime owns the
     * workspace, so listing them (and {@code done/} grows with history) is left to
     * {@link #rescan()} at start-up.
     *
     * @return the files quarantined as malformed
     */
    public synchronized List<Path> rescanQueued() {
        List<Path> quarantined = new ArrayList<>();
        for (WorkItemKind kind : WorkItemKind.values()) {
            rescanQueued(kind, indexes.get(kind), quarantined);
        }
        return quarantined;
    }

    private void rescanQueued(WorkItemKind kind, QueueIndex index, List<Path> quarantined) {
        Map<String, Path> queued = listIds(kind, QueueState.QUEUED, quarantined);
        for (String id : new ArrayList<>(index.ids(QueueState.QUEUED))) {
            if (!queued.containsKey(id)) {
                index.removeQueued(id);
            }
        }
        for (Map.Entry<String, Path> e : queued.entrySet()) {
            if (index.queuedEntry(e.getKey()).isEmpty()) {
                indexQueuedFile(kind, e.getKey(), e.getValue(), quarantined);
            }
        }
    }

    /**
     * Writes a new document into its kind's queue folder.
     *
     * @param document the document
     * @return the file written
     * @throws MillraceException QUEUE_CONFLICT when the id exists in any of the kind's four
     *     folders; MALFORMED_DOCUMENT when the rendered markdown would not read back
     */
    public synchronized Path enqueue(WorkDocument document) {
        WorkItemKind kind = document.workItemKind();
        String id = document.id();
        EnumSet<QueueState> existing = statesOnDisk(kind, id);
        if (!existing.isEmpty()) {
            throw new MillraceException(ErrorCode.QUEUE_CONFLICT, kind + " " + id + " already exists (in "
                    + paths.queueDir(kind, existing.iterator().next()) + "); give the new document another id");
        }
        String markdown = render(document);
        Path file = paths.documentFile(kind, QueueState.QUEUED, id);
        files.write(file, markdown);
        indexes.get(kind).addQueued(QueueEntry.of(document));
        return file;
    }

    /**
     * Renders a document and checks that the markdown reads back as the same kind and id.
     *
     * @param document the document
     * @return the markdown
     * @throws MillraceException MALFORMED_DOCUMENT when it would not read back
     */
    public String render(WorkDocument document) {
        String markdown = codec.render(document);
        WorkDocument back;
        try {
            back = codec.parse(markdown, typeOf(document.workItemKind()), document.id() + MD);
        } catch (MillraceException e) {
            throw new MillraceException(ErrorCode.MALFORMED_DOCUMENT, "cannot enqueue " + document.workItemKind() + " "
                    + document.id() + ": its markdown would not read back (" + e.detail() + "); fix the document", e);
        }
        if (!back.id().equals(document.id())) {
            throw new MillraceException(ErrorCode.MALFORMED_DOCUMENT, "cannot enqueue " + document.id()
                    + ": its markdown reads back with id " + back.id());
        }
        return markdown;
    }

    /**
     * Writes a queued document unless its id exists in any folder already; the replayable form of
     * {@link #enqueue(WorkDocument)} used by journaled transitions.
     *
     * @param kind the kind
     * @param id the id
     * @param markdown the rendered markdown
     * @return true if written now, false if the id was already present
     */
    public synchronized boolean applyEnqueue(WorkItemKind kind, String id, String markdown) {
        if (!statesOnDisk(kind, id).isEmpty()) {
            return false;
        }
        Path file = paths.documentFile(kind, QueueState.QUEUED, id);
        files.write(file, markdown);
        indexQueuedFile(kind, id, file, new ArrayList<>());
        return true;
    }

    /**
     * Picks the next document a plane would claim, without moving it: the oldest eligible one,
     * incidents before specs on the planning plane. A plane that already has an active document
     * gets nothing (one active item per plane).
     *
     * @param plane the plane
     * @param rootSpecId only documents with this effective root spec; null for any (ignored for
     *     the learning plane)
     * @return the candidate, read from its queue file, or empty
     * @throws MillraceException QUEUE_CONFLICT when the plane has more than one active document
     */
    public synchronized Optional<ClaimedDocument> nextCandidate(Plane plane, String rootSpecId) {
        return nextCandidate(plane, rootSpecId, null, null);
    }

    /**
     * Returns the next claimable document of a plane as if one active item had already left
     * {@code active/}: the claim the queue will offer once a result that ends that item is
     * applied.
     *
     * @param plane the plane
     * @param rootSpecId the root filter, or null
     * @param leavingKind the kind of the active item about to leave, or null
     * @param leavingId its id, or null
     * @return the candidate, or empty
     */
    public synchronized Optional<ClaimedDocument> nextCandidate(Plane plane, String rootSpecId,
            WorkItemKind leavingKind, String leavingId) {
        List<WorkItemKind> kinds = kindsOf(plane);
        List<String> active = new ArrayList<>();
        for (WorkItemKind kind : kinds) {
            for (String id : indexes.get(kind).ids(QueueState.ACTIVE)) {
                if (kind != leavingKind || !id.equals(leavingId)) {
                    active.add(kind + " " + id);
                }
            }
        }
        if (active.size() > 1) {
            throw new MillraceException(ErrorCode.QUEUE_CONFLICT, "multiple active " + plane + " items found ("
                    + String.join(", ", new TreeSet<>(active)) + "); restart the runtime to reconcile, or run "
                    + "clear-stale-state");
        }
        if (!active.isEmpty()) {
            return Optional.empty();
        }
        for (WorkItemKind kind : kinds) {
            Optional<ClaimedDocument> c = candidate(kind, plane == Plane.LEARNING ? null : rootSpecId);
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    /**
     * Claims the next document of a plane: {@link #nextCandidate} then a move to {@code active/}.
     *
     * @param plane the plane
     * @param rootSpecId the root filter, or null
     * @return the claimed document with its new path, or empty
     */
    public synchronized Optional<ClaimedDocument> claim(Plane plane, String rootSpecId) {
        Optional<ClaimedDocument> c = nextCandidate(plane, rootSpecId);
        if (c.isEmpty()) {
            return c;
        }
        ClaimedDocument doc = c.get();
        Path active = move(doc.kind(), doc.id(), QueueState.QUEUED, QueueState.ACTIVE, null);
        return Optional.of(new ClaimedDocument(doc.kind(), doc.document(), active));
    }

    /**
     * Moves an active document to done (resolved for incidents).
     *
     * @param kind the kind
     * @param id the id
     * @return the new path
     */
    public synchronized Path complete(WorkItemKind kind, String id) {
        return move(kind, id, QueueState.ACTIVE, QueueState.DONE, null);
    }

    /**
     * Moves an active document to blocked.
     *
     * @param kind the kind
     * @param id the id
     * @return the new path
     */
    public synchronized Path block(WorkItemKind kind, String id) {
        return move(kind, id, QueueState.ACTIVE, QueueState.BLOCKED, null);
    }

    /**
     * Moves an active document back to its queue and records why in {@code <id>.requeue.jsonl}.
     *
     * @param kind the kind
     * @param id the id
     * @param reason why; must not be blank
     * @return the new path
     */
    public synchronized Path requeue(WorkItemKind kind, String id, String reason) {
        return move(kind, id, QueueState.ACTIVE, QueueState.QUEUED, reason);
    }

    /**
     * Returns a number that changes whenever any kind's index changes: a claim worked out ahead of
     * time is still the claim the queue would give while it is unchanged.
     *
     * @return the sum of the kinds' index versions
     */
    public synchronized long version() {
        long v = 0;
        for (QueueIndex index : indexes.values()) {
            v += index.version();
        }
        return v;
    }

    /**
     * Tells whether queued documents of a kind wait for an id to be done.
     *
     * @param kind the kind
     * @param id the id
     * @return true when a queued document depends on it
     */
    public synchronized boolean hasDependents(WorkItemKind kind, String id) {
        return indexes.get(kind).hasDependents(id);
    }

    /**
     * Checks that a move is possible now, without doing it.
     *
     * @param kind the kind
     * @param id the id
     * @param from the source state
     * @param to the destination state
     * @param requeueReason the reason, required when moving back to the queue
     * @throws MillraceException QUEUE_CONFLICT when the source is missing or the destination taken
     */
    public synchronized void checkMove(WorkItemKind kind, String id, QueueState from, QueueState to, String requeueReason) {
        Path src = paths.documentFile(kind, from, id);
        Path dst = paths.documentFile(kind, to, id);
        if (from == to) {
            throw new MillraceException(ErrorCode.QUEUE_CONFLICT, kind + " " + id + ": source and destination are both "
                    + from.folderFor(kind));
        }
        if (to == QueueState.QUEUED && (requeueReason == null || requeueReason.isBlank())) {
            throw new MillraceException(ErrorCode.QUEUE_CONFLICT, "requeue reason is required (" + kind + " " + id + ")");
        }
        if (!Files.exists(src)) {
            throw new MillraceException(ErrorCode.QUEUE_CONFLICT, kind + " " + id + " is not " + from.folderFor(kind)
                    + " (no " + src + ")");
        }
        if (Files.exists(dst)) {
            throw new MillraceException(ErrorCode.QUEUE_CONFLICT, kind + " " + id + " already exists at destination "
                    + dst);
        }
    }

    /**
     * Moves a document between two of its kind's folders, strictly.
     *
     * @param kind the kind
     * @param id the id
     * @param from the source state
     * @param to the destination state
     * @param requeueReason the reason recorded when moving back to the queue; null otherwise
     * @return the new path
     * @throws MillraceException QUEUE_CONFLICT as {@link #checkMove} does
     */
    public synchronized Path move(WorkItemKind kind, String id, QueueState from, QueueState to, String requeueReason) {
        checkMove(kind, id, from, to, requeueReason);
        return doMove(kind, id, from, to, requeueReason);
    }

    /**
     * Moves a document if it still needs moving; safe to repeat (journal replay).
     *
     * @param kind the kind
     * @param id the id
     * @param from the source state
     * @param to the destination state
     * @param requeueReason the reason when moving back to the queue; null otherwise
     * @return what was found and done
     */
    public synchronized MoveOutcome applyMove(WorkItemKind kind, String id, QueueState from, QueueState to,
            String requeueReason) {
        Path src = paths.documentFile(kind, from, id);
        Path dst = paths.documentFile(kind, to, id);
        boolean atSource = Files.exists(src);
        boolean atDestination = Files.exists(dst);
        if (atSource && atDestination) {
            return MoveOutcome.CONFLICT;
        }
        if (!atSource) {
            if (!atDestination) {
                LOG.warn("{} {} is neither in {} nor in {}", kind, id, from.folderFor(kind), to.folderFor(kind));
                return MoveOutcome.MISSING;
            }
            indexes.get(kind).remove(from, id);
            if (to == QueueState.QUEUED) {
                if (indexes.get(kind).queuedEntry(id).isEmpty()) {
                    indexQueuedFile(kind, id, dst, new ArrayList<>());
                }
            } else {
                indexes.get(kind).add(to, id);
            }
            return MoveOutcome.ALREADY_DONE;
        }
        doMove(kind, id, from, to, to == QueueState.QUEUED && requeueReason == null ? "replayed requeue" : requeueReason);
        return MoveOutcome.MOVED;
    }

    /**
     * Re-reads a queued document that was rewritten in place (lineage repair) and re-files it in
     * the claim index under its new lineage. A file that no longer parses is quarantined.
     *
     * @param kind the kind
     * @param id the id
     */
    public synchronized void refreshQueued(WorkItemKind kind, String id) {
        indexes.get(kind).removeQueued(id);
        Path file = paths.documentFile(kind, QueueState.QUEUED, id);
        if (Files.exists(file)) {
            indexQueuedFile(kind, id, file, new ArrayList<>());
        }
    }

    /**
     * Moves one copy of a document aside as {@code <id>.md.invalid[.N]} with a diagnostic.
     *
     * @param kind the kind
     * @param state the folder of the copy
     * @param id the id
     * @param error why
     * @return the quarantined path
     */
    public synchronized Path quarantine(WorkItemKind kind, QueueState state, String id, String error) {
        Path file = paths.documentFile(kind, state, id);
        Path moved = Quarantine.quarantine(files, clock, file, error);
        indexes.get(kind).remove(state, id);
        LOG.warn("quarantined {}: {}", file, error);
        return moved;
    }

    /**
     * Reads a document from a folder.
     *
     * @param kind the kind
     * @param state the folder
     * @param id the id
     * @return the document, or empty when the file does not exist
     * @throws MillraceException MALFORMED_DOCUMENT when it cannot be parsed
     */
    public synchronized Optional<WorkDocument> read(WorkItemKind kind, QueueState state, String id) {
        Path file = paths.documentFile(kind, state, id);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return Optional.of(codec.parse(text, typeOf(kind), file.getFileName().toString()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the ids the index holds in a state.
     *
     * @param kind the kind
     * @param state the state
     * @return a sorted copy
     */
    public synchronized Set<String> ids(WorkItemKind kind, QueueState state) {
        return new TreeSet<>(indexes.get(kind).ids(state));
    }

    /**
     * Returns the folders an id's file is in right now, checked on disk.
     *
     * @param kind the kind
     * @param id the id
     * @return the states, possibly empty; more than one is a duplicate
     */
    public EnumSet<QueueState> statesOnDisk(WorkItemKind kind, String id) {
        Identifiers.requireSafeId(WorkspacePaths.idField(kind), id);
        EnumSet<QueueState> out = EnumSet.noneOf(QueueState.class);
        for (QueueState state : QueueState.values()) {
            if (Files.exists(paths.documentFile(kind, state, id))) {
                out.add(state);
            }
        }
        return out;
    }

    /**
     * Returns how many documents of a kind are queued.
     *
     * @param kind the kind
     * @return the depth
     */
    public synchronized int queueDepth(WorkItemKind kind) {
        return indexes.get(kind).queuedCount();
    }

    /**
     * Returns a plane's queue depth as the snapshot counts it.
     *
     * @param plane the plane
     * @return tasks for execution; specs plus incidents for planning; learning requests for learning
     */
    public synchronized int planeDepth(Plane plane) {
        int sum = 0;
        for (WorkItemKind kind : kindsOf(plane)) {
            sum += queueDepth(kind);
        }
        return sum;
    }

    /**
     * Returns the kinds a plane works on, in claim order.
     *
     * @param plane the plane
     * @return {@code [task]}, {@code [incident, spec]} or {@code [learning_request]}
     */
    public static List<WorkItemKind> kindsOf(Plane plane) {
        switch (plane) {
            case EXECUTION:
                return List.of(WorkItemKind.TASK);
            case PLANNING:
                return List.of(WorkItemKind.INCIDENT, WorkItemKind.SPEC);
            case LEARNING:
                return List.of(WorkItemKind.LEARNING_REQUEST);
            default:
                throw new AssertionError(plane);
        }
    }

    /**
     * Returns the plane that works on a kind.
     *
     * @param kind the kind
     * @return its plane
     */
    public static Plane planeOf(WorkItemKind kind) {
        switch (kind) {
            case TASK:
                return Plane.EXECUTION;
            case SPEC:
            case INCIDENT:
                return Plane.PLANNING;
            case LEARNING_REQUEST:
                return Plane.LEARNING;
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * Returns the record type of a kind.
     *
     * @param kind the kind
     * @return such as {@code TaskDocument.class}
     */
    public static Class<? extends WorkDocument> typeOf(WorkItemKind kind) {
        switch (kind) {
            case TASK:
                return TaskDocument.class;
            case SPEC:
                return SpecDocument.class;
            case INCIDENT:
                return IncidentDocument.class;
            case LEARNING_REQUEST:
                return LearningRequestDocument.class;
            default:
                throw new AssertionError(kind);
        }
    }

    private Optional<ClaimedDocument> candidate(WorkItemKind kind, String rootSpecId) {
        QueueIndex index = indexes.get(kind);
        while (true) {
            Optional<QueueEntry> first = index.firstReady(rootSpecId);
            if (first.isEmpty()) {
                return Optional.empty();
            }
            QueueEntry entry = first.get();
            Path file = paths.documentFile(kind, QueueState.QUEUED, entry.id());
            Optional<WorkDocument> doc = parseQueued(kind, entry.id(), file, new ArrayList<>());
            if (doc.isEmpty()) {
                index.removeQueued(entry.id());
                continue;
            }
            QueueEntry fresh = QueueEntry.of(doc.get());
            if (!fresh.equals(entry)) {
                // Edited since it was indexed: re-file it and pick again.
                index.addQueued(fresh);
                continue;
            }
            return Optional.of(new ClaimedDocument(kind, doc.get(), file));
        }
    }

    private Path doMove(WorkItemKind kind, String id, QueueState from, QueueState to, String requeueReason) {
        Path src = paths.documentFile(kind, from, id);
        Path dst = paths.documentFile(kind, to, id);
        if (to == QueueState.QUEUED) {
            // The record goes first: a crash before the move repeats it, never loses it.
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("at", Timestamps.format(clock.instant()));
            line.put("kind", kind.wireName());
            line.put("reason", requeueReason);
            JsonLines.appendSorted(files, paths.queueDir(kind, QueueState.QUEUED).resolve(id + ".requeue.jsonl"), line);
        }
        files.move(src, dst);
        QueueIndex index = indexes.get(kind);
        index.remove(from, id);
        if (to == QueueState.QUEUED) {
            indexQueuedFile(kind, id, dst, new ArrayList<>());
        } else {
            index.add(to, id);
        }
        return dst;
    }

    private void indexQueuedFile(WorkItemKind kind, String id, Path file, List<Path> quarantined) {
        parseQueued(kind, id, file, quarantined).ifPresent(doc -> indexes.get(kind).addQueued(QueueEntry.of(doc)));
    }

    /** Reads a queued file; quarantines it when unusable. Empty when gone or quarantined. */
    private Optional<WorkDocument> parseQueued(WorkItemKind kind, String id, Path file, List<Path> quarantined) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (text.isEmpty()) {
            // Someone is still writing it (a file dropped in is created before its bytes arrive):
            // leave it for the next scan, which the write's own modify event triggers in a daemon.
            LOG.debug("skipping {} for now: it is empty", file);
            return Optional.empty();
        }
        String problem;
        try {
            WorkDocument doc = codec.parse(text, typeOf(kind), file.getFileName().toString());
            if (doc.id().equals(id)) {
                return Optional.of(doc);
            }
            problem = "document id " + doc.id() + " does not match the file name " + file.getFileName()
                    + "; rename the file to " + doc.id() + MD + " or fix its id";
        } catch (MillraceException e) {
            problem = e.detail() + "; fix the document and move it back to " + file.getFileName();
        }
        quarantined.add(Quarantine.quarantine(files, clock, file, problem));
        LOG.warn("quarantined {}: {}", file, problem);
        return Optional.empty();
    }

    /** Lists {@code <id>.md} files of a folder; bad names in the queue folder are quarantined. */
    private Map<String, Path> listIds(WorkItemKind kind, QueueState state, List<Path> quarantined) {
        Path dir = paths.queueDir(kind, state);
        Map<String, Path> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.toList();
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            if (!name.endsWith(MD) || name.startsWith(".") || !Files.isRegularFile(p)) {
                continue;
            }
            String id = name.substring(0, name.length() - MD.length());
            if (Identifiers.isSafeId(id)) {
                out.put(id, p);
            } else if (quarantined != null) {
                quarantined.add(Quarantine.quarantine(files, clock, p,
                        "file name '" + name + "' is not a valid id; rename it to <id>.md"));
            } else {
                LOG.warn("ignoring {}: its name is not a valid id", p);
            }
        }
        return out;
    }
}
