package ai.millrace.core.internal.intake;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.core.internal.journal.EnqueueDocument;
import ai.millrace.core.internal.journal.TransitionStep;
import ai.millrace.core.internal.queue.QueueStore;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns ideas dropped into {@code W/ideas/inbox/*.md} into root specs (spec 02 section 7.2).
 * {@link #poll()} returns the {@link EnqueueDocument} steps for the engine to commit in one
 * transition, and the events to emit after it commits.
 *
 * <p>Idempotent: an idea already represented by a spec in any folder (same spec id, same root
 * idea id, or the idea's path among its references) is skipped. A malformed idea (not UTF-8, or
 * not a valid spec) is reported with an event and left in place, never deleted. Cheap when nothing
 * changed: a file is looked at again only when its modification time or size changes. Idea files
 * are never moved or deleted (the claim copies them as the canonical seed idea).
 *
 * <p>Not thread-safe; call from the engine's applying thread.
 */
public final class IdeaIntake {
    private record Seen(long mtime, long size) {
    }

    /**
     * The outcome of a poll.
     *
     * @param steps the enqueue steps, one per new spec
     * @param specIds the ids of the specs those steps create
     * @param events events to emit after the steps commit
     */
    public record Poll(List<TransitionStep> steps, List<String> specIds, List<RuntimeEvent> events) {
        /**
         * Copies the lists.
         *
         * @param steps the steps
         * @param specIds the spec ids
         * @param events the events
         */
        public Poll {
            steps = List.copyOf(steps);
            specIds = List.copyOf(specIds);
            events = List.copyOf(events);
        }
    }

    private final WorkspacePaths paths;
    private final QueueStore queues;
    private final Clock clock;
    private final Map<String, Seen> seen = new HashMap<>();

    /**
     * Creates the intake for a workspace.
     *
     * @param queues the queues (their paths are the workspace's)
     * @param clock the clock ({@code created_at})
     */
    public IdeaIntake(QueueStore queues, Clock clock) {
        this.queues = Objects.requireNonNull(queues, "queues");
        this.paths = queues.paths();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Looks at new or changed idea files and plans their specs.
     *
     * @return the steps and events (empty when nothing changed)
     */
    public Poll poll() {
        Map<Path, Seen> changed = changedFiles();
        if (changed.isEmpty()) {
            return new Poll(List.of(), List.of(), List.of());
        }
        Instant now = clock.instant();
        Represented represented = new Represented();
        List<TransitionStep> steps = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<RuntimeEvent> events = new ArrayList<>();
        for (Map.Entry<Path, Seen> e : changed.entrySet()) {
            Path file = e.getKey();
            seen.put(file.getFileName().toString(), e.getValue());
            String name = file.getFileName().toString();
            String relative = paths.workspaceRoot().relativize(file).toString().replace('\\', '/');
            String id = IdeaNormalizer.specId(name);
            if (represented.has(id, relative)) {
                events.add(event("idea_normalization_skipped", now, "idea_path", relative, "spec_id", id, "reason",
                        "already_represented"));
                continue;
            }
            String text;
            SpecDocument spec;
            try {
                text = readUtf8(file);
                spec = IdeaNormalizer.spec(name, text, relative, now);
                steps.add(EnqueueDocument.of(queues, spec));
            } catch (IOException | RuntimeException ex) {
                String reason = ex instanceof MillraceException m ? m.detail() : String.valueOf(ex.getMessage());
                events.add(event("idea_normalization_failed", now, "idea_path", relative, "spec_id", id, "reason",
                        reason, "remediation", "fix the idea file (UTF-8 markdown, a # title line); it is left in "
                                + "place and retried when it changes"));
                continue;
            }
            represented.add(spec, relative);
            ids.add(id);
            events.add(event("idea_normalized_to_spec", now, "idea_path", relative, "spec_id", id));
        }
        return new Poll(steps, ids, events);
    }

    /**
     * Forgets what was seen, so the next poll looks at every idea again (call it when the
     * transition carrying a poll's steps failed; already-represented ideas are skipped anyway).
     */
    public void reset() {
        seen.clear();
    }

    // New or changed regular *.md files in the inbox, by name; vanished files are forgotten.
    private Map<Path, Seen> changedFiles() {
        Path dir = paths.ideasInboxDir();
        Map<Path, Seen> out = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            seen.clear();
            return out;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new MillraceException(ErrorCode.STORAGE_FAILED, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        Set<String> present = new HashSet<>();
        for (Path p : files) {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class);
            } catch (IOException e) {
                continue;
            }
            if (!a.isRegularFile()) {
                continue;
            }
            String name = p.getFileName().toString();
            present.add(name);
            Seen now = new Seen(a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS), a.size());
            if (!now.equals(seen.get(name))) {
                out.put(p, now);
            }
        }
        seen.keySet().retainAll(present);
        return out;
    }

    private static String readUtf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException("the idea file is not valid UTF-8", e);
        }
    }

    private static RuntimeEvent event(String type, Instant at, Object... kv) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            data.put((String) kv[i], kv[i + 1]);
        }
        return new RuntimeEvent(type, at, data);
    }

    // Which ideas the specs in every folder (and this poll's new specs) already represent.
    private final class Represented {
        private final Set<String> specIds = new HashSet<>();
        private final Set<String> rootIdeaIds = new HashSet<>();
        private final Set<String> references = new HashSet<>();

        Represented() {
            for (QueueState state : QueueState.values()) {
                for (String id : queues.ids(WorkItemKind.SPEC, state)) {
                    specIds.add(id);
                    try {
                        queues.read(WorkItemKind.SPEC, state, id).ifPresent(this::add);
                    } catch (RuntimeException e) {
                        // An unreadable spec still reserves its id.
                    }
                }
            }
        }

        private void add(WorkDocument doc) {
            add((SpecDocument) doc, null);
        }

        void add(SpecDocument spec, String ideaPath) {
            specIds.add(spec.specId());
            if (spec.rootIdeaId() != null) {
                rootIdeaIds.add(spec.rootIdeaId());
            }
            references.addAll(spec.references());
            if (ideaPath != null) {
                references.add(ideaPath);
            }
        }

        boolean has(String specId, String ideaPath) {
            return specIds.contains(specId) || rootIdeaIds.contains(specId) || references.contains(ideaPath);
        }
    }
}
