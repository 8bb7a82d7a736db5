package ai.millrace.testkit.runner.internal;

import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.TokenUsage;
import ai.millrace.api.work.WorkDocument;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything a reply produces, resolved for one request.
 *
 * @param exitKind the exit kind to report
 * @param exitCode the exit code to report
 * @param stdout the bytes of the final message
 * @param tokens token usage; may be null
 * @param files run-directory files by relative path
 * @param documents work documents to drop into the queues
 * @param duration how long the stage claims to take
 */
public record StageOutput(RunnerExitKind exitKind, int exitCode, byte[] stdout, TokenUsage tokens,
        Map<String, String> files, List<WorkDocument> documents, Duration duration) {
}
