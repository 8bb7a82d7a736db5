package ai.millrace.testkit.runner.internal;

import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.work.WorkDocument;
import ai.millrace.core.document.WorkDocumentMarkdown;
import ai.millrace.core.workspace.QueueState;
import ai.millrace.core.workspace.WorkspacePaths;
import ai.millrace.testkit.MutableClock;
import ai.millrace.testkit.runner.StageCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** Writes what a reply produces and builds the raw result. Stateless and thread-safe. */
public final class StageOutputWriter {
    private StageOutputWriter() {
    }

    /**
     * Performs one reply.
     *
     * @param call the call
     * @param out what to produce
     * @param runnerId the runner id to report
     * @param clock the clock for start and end times
     * @param actions side effects to run first
     * @param thrown an exception to throw after the files are written; may be null
     * @return the raw result
     */
    public static RunnerRawResult write(StageCall call, StageOutput out, String runnerId, Clock clock,
            Runnable actions, RuntimeException thrown) {
        StageRunRequest request = call.request();
        Instant started = clock.instant();
        actions.run();
        Path runDir = request.runDirectory();
        for (Map.Entry<String, String> file : out.files().entrySet()) {
            Path target = runDir.resolve(file.getKey()).normalize();
            if (!target.startsWith(runDir.normalize())) {
                throw new IllegalArgumentException("artifact path leaves the run directory: " + file.getKey());
            }
            atomicWrite(target, file.getValue().getBytes(StandardCharsets.UTF_8));
        }
        WorkspacePaths paths = call.paths();
        for (WorkDocument doc : out.documents()) {
            atomicWrite(paths.documentFile(doc.workItemKind(), QueueState.QUEUED, doc.id()),
                    WorkDocumentMarkdown.render(doc).getBytes(StandardCharsets.UTF_8));
        }
        if (thrown != null) {
            throw thrown;
        }
        Path stdout = runDir.resolve("runner_stdout." + request.requestId() + ".txt");
        atomicWrite(stdout, out.stdout());
        Instant ended = started.plus(out.duration());
        if (!out.duration().isZero() && clock instanceof MutableClock) {
            MutableClock mutable = (MutableClock) clock;
            if (mutable.instant().isBefore(ended)) {
                mutable.set(ended);
            }
        }
        return RunnerRawResult.builder().requestId(request.requestId()).runId(request.runId())
                .stage(request.stage()).runnerName(runnerId).modelName(request.modelName())
                .exitKind(out.exitKind()).exitCode(out.exitCode()).stdoutPath(stdout.toString())
                .tokenUsage(out.tokens()).startedAt(started).endedAt(ended).build();
    }

    // Temp file then rename: the daemon may scan a queue folder while a stage writes into it.
    private static void atomicWrite(Path target, byte[] content) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".scripted-", ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
