package ai.millrace.core.engine;

import ai.millrace.api.work.TaskDocument;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.Millrace;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspaceInitializer;
import ai.millrace.core.workspace.WorkspacePaths;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.spi.StageRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

/** An initialized workspace plus helpers to queue tasks and build runtimes over it. */
final class EngineFixture {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    final Path root;
    final WorkspacePaths paths;

    EngineFixture(Path root) {
        this.root = root;
        WorkspaceInitializer.builder().clock(CLOCK).build().init(root);
        this.paths = WorkspacePaths.of(root);
    }

    static TaskDocument task(String id, String... dependsOn) {
        return TaskDocument.builder().taskId(id).title("Task " + id).createdAt(Instant.parse("2026-01-01T00:00:00Z"))
                .createdBy("test").targetPaths(List.of("src/" + id)).acceptance(List.of("it works"))
                .requiredChecks(List.of("mvn test")).references(List.of("README.md")).risk(List.of("low"))
                .dependsOn(List.of(dependsOn)).build();
    }

    void queue(TaskDocument task) throws IOException {
        Files.writeString(paths.documentFile(WorkItemKind.TASK, QueueState.QUEUED, task.taskId()),
                WorkDocumentMarkdown.render(task));
    }

    MillraceRuntime runtime(StageRunner runner) {
        return Millrace.builder().workspace(root).runAllStagesWith(runner).discoverPlugins(false).clock(CLOCK)
                .ids(IdGenerator.sequential()).build();
    }

    List<String> ids(WorkItemKind kind, QueueState state) throws IOException {
        Path dir = paths.queueDir(kind, state);
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
        }
    }
}
