package ai.millrace.core.internal.closure;

import ai.millrace.api.ErrorCode;
import ai.millrace.api.MillraceException;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.state.ClosureTargetState;
import ai.millrace.api.state.RuntimeEvent;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.api.work.IncidentDocument;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.compiler.internal.json.Timestamps;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.internal.queue.QueueStore;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code millrace queue repair-lineage} (spec 02 section 4.5): re-roots drifted queued and blocked
 * tasks and incidents under the open target's root spec. A preview only writes a report; an apply
 * rewrites each document atomically (canonical markdown), re-files queued ones in the claim
 * index, and writes a second report. Specs and active documents are reported as skipped.
 *
 * <p>An operator command, not a runtime hook: it writes directly and refuses while a runtime owns
 * the workspace or a stage is active.
 */
public final class LineageRepair {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * One planned document rewrite.
     *
     * @param item the drifted document
     * @param repaired the document after the repair
     * @param changes field name to {@code {from, to}}
     */
    public record Repair(LineageItem item, WorkDocument repaired, Map<String, Map<String, String>> changes) {
    }

    /**
     * One finding the repair leaves alone.
     *
     * @param item the document
     * @param reason why ({@code active_work_item} or {@code spec_not_rewritten})
     */
    public record Skipped(LineageItem item, String reason) {
    }

    /**
     * The result of a preview or an apply.
     *
     * @param rootSpecId the target's root
     * @param repairs the planned (or applied) rewrites
     * @param skipped the findings left alone
     * @param applied whether the documents were rewritten
     * @param reportFile the report written
     * @param events events to emit ({@code closure_lineage_repaired} after an apply)
     */
    public record Report(String rootSpecId, List<Repair> repairs, List<Skipped> skipped, boolean applied,
            Path reportFile, List<RuntimeEvent> events) {
    }

    private final QueueStore queues;
    private final WorkspacePaths paths;
    private final AtomicFiles files;
    private final Clock clock;
    private final IdGenerator ids;

    /**
     * Creates the command for a workspace.
     *
     * @param queues the queues
     * @param files the file writer
     * @param clock the clock
     * @param ids the id generator (report name suffixes)
     */
    public LineageRepair(QueueStore queues, AtomicFiles files, Clock clock, IdGenerator ids) {
        this.queues = Objects.requireNonNull(queues, "queues");
        this.paths = queues.paths();
        this.files = Objects.requireNonNull(files, "files");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * Plans the repair and writes a preview report ({@code applied: false}).
     *
     * @param rootSpecId the target's root spec id
     * @return the report
     * @throws MillraceException RUNTIME_STATE when the root has no closure target
     */
    public Report preview(String rootSpecId) {
        ClosureTargetState target = target(rootSpecId);
        Instant now = clock.instant();
        Plan plan = plan(target);
        Path report = writeReport(target, plan, false, now);
        return new Report(rootSpecId, plan.repairs, plan.skipped, false, report, List.of());
    }

    /**
     * Applies the repair: writes the preview report, rewrites the documents, re-files queued
     * ones, and writes the applied report.
     *
     * @param rootSpecId the target's root spec id
     * @param ownershipLockActive whether a live runtime owns the workspace
     * @param snapshot the stored snapshot (its active runs refuse the repair); may be null
     * @return the applied report
     * @throws MillraceException RUNTIME_STATE when a runtime or a stage is active, or the root has
     *     no target
     */
    public Report apply(String rootSpecId, boolean ownershipLockActive, RuntimeSnapshot snapshot) {
        if (ownershipLockActive) {
            throw new MillraceException(ErrorCode.RUNTIME_STATE, "active runtime ownership lock prevents lineage "
                    + "repair; stop the daemon (millrace control stop) and retry");
        }
        if (snapshot != null && !snapshot.activeRunsByPlane().isEmpty()) {
            throw new MillraceException(ErrorCode.RUNTIME_STATE, "active runtime stage prevents lineage repair; let "
                    + "the stage finish or run millrace control clear-stale-state, then retry");
        }
        ClosureTargetState target = target(rootSpecId);
        Instant now = clock.instant();
        Plan plan = plan(target);
        writeReport(target, plan, false, now);
        for (Repair r : plan.repairs) {
            LineageItem item = r.item();
            files.write(paths.documentFile(item.kind(), item.state(), item.id()), queues.render(r.repaired()));
            if (item.state() == QueueState.QUEUED) {
                queues.refreshQueued(item.kind(), item.id());
            }
        }
        Path report = writeReport(target, plan, true, now);
        RuntimeEvent event = ClosureEvents.of("closure_lineage_repaired", now, "root_spec_id", rootSpecId,
                "repair_count", plan.repairs.size(), "repair_report_path", TargetOpening.relative(paths, report));
        return new Report(rootSpecId, plan.repairs, plan.skipped, true, report, List.of(event));
    }

    private record Plan(List<Repair> repairs, List<Skipped> skipped) {
    }

    private ClosureTargetState target(String rootSpecId) {
        return new ClosureTargets(paths).find(rootSpecId).orElseThrow(() -> new MillraceException(
                ErrorCode.RUNTIME_STATE, "root spec " + rootSpecId + " has no closure target ("
                        + paths.closureTargetFile(rootSpecId) + " does not exist); nothing to repair"));
    }

    private Plan plan(ClosureTargetState target) {
        String root = target.rootSpecId();
        List<Repair> repairs = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (DriftFinding f : LineageDrift.detect(new LineageScanner(queues).scan(), target)) {
            LineageItem item = f.item();
            if (item.state() == QueueState.ACTIVE) {
                skipped.add(new Skipped(item, "active_work_item"));
            } else if (item.kind() == WorkItemKind.SPEC) {
                skipped.add(new Skipped(item, "spec_not_rewritten"));
            } else {
                repairs.add(repair(item, root));
            }
        }
        return new Plan(repairs, skipped);
    }

    private static Repair repair(LineageItem item, String root) {
        Map<String, Map<String, String>> changes = new TreeMap<>();
        String oldRoot = item.effectiveRoot();
        if (item.document() instanceof TaskDocument t) {
            TaskDocument.Builder b = t.toBuilder().rootSpecId(root);
            change(changes, "root_spec_id", t.rootSpecId(), root);
            String spec = t.specId();
            if (spec != null && !spec.equals(root) && (spec.equals(oldRoot) || LineageDrift.aliases(spec, root))) {
                b.specId(root);
                change(changes, "spec_id", spec, root);
            }
            return new Repair(item, b.build(), changes);
        }
        IncidentDocument i = (IncidentDocument) item.document();
        change(changes, "root_spec_id", i.rootSpecId(), root);
        return new Repair(item, i.toBuilder().rootSpecId(root).build(), changes);
    }

    private static void change(Map<String, Map<String, String>> changes, String field, String from, String to) {
        Map<String, String> m = new TreeMap<>();
        m.put("from", from);
        m.put("to", to);
        changes.put(field, m);
    }

    private Path writeReport(ClosureTargetState target, Plan plan, boolean applied, Instant now) {
        Map<String, Object> m = new TreeMap<>();
        m.put("applied", applied);
        m.put("created_at", Timestamps.format(now));
        m.put("kind", "closure_lineage_repair");
        m.put("root_spec_id", target.rootSpecId());
        m.put("root_idea_id", target.rootIdeaId());
        m.put("workspace", paths.workspaceRoot().toString());
        List<Map<String, Object>> repairs = new ArrayList<>();
        for (Repair r : plan.repairs) {
            Map<String, Object> e = entry(r.item());
            e.put("changes", r.changes());
            repairs.add(e);
        }
        List<Map<String, Object>> skipped = new ArrayList<>();
        for (Skipped s : plan.skipped) {
            Map<String, Object> e = entry(s.item());
            e.put("reason", s.reason());
            skipped.add(e);
        }
        m.put("repairs", repairs);
        m.put("skipped", skipped);
        Path file = paths.arbiterDir().resolve("diagnostics").resolve("lineage-repairs")
                .resolve(STAMP.format(now) + "-" + ids.hex(8) + ".json");
        files.write(file, MillraceJson.write(m));
        return file;
    }

    private static Map<String, Object> entry(LineageItem item) {
        Map<String, Object> e = new TreeMap<>();
        e.put("work_item_kind", item.kind().wireName());
        e.put("work_item_id", item.id());
        e.put("state", item.stateName());
        e.put("path", item.path());
        return e;
    }
}
