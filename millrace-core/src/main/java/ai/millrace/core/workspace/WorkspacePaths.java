package ai.millrace.core.workspace;

import ai.millrace.api.ContractViolationException;
import ai.millrace.api.Identifiers;
import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where everything lives in a workspace, as the original lays it out: the workspace root
 * {@code W} and the runtime root {@code R = W/millrace-agents}.
 *
 * <p>Every path a component reads or writes comes from here, so the layout is written down once.
 * Ids passed in are checked against the safe-id grammar, so no id can name a path outside its
 * folder. Immutable; equal when the roots are equal. The folders the tick path asks for on every
 * stage are resolved once, here.
 */
public final class WorkspacePaths {
    /** The runtime root folder name. */
    public static final String RUNTIME_DIR = "millrace-agents";

    private final Path workspaceRoot;
    private final Path runtimeRoot;
    private final Path stateDir;
    private final Path runsDir;
    private final Path[][] queueDirs;
    private final Path snapshotFile;
    private final Path recoveryCountersFile;
    private final Path[] statusFiles;
    private final Path[] dispatchFiles;

    private WorkspacePaths(Path workspaceRoot) {
        this.workspaceRoot = Objects.requireNonNull(workspaceRoot, "workspaceRoot").toAbsolutePath().normalize();
        this.runtimeRoot = this.workspaceRoot.resolve(RUNTIME_DIR);
        this.stateDir = runtimeRoot.resolve("state");
        this.runsDir = runtimeRoot.resolve("runs");
        this.snapshotFile = stateDir.resolve("runtime_snapshot.json");
        this.recoveryCountersFile = stateDir.resolve("recovery_counters.json");
        this.statusFiles = new Path[Plane.values().length];
        this.dispatchFiles = new Path[Plane.values().length];
        for (Plane plane : Plane.values()) {
            statusFiles[plane.ordinal()] = stateDir.resolve(plane.wireName() + "_status.md");
            dispatchFiles[plane.ordinal()] = stateDir.resolve("dispatch_" + plane.wireName() + ".json");
        }
        this.queueDirs = new Path[WorkItemKind.values().length][QueueState.values().length];
        for (WorkItemKind kind : WorkItemKind.values()) {
            for (QueueState state : QueueState.values()) {
                queueDirs[kind.ordinal()][state.ordinal()] = kindRoot(kind).resolve(state.folderFor(kind));
            }
        }
    }

    /**
     * Returns the layout of a workspace.
     *
     * @param workspaceRoot the workspace root
     * @return the layout
     */
    public static WorkspacePaths of(Path workspaceRoot) {
        return new WorkspacePaths(workspaceRoot);
    }

    /** @return {@code W}, the absolute, normalized workspace root */
    public Path workspaceRoot() {
        return workspaceRoot;
    }

    /** @return {@code R}, the runtime root {@code W/millrace-agents} */
    public Path runtimeRoot() {
        return runtimeRoot;
    }

    /** @return {@code R/state} */
    public Path stateDir() {
        return stateDir;
    }

    /** @return {@code R/millrace.toml} */
    public Path configFile() {
        return runtimeRoot().resolve("millrace.toml");
    }

    /** @return {@code R/outline.md} */
    public Path outlineFile() {
        return runtimeRoot().resolve("outline.md");
    }

    /** @return {@code R/historylog.md} */
    public Path historyLogFile() {
        return runtimeRoot().resolve("historylog.md");
    }

    /** @return {@code R/state/runtime_snapshot.json} */
    public Path snapshotFile() {
        return snapshotFile;
    }

    /** @return {@code R/state/recovery_counters.json} */
    public Path recoveryCountersFile() {
        return recoveryCountersFile;
    }

    /** @return {@code R/state/runtime_error_context.json} */
    public Path runtimeErrorContextFile() {
        return stateDir().resolve("runtime_error_context.json");
    }

    /** @return {@code R/state/compiled_plan.json} */
    public Path compiledPlanFile() {
        return stateDir().resolve("compiled_plan.json");
    }

    /** @return {@code R/state/compile_diagnostics.json} */
    public Path compileDiagnosticsFile() {
        return stateDir().resolve("compile_diagnostics.json");
    }

    /** @return {@code R/state/baseline_manifest.json} */
    public Path baselineManifestFile() {
        return stateDir().resolve("baseline_manifest.json");
    }

    /** @return {@code R/state/runtime_daemon.lock.json} */
    public Path daemonLockFile() {
        return stateDir().resolve("runtime_daemon.lock.json");
    }

    /** @return {@code R/state/transition_journal.jsonl}, this port's intent journal for multi-file transitions */
    public Path transitionJournalFile() {
        return stateDir().resolve("transition_journal.jsonl");
    }

    /** @return {@code R/state/usage_governance_state.json} */
    public Path usageGovernanceStateFile() {
        return stateDir().resolve("usage_governance_state.json");
    }

    /** @return {@code R/state/usage_governance_ledger.jsonl} */
    public Path usageGovernanceLedgerFile() {
        return stateDir().resolve("usage_governance_ledger.jsonl");
    }

    /**
     * Returns the status marker file of a plane.
     *
     * @param plane the plane
     * @return {@code R/state/<plane>_status.md}
     */
    public Path statusFile(Plane plane) {
        return statusFiles[plane.ordinal()];
    }

    /**
     * Returns a plane's dispatch record: the stage handed to a runner and not yet settled.
     *
     * @param plane the plane
     * @return {@code R/state/dispatch_<plane>.json}
     */
    public Path dispatchFile(Plane plane) {
        return dispatchFiles[plane.ordinal()];
    }

    /** @return {@code R/state/mailbox/incoming} */
    public Path mailboxIncomingDir() {
        return stateDir().resolve("mailbox").resolve("incoming");
    }

    /** @return {@code R/state/mailbox/processed} */
    public Path mailboxProcessedDir() {
        return stateDir().resolve("mailbox").resolve("processed");
    }

    /** @return {@code R/state/mailbox/failed} */
    public Path mailboxFailedDir() {
        return stateDir().resolve("mailbox").resolve("failed");
    }

    /** @return {@code R/runs} */
    public Path runsDir() {
        return runsDir;
    }

    /**
     * Returns a run directory.
     *
     * @param runId the run id (a safe id)
     * @return {@code R/runs/<run_id>}
     */
    public Path runDir(String runId) {
        return runsDir().resolve(Identifiers.requireSafeId("run_id", runId));
    }

    /** @return {@code R/logs} */
    public Path logsDir() {
        return runtimeRoot().resolve("logs");
    }

    /** @return {@code R/logs/runtime_events.jsonl} */
    public Path runtimeEventsFile() {
        return logsDir().resolve("runtime_events.jsonl");
    }

    /** @return {@code W/ideas/inbox}, outside the runtime root */
    public Path ideasInboxDir() {
        return workspaceRoot.resolve("ideas").resolve("inbox");
    }

    /** @return {@code R/arbiter} */
    public Path arbiterDir() {
        return runtimeRoot().resolve("arbiter");
    }

    /**
     * Returns a closure target state file.
     *
     * @param rootSpecId the root spec id
     * @return {@code R/arbiter/targets/<root_spec_id>.json}
     */
    public Path closureTargetFile(String rootSpecId) {
        return arbiterDir().resolve("targets").resolve(Identifiers.requireSafeId("root_spec_id", rootSpecId) + ".json");
    }

    /** @return {@code R/learning} */
    public Path learningDir() {
        return runtimeRoot().resolve("learning");
    }

    /**
     * Returns the folder of a work item kind in a queue state.
     *
     * @param kind the work item kind
     * @param state the queue state
     * @return such as {@code R/tasks/queue} or {@code R/incidents/incoming}
     */
    public Path queueDir(WorkItemKind kind, QueueState state) {
        return queueDirs[kind.ordinal()][state.ordinal()];
    }

    /**
     * Returns the path of a work document.
     *
     * @param kind the work item kind
     * @param state the queue state
     * @param id the document id (a safe id)
     * @return {@code <queue dir>/<id>.md}
     * @throws ContractViolationException when the id is not a safe id
     */
    public Path documentFile(WorkItemKind kind, QueueState state, String id) {
        return queueDir(kind, state).resolve(Identifiers.requireSafeId(idField(kind), id) + ".md");
    }

    /**
     * Returns the root folder of a work item kind.
     *
     * @param kind the kind
     * @return {@code R/tasks}, {@code R/specs}, {@code R/incidents} or {@code R/learning/requests}
     */
    public Path kindRoot(WorkItemKind kind) {
        switch (kind) {
            case TASK:
                return runtimeRoot().resolve("tasks");
            case SPEC:
                return runtimeRoot().resolve("specs");
            case INCIDENT:
                return runtimeRoot().resolve("incidents");
            case LEARNING_REQUEST:
                return learningDir().resolve("requests");
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * Returns every folder {@code millrace init} creates, in creation order.
     *
     * @return the folders
     */
    public List<Path> initDirectories() {
        Path r = runtimeRoot();
        java.util.ArrayList<Path> dirs = new java.util.ArrayList<>();
        dirs.add(r);
        dirs.add(stateDir());
        dirs.add(stateDir().resolve("mailbox"));
        dirs.add(mailboxIncomingDir());
        dirs.add(mailboxProcessedDir());
        dirs.add(mailboxFailedDir());
        dirs.add(runsDir());
        for (WorkItemKind kind : List.of(WorkItemKind.TASK, WorkItemKind.SPEC, WorkItemKind.INCIDENT)) {
            for (QueueState state : QueueState.values()) {
                dirs.add(queueDir(kind, state));
            }
        }
        dirs.add(learningDir());
        for (QueueState state : QueueState.values()) {
            dirs.add(queueDir(WorkItemKind.LEARNING_REQUEST, state));
        }
        dirs.add(learningDir().resolve("research-packets"));
        dirs.add(learningDir().resolve("skill-candidates"));
        dirs.add(learningDir().resolve("update-candidates"));
        dirs.add(arbiterDir());
        dirs.add(arbiterDir().resolve("contracts").resolve("ideas"));
        dirs.add(arbiterDir().resolve("contracts").resolve("root-specs"));
        dirs.add(arbiterDir().resolve("targets"));
        dirs.add(arbiterDir().resolve("rubrics"));
        dirs.add(arbiterDir().resolve("verdicts"));
        dirs.add(arbiterDir().resolve("reports"));
        for (String family : List.of("loops", "graphs")) {
            for (Plane plane : Plane.values()) {
                dirs.add(r.resolve(family).resolve(plane.wireName()));
            }
        }
        for (Plane plane : Plane.values()) {
            dirs.add(r.resolve("registry").resolve("stage_kinds").resolve(plane.wireName()));
        }
        dirs.add(r.resolve("modes"));
        dirs.add(logsDir());
        dirs.add(r.resolve("entrypoints"));
        dirs.add(r.resolve("skills"));
        return List.copyOf(dirs);
    }

    /**
     * Returns the id field name of a kind, for messages.
     *
     * @param kind the kind
     * @return such as {@code task_id}
     */
    public static String idField(WorkItemKind kind) {
        return kind == WorkItemKind.LEARNING_REQUEST ? "learning_request_id" : kind.wireName() + "_id";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WorkspacePaths p && p.workspaceRoot.equals(workspaceRoot);
    }

    @Override
    public int hashCode() {
        return workspaceRoot.hashCode();
    }

    @Override
    public String toString() {
        return "WorkspacePaths[workspaceRoot=" + workspaceRoot + "]";
    }
}
