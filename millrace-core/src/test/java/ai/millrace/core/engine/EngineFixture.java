package ai.millrace.core.engine;

import ai.millrace.api.StageId;
import ai.millrace.api.WorkItemKind;
import ai.millrace.api.spi.StageRunner;
import ai.millrace.api.state.RecoveryCounterEntry;
import ai.millrace.api.state.RecoveryCounters;
import ai.millrace.api.work.LearningRequestAction;
import ai.millrace.api.work.LearningRequestDocument;
import ai.millrace.api.work.SpecDocument;
import ai.millrace.api.work.SpecSourceType;
import ai.millrace.api.work.TaskDocument;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.IdGenerator;
import ai.millrace.core.Millrace;
import ai.millrace.core.MillraceRuntime;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspaceInitializer;
import ai.millrace.core.workspace.WorkspacePaths;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** An initialized workspace plus helpers to queue work, build runtimes and read what they left. */
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

    /** A task with lineage, as a manager would write it for a spec. */
    static TaskDocument taskOf(String id, String specId, String rootSpecId, String rootIdeaId) {
        return task(id).toBuilder().specId(specId).rootSpecId(rootSpecId).rootIdeaId(rootIdeaId).build();
    }

    static SpecDocument spec(String id) {
        return SpecDocument.builder().specId(id).title("Spec " + id).sourceType(SpecSourceType.MANUAL)
                .rootIdeaId("idea-" + id).rootSpecId(id)
                .createdAt(Instant.parse("2026-01-01T00:00:00Z")).createdBy("test").goals(List.of("a goal"))
                .constraints(List.of("a constraint")).acceptance(List.of("it works")).references(List.of("README.md"))
                .build();
    }

    static LearningRequestDocument learningRequest(String id, StageId targetStage) {
        return LearningRequestDocument.builder().learningRequestId(id).title("Learn " + id)
                .requestedAction(LearningRequestAction.IMPROVE).targetStage(targetStage)
                .createdAt(Instant.parse("2026-01-01T00:00:00Z")).createdBy("test").build();
    }

    void queue(TaskDocument task) throws IOException {
        queue((WorkDocument) task);
    }

    void queue(WorkDocument doc) throws IOException {
        Files.writeString(paths.documentFile(doc.workItemKind(), QueueState.QUEUED, doc.id()),
                WorkDocumentMarkdown.render(doc));
    }

    /** Replaces {@code millrace.toml}. */
    void config(String toml) throws IOException {
        Files.writeString(paths.configFile(), toml);
    }

    // Every runtime here publishes its state files at the end of each tick: the tests read them
    // between ticks (StatePublicationTest covers the default interval).
    MillraceRuntime runtime(StageRunner runner) {
        return Millrace.builder().workspace(root).runAllStagesWith(runner).discoverPlugins(false).clock(CLOCK)
                .statePublishInterval(Duration.ZERO)
                .ids(IdGenerator.sequential()).build();
    }

    Millrace.Builder builder(StageRunner runner) {
        return Millrace.builder().workspace(root).runAllStagesWith(runner).discoverPlugins(false).clock(CLOCK)
                .statePublishInterval(Duration.ZERO)
                .ids(IdGenerator.random());
    }

    MillraceRuntime runtime(StageRunner runner, String mode) {
        return Millrace.builder().workspace(root).runAllStagesWith(runner).discoverPlugins(false).clock(CLOCK)
                .statePublishInterval(Duration.ZERO)
                .mode(mode).ids(IdGenerator.random()).build();
    }

    List<String> ids(WorkItemKind kind, QueueState state) throws IOException {
        Path dir = paths.queueDir(kind, state);
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
        }
    }

    String status(ai.millrace.api.Plane plane) throws IOException {
        return Files.readString(paths.statusFile(plane)).strip();
    }

    RecoveryCounters counters() {
        if (!Files.exists(paths.recoveryCountersFile())) {
            return RecoveryCounters.EMPTY;
        }
        return MillraceJson.read(paths.recoveryCountersFile(), RecoveryCounters.class);
    }

    /** Counter entries as {@code kind:id:failure_class t=.. m=.. f=.. c=..}. */
    List<String> counterLines() {
        List<String> out = new ArrayList<>();
        for (RecoveryCounterEntry e : counters().entries()) {
            out.add(e.workItemKind().wireName() + ":" + e.workItemId() + ":" + e.failureClass() + " t="
                    + e.troubleshootAttemptCount() + " m=" + e.mechanicAttemptCount() + " f=" + e.fixCycleCount()
                    + " c=" + e.consultantInvocations());
        }
        return out;
    }

    /** Every event of {@code logs/runtime_events.jsonl}, in order. */
    List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        Path file = paths.runtimeEventsFile();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(MillraceJson.mapper().readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static String type(JsonNode event) {
        return event.path("event_type").asText();
    }

    static JsonNode data(JsonNode event) {
        return event.path("data");
    }

    List<JsonNode> events(String type) {
        return events().stream().filter(e -> type(e).equals(type)).toList();
    }

    /** Router decisions as {@code stage:TERMINAL -> action next (reason)}. */
    List<String> decisions() {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events("router_decision")) {
            JsonNode d = data(e);
            out.add(d.path("stage").asText() + ":" + d.path("terminal_result").asText() + " -> "
                    + d.path("action").asText() + (d.path("next_stage").isNull() || d.path("next_stage").isMissingNode()
                            ? "" : " " + d.path("next_stage").asText())
                    + " (" + d.path("reason").asText() + ")");
        }
        return out;
    }

    /** Every stage result file of a run, parsed. */
    List<JsonNode> stageResults(String runId) throws IOException {
        Path dir = paths.runDir(runId).resolve("stage_results");
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                out.add(MillraceJson.mapper().readTree(Files.readString(p)));
            }
        }
        return out;
    }

    /** Every stage result of the workspace. */
    List<JsonNode> allStageResults() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.isDirectory(paths.runsDir())) {
            return out;
        }
        try (Stream<Path> runs = Files.list(paths.runsDir())) {
            for (Path run : runs.sorted().toList()) {
                out.addAll(stageResults(run.getFileName().toString()));
            }
        }
        return out;
    }

    boolean dispatchRecordLeft() {
        for (ai.millrace.api.Plane p : ai.millrace.api.Plane.values()) {
            if (Files.exists(paths.stateDir().resolve("dispatch_" + p.wireName() + ".json"))) {
                return true;
            }
        }
        return false;
    }

}
