package ai.millrace.cli;

import ai.millrace.api.MillraceException;
import ai.millrace.api.Plane;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.cli.internal.Report;
import ai.millrace.core.ControlResult;
import ai.millrace.core.WorkspaceControl;
import ai.millrace.core.document.WorkDocumentJson;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code millrace queue ls|show|add-task|add-spec|add-idea|repair-lineage}. */
@Command(name = "queue", mixinStandardHelpOptions = true, description = "Inspect and feed the work queues.",
        subcommands = {QueueCommand.Ls.class, QueueCommand.Show.class, QueueCommand.AddTask.class,
                QueueCommand.AddSpec.class, QueueCommand.AddIdea.class, QueueCommand.RepairLineage.class})
final class QueueCommand {
    private static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]*$");

    /** {@code queue ls}: live depths and active counts. */
    @Command(name = "ls", mixinStandardHelpOptions = true, description = "Print queue depths and active counts.")
    static final class Ls implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Mixin
        JsonOption json;

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            Report r = new Report();
            for (Plane plane : new Plane[] {Plane.EXECUTION, Plane.PLANNING, Plane.LEARNING}) {
                r.put(plane.wireName() + "_queue_depth", StatusReport.depth(paths, plane));
            }
            for (Plane plane : new Plane[] {Plane.EXECUTION, Plane.PLANNING, Plane.LEARNING}) {
                int n = 0;
                for (WorkItemKind kind : StatusReport.kinds(plane)) {
                    n += active(paths, kind);
                }
                r.put(plane.wireName() + "_active", n);
            }
            r.put("active_task_count", active(paths, WorkItemKind.TASK));
            r.put("active_spec_count", active(paths, WorkItemKind.SPEC));
            r.put("active_incident_count", active(paths, WorkItemKind.INCIDENT));
            r.put("active_learning_request_count", active(paths, WorkItemKind.LEARNING_REQUEST));
            json.print(r, spec.commandLine().getOut());
            return 0;
        }

        private static int active(WorkspacePaths paths, WorkItemKind kind) {
            return StatusReport.countMarkdown(paths.queueDir(kind, QueueState.ACTIVE));
        }
    }

    /** {@code queue show ID}: where a task, spec or incident is. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "Find a task, spec or incident by id.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Mixin
        JsonOption json;

        @Parameters(paramLabel = "ID", description = "The work item id.")
        String id;

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            if (!SAFE_ID.matcher(id).matches()) {
                throw new CliFailure("invalid work item id: " + id);
            }
            for (WorkItemKind kind : List.of(WorkItemKind.TASK, WorkItemKind.SPEC, WorkItemKind.INCIDENT)) {
                for (QueueState state : QueueState.values()) {
                    Path file = paths.documentFile(kind, state, id);
                    if (Files.isRegularFile(file)) {
                        Report r = new Report().put("work_item_id", id).put("work_item_kind", kind.wireName())
                                .put("work_item_state", state.folderFor(kind)).put("path", file.toString())
                                .put("title", title(file));
                        json.print(r, spec.commandLine().getOut());
                        return 0;
                    }
                }
            }
            throw new CliFailure("work item not found: " + id, "`millrace queue ls` shows the queue depths");
        }

        private static String title(Path file) {
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                try {
                    return WorkDocumentMarkdown.parse(text, file.toString()).title();
                } catch (RuntimeException e) {
                    for (String line : text.split("\n")) {
                        if (line.strip().startsWith("#")) {
                            return line.strip().replaceFirst("^#+\\s*", "");
                        }
                    }
                    return null;
                }
            } catch (IOException e) {
                return null;
            }
        }
    }

    /** Shared import logic of add-task and add-spec. */
    abstract static class AddDocument<T extends WorkDocument> implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Parameters(paramLabel = "FILE", description = "A .md work document or its .json form.")
        String file;

        abstract String noun();

        abstract Class<T> type();

        abstract ControlResult add(WorkspaceControl control, T document);

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            Path source = WorkspaceOption.resolve(file);
            String name = source.getFileName().toString();
            if (!name.endsWith(".md") && !name.endsWith(".json")) {
                throw new CliFailure(noun() + " import path must end with .md or .json");
            }
            if (!Files.isRegularFile(source)) {
                throw new ParameterException(spec.commandLine(), "File '" + source + "' does not exist.");
            }
            T document;
            try {
                document = name.endsWith(".json") ? WorkDocumentJson.read(source, type())
                        : WorkDocumentMarkdown.read(source, type());
            } catch (MillraceException e) {
                throw new CliFailure("failed to add " + noun() + ": " + e.detail());
            } catch (RuntimeException e) {
                throw new CliFailure("failed to add " + noun() + ": " + e.getMessage());
            }
            ControlResult result;
            try {
                result = add(WorkspaceControl.of(paths.workspaceRoot()), document);
            } catch (MillraceException e) {
                throw new CliFailure("failed to add " + noun() + ": " + e.detail());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (result.mode().equals("mailbox")) {
                ControlOutput.print(result, out);
                return 0;
            }
            if (!result.applied()) {
                throw new CliFailure("failed to add " + noun() + ": " + result.detail());
            }
            out.println("enqueued_" + noun() + ": " + queuedPath(paths, document, result));
            return 0;
        }
    }

    /** The queued file: the control result names it when it is a path; else it is where enqueue puts it. */
    static String queuedPath(WorkspacePaths paths, WorkDocument document, ControlResult result) {
        if (result.artifactPath() != null && Files.isRegularFile(Path.of(result.artifactPath()))) {
            return result.artifactPath();
        }
        return paths.documentFile(document.workItemKind(), QueueState.QUEUED, document.id()).toString();
    }

    /** {@code queue add-task FILE} (also {@code millrace add-task}). */
    @Command(name = "add-task", mixinStandardHelpOptions = true, description = "Queue a task (markdown or JSON).")
    static final class AddTask extends AddDocument<TaskDocument> {
        @Override
        String noun() {
            return "task";
        }

        @Override
        Class<TaskDocument> type() {
            return TaskDocument.class;
        }

        @Override
        ControlResult add(WorkspaceControl control, TaskDocument document) {
            return control.addTask(document);
        }
    }

    /** {@code queue add-spec FILE} (also {@code millrace add-spec}). */
    @Command(name = "add-spec", mixinStandardHelpOptions = true, description = "Queue a spec (markdown or JSON).")
    static final class AddSpec extends AddDocument<SpecDocument> {
        @Override
        String noun() {
            return "spec";
        }

        @Override
        Class<SpecDocument> type() {
            return SpecDocument.class;
        }

        @Override
        ControlResult add(WorkspaceControl control, SpecDocument document) {
            return control.addSpec(document);
        }
    }

    /** {@code queue add-idea FILE} (also {@code millrace add-idea}): stages the file in {@code ideas/inbox/}. */
    @Command(name = "add-idea", mixinStandardHelpOptions = true, description = "Stage an idea file in ideas/inbox/.")
    static final class AddIdea implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Parameters(paramLabel = "FILE", description = "A markdown idea; its file name is kept.")
        String file;

        @Override
        public Integer call() {
            WorkspacePaths paths = ws.requireInitialized();
            Path source = WorkspaceOption.resolve(file);
            if (!Files.isRegularFile(source)) {
                throw new ParameterException(spec.commandLine(), "File '" + source + "' does not exist.");
            }
            String name = source.getFileName().toString();
            String markdown;
            try {
                markdown = Files.readString(source, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliFailure("failed to add idea: " + e.getMessage());
            }
            String problem = ideaProblem(name, markdown);
            if (problem != null) {
                throw new CliFailure("failed to add idea: " + problem);
            }
            ControlResult result;
            try {
                result = WorkspaceControl.of(paths.workspaceRoot()).addIdea(name, markdown);
            } catch (MillraceException e) {
                throw new CliFailure("failed to add idea: " + e.detail());
            }
            PrintWriter out = spec.commandLine().getOut();
            if (result.mode().equals("mailbox")) {
                ControlOutput.print(result, out);
                return 0;
            }
            if (!result.applied()) {
                throw new CliFailure("failed to add idea: " + result.detail());
            }
            out.println("enqueued_idea: " + (result.artifactPath() != null ? result.artifactPath()
                    : paths.ideasInboxDir().resolve(name).toString()));
            return 0;
        }

        static String ideaProblem(String name, String markdown) {
            if (!name.endsWith(".md")) {
                return "idea source_name must end with .md: " + name;
            }
            String stem = name.substring(0, name.length() - 3);
            if (!SAFE_ID.matcher(stem).matches()) {
                return "idea source_name stem must be a safe identifier: " + stem;
            }
            if (markdown.isBlank()) {
                return "idea markdown must not be blank";
            }
            return null;
        }
    }

    /**
     * {@code queue repair-lineage}: rewrites queued and blocked documents whose lineage drifted from
     * the open closure target's root (spec 02 section 4.5). Previews unless {@code --apply}; both
     * write a report under {@code arbiter/diagnostics/lineage-repairs/}.
     */
    @Command(name = "repair-lineage", mixinStandardHelpOptions = true,
            description = "Repair lineage drift under an open closure target (preview unless --apply).")
    static final class RepairLineage implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkspaceOption ws;

        @Option(names = "--root-spec-id", paramLabel = "ID", required = true,
                description = "The closure target's root spec.")
        String rootSpecId;

        @Option(names = "--apply", description = "Rewrite the documents instead of previewing.")
        boolean apply;

        @Override
        public Integer call() {
            ai.millrace.core.workspace.WorkspacePaths paths = ws.requireInitialized();
            if (!SAFE_ID.matcher(rootSpecId).matches()) {
                throw new CliFailure("invalid root spec id: " + rootSpecId);
            }
            java.time.Clock clock = java.time.Clock.systemUTC();
            ai.millrace.compiler.internal.io.AtomicFiles files = ai.millrace.compiler.internal.io.AtomicFiles.DURABLE;
            ai.millrace.core.internal.queue.QueueStore queues = ai.millrace.core.internal.queue.QueueStore.open(paths,
                    ai.millrace.core.internal.queue.DocumentCodec.standard(), files, clock);
            ai.millrace.core.internal.closure.LineageRepair repair = new ai.millrace.core.internal.closure.LineageRepair(
                    queues, files, clock, ai.millrace.core.IdGenerator.random());
            ai.millrace.core.internal.closure.LineageRepair.Report report;
            try (ai.millrace.core.internal.control.ControlFileLock held =
                    ai.millrace.core.internal.control.ControlFileLock.acquire(paths)) {
                if (apply) {
                    boolean lockActive = new ai.millrace.core.internal.control.OwnershipLock(paths, files, clock,
                            java.time.Duration.ofMinutes(2)).inspect().status()
                            == ai.millrace.core.internal.control.LockStatus.ACTIVE;
                    report = repair.apply(rootSpecId, lockActive, new ai.millrace.core.internal.state.StateStore(paths,
                            files).loadSnapshot().orElseThrow());
                } else {
                    report = repair.preview(rootSpecId);
                }
            } catch (ai.millrace.api.MillraceException e) {
                throw new CliFailure("failed to repair lineage: " + e.detail());
            }
            java.io.PrintWriter out = spec.commandLine().getOut();
            out.println("root_spec_id: " + report.rootSpecId());
            out.println("apply: " + report.applied());
            out.println("repair_count: " + report.repairs().size());
            int changes = report.repairs().stream().mapToInt(r -> r.changes().size()).sum();
            out.println("change_count: " + changes);
            out.println("repaired_count: " + (report.applied() ? report.repairs().size() : 0));
            out.println("skipped_count: " + report.skipped().size());
            out.println("repair_report: " + report.reportFile());
            for (ai.millrace.core.internal.closure.LineageRepair.Repair r : report.repairs()) {
                r.changes().forEach((field, change) -> out.println("change: " + r.item().kind().wireName() + " "
                        + r.item().document().id() + " " + field + " " + change.get("from") + " -> " + change.get("to")));
            }
            for (ai.millrace.core.internal.closure.LineageRepair.Skipped k : report.skipped()) {
                out.println("skipped: " + k.item().kind().wireName() + " " + k.item().document().id() + " state="
                        + k.item().state().folderFor(k.item().kind()));
            }
            out.flush();
            return 0;
        }
    }
}
