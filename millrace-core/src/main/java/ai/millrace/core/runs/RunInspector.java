package ai.millrace.core.runs;

import ai.millrace.api.MillraceException;
import ai.millrace.api.run.StageResultEnvelope;
import ai.millrace.api.run.TokenUsage;
import ai.millrace.compiler.internal.json.MillraceJson;
import ai.millrace.core.workspace.WorkspacePaths;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads the persisted runs of a workspace (spec 02 section 7.6), read-only.
 *
 * <p>Unlike the original, which listed run folders by name (random hex, so in no useful order),
 * {@link #list()} returns runs in chronological order: by the earliest {@code started_at} of
 * their stage results, then by id; runs without a readable result (incomplete, or malformed
 * throughout) come last, by id. A malformed result file marks its run {@link RunStatus#MALFORMED}
 * with a note and the other results are still shown. Stateless and thread-safe.
 */
public final class RunInspector {
    private static final Comparator<StageResultSummary> RESULT_ORDER = Comparator
            .comparing(StageResultSummary::completedAt)
            .thenComparing(StageResultSummary::startedAt)
            .thenComparing(StageResultSummary::stageResultPath);

    private final WorkspacePaths paths;

    private RunInspector(WorkspacePaths paths) {
        this.paths = paths;
    }

    /**
     * Returns an inspector over a workspace. Does not check that it is initialized.
     *
     * @param workspace the workspace root
     * @return the inspector
     */
    public static RunInspector of(Path workspace) {
        return new RunInspector(WorkspacePaths.of(workspace));
    }

    /**
     * Lists every run, oldest first.
     *
     * @return the runs
     * @throws UncheckedIOException when the runs folder cannot be listed
     */
    public List<RunInspection> list() {
        Path runs = paths.runsDir();
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        List<RunInspection> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                out.add(inspect(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.sort(Comparator.comparing((RunInspection r) -> r.startedAt() == null)
                .thenComparing(r -> r.startedAt() == null ? Instant.EPOCH : r.startedAt())
                .thenComparing(RunInspection::runId));
        return out;
    }

    /**
     * Finds one run.
     *
     * @param runId the run id (a folder name under {@code runs/})
     * @return the run, or empty when there is no such folder
     */
    public Optional<RunInspection> find(String runId) {
        if (runId == null || runId.isBlank() || runId.contains("/") || runId.contains("\\") || runId.startsWith(".")) {
            return Optional.empty();
        }
        Path dir = paths.runsDir().resolve(runId);
        return Files.isDirectory(dir) ? Optional.of(inspect(dir)) : Optional.empty();
    }

    /**
     * Chooses the file to show for a run: the troubleshoot report, else the latest standard
     * output, else the latest standard error, else the latest stage result file; only files that
     * exist count.
     *
     * @param run the run
     * @return the artifact, or empty when the run has none
     */
    public Optional<TailArtifact> tail(RunInspection run) {
        if (run.troubleshootReportPath() != null) {
            Optional<TailArtifact> a = existing("troubleshoot_report", run, run.troubleshootReportPath());
            if (a.isPresent()) {
                return a;
            }
        }
        if (run.primaryStdoutPath() != null) {
            Optional<TailArtifact> a = existing("stdout", run, run.primaryStdoutPath());
            if (a.isPresent()) {
                return a;
            }
        }
        if (run.primaryStderrPath() != null) {
            Optional<TailArtifact> a = existing("stderr", run, run.primaryStderrPath());
            if (a.isPresent()) {
                return a;
            }
        }
        if (!run.stageResults().isEmpty()) {
            StageResultSummary latest = run.stageResults().get(run.stageResults().size() - 1);
            return existing("stage_result", run, latest.stageResultPath());
        }
        return Optional.empty();
    }

    private static Optional<TailArtifact> existing(String kind, RunInspection run, String path) {
        Path p = run.runDir().resolve(path);
        return Files.isRegularFile(p) ? Optional.of(new TailArtifact(kind, p)) : Optional.empty();
    }

    private RunInspection inspect(Path dir) {
        String runId = dir.getFileName().toString();
        Path resultsDir = dir.resolve("stage_results");
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(resultsDir)) {
            try (Stream<Path> list = Files.list(resultsDir)) {
                list.filter(p -> p.getFileName().toString().endsWith(".json")).filter(Files::isRegularFile)
                        .sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<String> notes = new ArrayList<>();
        if (files.isEmpty()) {
            notes.add("no stage result artifacts found");
            return new RunInspection(runId, dir, RunStatus.INCOMPLETE, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, null, notes, List.of());
        }
        List<StageResultSummary> results = new ArrayList<>();
        boolean malformed = false;
        for (Path file : files) {
            String name = dir.relativize(file).toString().replace('\\', '/');
            JsonNode tree;
            try {
                tree = MillraceJson.readTree(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            } catch (IOException | MillraceException e) {
                malformed = true;
                notes.add(name + ": invalid JSON: " + message(e));
                continue;
            }
            try {
                results.add(summarize(dir, name, MillraceJson.read(tree, StageResultEnvelope.class, file.toString())));
            } catch (RuntimeException e) {
                malformed = true;
                notes.add(name + ": invalid stage result payload: " + message(e));
            }
        }
        results.sort(RESULT_ORDER);
        RunStatus status = malformed ? RunStatus.MALFORMED : RunStatus.VALID;
        if (results.isEmpty()) {
            return new RunInspection(runId, dir, status, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, notes, results);
        }
        StageResultSummary first = results.stream().min(Comparator.comparing(StageResultSummary::startedAt)).get();
        StageResultSummary latest = results.get(results.size() - 1);
        String report = null;
        for (StageResultSummary r : results) {
            if (r.reportArtifact() != null) {
                report = r.reportArtifact();
            }
        }
        Instant started = first.startedAt();
        Instant completed = latest.completedAt();
        Duration span = Duration.between(started, completed);
        double duration = span.getSeconds() + span.getNano() / 1_000_000_000.0;
        return new RunInspection(runId, dir, status, latest.compiledPlanId(), latest.modeId(), latest.requestKind(),
                latest.closureTargetRootSpecId(), latest.workItemKind(), latest.workItemId(), latest.failureClass(),
                started, completed, Math.max(0.0, duration), report, latest.stdoutPath(), latest.stderrPath(),
                sum(results), notes, results);
    }

    private static StageResultSummary summarize(Path runDir, String name, StageResultEnvelope e) {
        Map<String, Object> m = e.metadata();
        String requestId = text(m.get("request_id"));
        if (requestId == null) {
            String file = name.substring(name.lastIndexOf('/') + 1);
            requestId = file.substring(0, file.length() - ".json".length());
        }
        List<String> artifacts = new ArrayList<>();
        for (String a : e.artifactPaths()) {
            artifacts.add(relative(runDir, a));
        }
        return new StageResultSummary(name, requestId, text(m.get("compiled_plan_id")), text(m.get("mode_id")),
                e.plane().wireName(), e.stage().value(), e.nodeId(), e.stageKindId(), text(m.get("request_kind")),
                text(m.get("closure_target_root_spec_id")), e.workItemKind().wireName(), e.workItemId(),
                e.terminalResult().token(), e.resultClass().wireName(), text(m.get("failure_class")), e.runnerName(),
                e.modelName(), e.modelReasoningEffort(), e.startedAt(), e.completedAt(), e.durationSeconds(),
                relative(runDir, e.stdoutPath()), relative(runDir, e.stderrPath()),
                relative(runDir, e.reportArtifact()), e.tokenUsage(), artifacts);
    }

    private static TokenUsage sum(List<StageResultSummary> results) {
        long in = 0;
        long cached = 0;
        long out = 0;
        long thinking = 0;
        long total = 0;
        boolean any = false;
        for (StageResultSummary r : results) {
            TokenUsage t = r.tokenUsage();
            if (t != null) {
                any = true;
                in += t.inputTokens();
                cached += t.cachedInputTokens();
                out += t.outputTokens();
                thinking += t.thinkingTokens();
                total += t.totalTokens();
            }
        }
        return any ? new TokenUsage(in, cached, out, thinking, total) : null;
    }

    // A path inside the run folder is shown run-relative; anything else as written.
    private static String relative(Path runDir, String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        try {
            Path p = Path.of(path);
            Path abs = p.isAbsolute() ? p.normalize() : null;
            Path root = runDir.toAbsolutePath().normalize();
            if (abs != null && abs.startsWith(root)) {
                return root.relativize(abs).toString().replace('\\', '/');
            }
        } catch (RuntimeException e) {
            // Not a path on this system: keep it as written.
        }
        // A workspace written elsewhere (then moved or copied): cut at the run folder's name.
        String marker = "/runs/" + runDir.getFileName() + "/";
        int at = path.replace('\\', '/').indexOf(marker);
        return at >= 0 ? path.replace('\\', '/').substring(at + marker.length()) : path;
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static String message(Exception e) {
        return e instanceof MillraceException ? ((MillraceException) e).detail() : String.valueOf(e.getMessage());
    }
}
