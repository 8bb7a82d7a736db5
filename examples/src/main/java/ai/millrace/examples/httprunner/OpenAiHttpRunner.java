package ai.millrace.examples.httprunner;

import ai.millrace.api.run.RunnerExitKind;
import ai.millrace.api.run.RunnerRawResult;
import ai.millrace.api.run.StageRunRequest;
import ai.millrace.api.run.TokenUsage;
import ai.millrace.api.spi.StageRunner;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A harness that asks an OpenAI-compatible Chat Completions endpoint for one reply per stage, with
 * {@code java.net.http} and no agent process. The model gets the stage's entrypoint and work item
 * as text and cannot run tools, so this fits review and planning stages better than builders.
 *
 * <p>Outcomes: an HTTP 200 reply is {@code completed}, its assistant text written to
 * {@code run_dir/runner_stdout.<request_id>.txt} for the runtime to scan; an HTTP error status is
 * {@code provider_error}; a broken connection or an unreadable reply is {@code runner_error}; the
 * request's timeout gives {@code timeout} and an interrupt gives {@code interrupted} (with the
 * interrupt flag left set). Failure details go to {@code run_dir/runner_stderr.<request_id>.txt}.
 * Thread-safe: runs share only the {@link HttpClient}.
 */
public final class OpenAiHttpRunner implements StageRunner {
    /** The runner id plans bind to. */
    public static final String ID = "openai_http";
    /** The timeout used when a request carries none. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI chatCompletions;
    private final String model;
    private final String apiKey;
    private final Clock clock;
    private final HttpClient client;

    /**
     * Creates a runner.
     *
     * @param baseUrl the API base, such as {@code https://api.openai.com/v1}; {@code /chat/completions} is appended
     * @param model the model used when the request names none; may be null
     * @param apiKey the bearer token; null or blank sends no {@code Authorization} header
     * @param clock the clock for {@code started_at} and {@code ended_at}
     */
    public OpenAiHttpRunner(URI baseUrl, String model, String apiKey, Clock clock) {
        String base = Objects.requireNonNull(baseUrl, "baseUrl").toString().replaceAll("/+$", "");
        this.chatCompletions = URI.create(base + "/chat/completions");
        this.model = model;
        this.apiKey = apiKey;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RunnerRawResult run(StageRunRequest request) {
        Instant started = clock.instant();
        Path runDir = request.runDirectory();
        Path stdout = runDir.resolve("runner_stdout." + request.requestId() + ".txt");
        Path stderr = runDir.resolve("runner_stderr." + request.requestId() + ".txt");
        String usedModel = request.modelName() != null ? request.modelName() : model;
        RunnerRawResult.Builder result = RunnerRawResult.builder().requestId(request.requestId())
                .runId(request.runId()).stage(request.stage()).runnerName(ID).modelName(usedModel);
        Duration timeout = request.timeoutSeconds() > 0 ? Duration.ofSeconds(request.timeoutSeconds()) : DEFAULT_TIMEOUT;
        CompletableFuture<HttpResponse<String>> call = null;
        try {
            Files.createDirectories(runDir);
            if (usedModel == null) {
                return failed(result, RunnerExitKind.RUNNER_ERROR, stderr, "no model: set [runners.openai_http] model", started);
            }
            HttpRequest.Builder http = HttpRequest.newBuilder(chatCompletions)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(usedModel, request), StandardCharsets.UTF_8));
            if (apiKey != null && !apiKey.isBlank()) {
                http.header("Authorization", "Bearer " + apiKey);
            }
            call = client.sendAsync(http.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            HttpResponse<String> response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() >= 400) {
                return failed(result, RunnerExitKind.PROVIDER_ERROR, stderr,
                        "HTTP " + response.statusCode() + "\n" + response.body(), started);
            }
            JsonNode reply = JSON.readTree(response.body());
            JsonNode content = reply.path("choices").path(0).path("message").path("content");
            if (!content.isTextual()) {
                return failed(result, RunnerExitKind.RUNNER_ERROR, stderr, "no assistant text in the reply", started);
            }
            Files.writeString(stdout, content.asText(), StandardCharsets.UTF_8);
            return result.exitKind(RunnerExitKind.COMPLETED).stdoutPath(stdout.toString())
                    .tokenUsage(usage(reply.path("usage"))).startedAt(started).endedAt(end(started)).build();
        } catch (InterruptedException e) {
            cancel(call);
            // Write the detail before restoring the flag: an interrupted thread cannot write a file.
            RunnerRawResult interrupted = failed(result, RunnerExitKind.INTERRUPTED, stderr, "interrupted", started);
            Thread.currentThread().interrupt();
            return interrupted;
        } catch (TimeoutException e) {
            cancel(call);
            return failed(result, RunnerExitKind.TIMEOUT, stderr, "no reply within " + timeout, started);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            RunnerExitKind kind = cause instanceof HttpTimeoutException ? RunnerExitKind.TIMEOUT : RunnerExitKind.RUNNER_ERROR;
            return failed(result, kind, stderr, String.valueOf(cause), started);
        } catch (IOException | RuntimeException e) {
            return failed(result, RunnerExitKind.RUNNER_ERROR, stderr, String.valueOf(e), started);
        }
    }

    private static String body(String model, StageRunRequest request) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", model);
        body.put("stream", false);
        body.putArray("messages").addObject().put("role", "user").put("content", StagePromptText.of(request));
        return JSON.writeValueAsString(body);
    }

    private static TokenUsage usage(JsonNode usage) {
        if (!usage.isObject()) {
            return null;
        }
        long input = usage.path("prompt_tokens").asLong();
        long output = usage.path("completion_tokens").asLong();
        long total = usage.path("total_tokens").asLong(input + output);
        return new TokenUsage(input, usage.path("prompt_tokens_details").path("cached_tokens").asLong(), output,
                usage.path("completion_tokens_details").path("reasoning_tokens").asLong(), total);
    }

    private RunnerRawResult failed(RunnerRawResult.Builder result, RunnerExitKind kind, Path stderr, String detail,
            Instant started) {
        try {
            Files.writeString(stderr, detail + "\n", StandardCharsets.UTF_8);
            result.stderrPath(stderr.toString());
        } catch (IOException ignored) {
            // The exit kind still says what happened; the detail file is a convenience.
        }
        return result.exitKind(kind).startedAt(started).endedAt(end(started)).build();
    }

    private Instant end(Instant started) {
        Instant now = clock.instant();
        return now.isBefore(started) ? started : now;
    }

    private static void cancel(CompletableFuture<?> call) {
        if (call != null) {
            call.cancel(true);
        }
    }
}
