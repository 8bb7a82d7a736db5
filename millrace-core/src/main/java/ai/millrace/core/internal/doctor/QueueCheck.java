package ai.millrace.core.internal.doctor;

import ai.millrace.api.MillraceException;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.work.IncidentDocument;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.internal.queue.DocumentCodec;
import ai.millrace.core.internal.queue.QueueStore;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The queue checks: unreadable documents, documents in more than one folder, quarantined files,
 * closure target files and lineage drift under open closure targets. Parses files itself rather
 * than opening a queue store, which would quarantine on the way. Read-only.
 */
public final class QueueCheck {
    private static final List<QueueState> PARSED = List.of(QueueState.QUEUED, QueueState.ACTIVE);
    private static final List<QueueState> DRIFT = List.of(QueueState.QUEUED, QueueState.ACTIVE, QueueState.BLOCKED);

    private QueueCheck() {
    }

    /** A parsed document and where it lies. */
    private record Located(WorkItemKind kind, QueueState state, Path file, WorkDocument doc) {
    }

    /**
     * Runs the checks.
     *
     * @param f the collector
     */
    public static void run(Findings f) {
        WorkspacePaths paths = f.paths();
        List<Located> docs = new ArrayList<>();
        for (WorkItemKind kind : WorkItemKind.values()) {
            Map<String, EnumSet<QueueState>> where = new TreeMap<>();
            for (QueueState state : QueueState.values()) {
                for (Path file : list(paths.queueDir(kind, state))) {
                    String name = file.getFileName().toString();
                    if (name.contains(".md.invalid")) {
                        f.warning("queue_artifact_quarantined", file, "unreadable document set aside at claim or start-up "
                                + "(see invalid-artifacts.jsonl next to it)", "fix it and rename it back to .md, or delete it");
                        continue;
                    }
                    if (!name.endsWith(".md")) {
                        continue;
                    }
                    String stem = name.substring(0, name.length() - 3);
                    where.computeIfAbsent(stem, k -> EnumSet.noneOf(QueueState.class)).add(state);
                    parse(f, kind, state, file, stem).ifPresent(doc -> docs.add(new Located(kind, state, file, doc)));
                }
            }
            where.forEach((id, states) -> {
                if (states.size() > 1) {
                    f.error("work_item_duplicate", paths.kindRoot(kind), kind + " " + id + " is in more than one folder: "
                            + states.stream().map(s -> s.folderFor(kind)).toList(), "run `millrace doctor --repair`: the "
                            + "copy in the most advanced folder is kept and the others are quarantined");
                }
            });
        }
        checkTargets(f, docs);
    }

    private static java.util.Optional<WorkDocument> parse(Findings f, WorkItemKind kind, QueueState state, Path file,
            String stem) {
        Class<? extends WorkDocument> type = QueueStore.typeOf(kind);
        try {
            WorkDocument doc = DocumentCodec.standard().parse(Files.readString(file, StandardCharsets.UTF_8), type,
                    file.getFileName().toString());
            if (!doc.id().equals(stem)) {
                report(f, state, file, type.getSimpleName() + ": file name " + stem + " does not match id " + doc.id());
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(doc);
        } catch (MillraceException | IllegalArgumentException | IOException e) {
            report(f, state, file, type.getSimpleName() + ": " + e.getMessage());
            return java.util.Optional.empty();
        }
    }

    private static void report(Findings f, QueueState state, Path file, String message) {
        if (PARSED.contains(state)) {
            f.error("queue_artifact_invalid", file, message, "fix the document (see the message) or move it out of the "
                    + "queue; the runtime quarantines it at the next claim");
        }
    }

    private static void checkTargets(Findings f, List<Located> docs) {
        Path dir = f.paths().arbiterDir().resolve("targets");
        for (Path file : list(dir)) {
            if (!file.getFileName().toString().endsWith(".json")) {
                continue;
            }
            ClosureTargetState target;
            try {
                target = MillraceJson.read(file, ClosureTargetState.class);
            } catch (MillraceException | IllegalArgumentException e) {
                f.error("closure_target_state_invalid", file, "closure target does not read: " + e.getMessage(),
                        "restore the file, or delete it to let the runtime reopen the target from its root spec");
                continue;
            }
            if (!Boolean.FALSE.equals(target.closureOpen())) {
                drift(f, target, docs);
            }
        }
    }

    private static void drift(Findings f, ClosureTargetState target, List<Located> docs) {
        for (Located l : docs) {
            if (!DRIFT.contains(l.state())) {
                continue;
            }
            String[] roots = roots(l.doc());
            String root = roots[0];
            String idea = roots[1];
            if (idea != null && idea.equals(target.rootIdeaId()) && root != null && !root.equals(target.rootSpecId())) {
                f.error("closure_lineage_drift", l.file(), l.kind() + " " + l.doc().id() + " has root " + root
                        + "; expected " + target.rootSpecId(), "run `millrace queue repair-lineage --root-spec-id "
                        + target.rootSpecId() + " --apply`");
            }
        }
    }

    private static String[] roots(WorkDocument doc) {
        if (doc instanceof TaskDocument t) {
            return new String[] {t.rootSpecId(), t.rootIdeaId()};
        }
        if (doc instanceof SpecDocument s) {
            return new String[] {s.rootSpecId(), s.rootIdeaId()};
        }
        if (doc instanceof IncidentDocument i) {
            return new String[] {i.rootSpecId(), i.rootIdeaId()};
        }
        return new String[] {null, null};
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
