package ai.millrace.core.internal.testing;

import ai.millrace.api.Plane;
import ai.millrace.api.StageId;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.run.RequestKind;
import ai.millrace.api.state.ActiveRunState;
import ai.millrace.api.state.RuntimeSnapshot;
import ai.millrace.compiler.internal.io.AtomicFiles;
import ai.millrace.core.internal.journal.TransitionContext;
import ai.millrace.core.internal.journal.TransitionRunner;
import ai.millrace.core.internal.queue.DocumentCodec;
import ai.millrace.core.internal.queue.QueueStore;
import ai.millrace.core.internal.state.StateStore;
import ai.millrace.core.internal.state.StatusMarkers;
import ai.millrace.core.workspace.WorkspacePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Test workspaces and documents built by hand. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    public static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    private Fixtures() {
    }

    /** Creates the folders of a workspace (what init does) plus IDLE status files. */
    public static WorkspacePaths workspace(Path root) {
        WorkspacePaths paths = WorkspacePaths.of(root);
        try {
            for (Path dir : paths.initDirectories()) {
                Files.createDirectories(dir);
            }
            for (Plane plane : Plane.values()) {
                Files.writeString(paths.statusFile(plane), StatusMarkers.IDLE + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return paths;
    }

    /** A workspace with a bootstrap-like snapshot. */
    public static WorkspacePaths workspaceWithSnapshot(Path root) {
        WorkspacePaths paths = workspace(root);
        new StateStore(paths, AtomicFiles.NO_FSYNC).saveSnapshot(snapshot());
        return paths;
    }

    public static RuntimeSnapshot snapshot() {
        return RuntimeSnapshot.builder()
                .activeModeId("default_codex")
                .executionLoopId("execution.standard")
                .planningLoopId("planning.standard")
                .compiledPlanId("bootstrap")
                .compiledPlanPath("millrace-agents/state/compiled_plan.json")
                .executionStatusMarker(StatusMarkers.IDLE)
                .planningStatusMarker(StatusMarkers.IDLE)
                .learningStatusMarker(StatusMarkers.IDLE)
                .updatedAt(T0)
                .build();
    }

    public static ActiveRunState taskRun(String taskId, String runId) {
        return ActiveRunState.builder()
                .plane(Plane.EXECUTION).stage(StageId.BUILDER).nodeId("builder").stageKindId("builder")
                .runId(runId).requestKind(RequestKind.ACTIVE_WORK_ITEM)
                .workItemKind(WorkItemKind.TASK).workItemId(taskId).activeSince(T0)
                .build();
    }

    /** Headed markdown of a valid task. */
    public static String taskMarkdown(String id, String createdAt, String... dependsOn) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Task ").append(id).append("\n\n");
        sb.append("Task-ID: ").append(id).append('\n');
        sb.append("Title: Task ").append(id).append('\n');
        sb.append("Created-At: ").append(createdAt).append('\n');
        sb.append("Created-By: t\n");
        if (dependsOn.length > 0) {
            sb.append("\nDepends-On:\n");
            for (String d : dependsOn) {
                sb.append("- ").append(d).append('\n');
            }
        }
        for (String section : List.of("Target-Paths", "Acceptance", "Required-Checks", "References", "Risk")) {
            sb.append('\n').append(section).append(":\n- a\n");
        }
        return sb.toString();
    }

    public static String specMarkdown(String id, String createdAt) {
        return "# Spec " + id + "\n\nSpec-ID: " + id + "\nTitle: Spec " + id + "\nSummary: s\nSource-Type: manual\n"
                + "Created-At: " + createdAt + "\nCreated-By: t\n\nGoals:\n- g\n\nConstraints:\n- c\n\n"
                + "Acceptance:\n- a\n\nReferences:\n- r\n";
    }

    public static String incidentMarkdown(String id, String openedAt) {
        return "# Incident " + id + "\n\nIncident-ID: " + id + "\nTitle: Incident " + id + "\nSummary: s\n"
                + "Source-Stage: consultant\nSource-Plane: execution\nFailure-Class: f\nTrigger-Reason: r\n"
                + "Consultant-Decision: needs_planning\nOpened-At: " + openedAt + "\nOpened-By: t\n";
    }

    public static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> list(Path dir) {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything a test needs to drive transitions on a workspace. */
    public record Env(WorkspacePaths paths, QueueStore queues, StateStore state, TransitionRunner runner) {
        public static Env open(WorkspacePaths paths, AtomicFiles files, Clock clock) {
            QueueStore queues = QueueStore.open(paths, DocumentCodec.standard(), files, clock);
            StateStore state = new StateStore(paths, files);
            TransitionRunner runner = new TransitionRunner(new TransitionContext(paths, queues, state, files), clock, null);
            return new Env(paths, queues, state, runner);
        }
    }

    /** A process launcher for child-JVM tests: the test class path and this JVM's java binary. */
    public static ProcessBuilder childJvm(Class<?> main, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    public static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
