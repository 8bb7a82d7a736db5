package ai.millrace.harness.pi.internal;

import ai.millrace.api.run.RunnerExitKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;

/**
 * Drives one stage over Pi's RPC protocol and records what happened in a {@link RunOutcome}.
 *
 * <p>The sequence: {@code set_auto_retry} off (so a provider error ends the run deterministically,
 * once), {@code prompt}, events until the run really ends, then {@code get_last_assistant_text}
 * and {@code get_session_stats}. The run ends at an {@code agent_end} without a provider error; at
 * an {@code agent_end} with one when automatic retry is confirmed off; otherwise Pi may still retry
 * ({@code auto_retry_start} follows {@code agent_end}), so the session watches a short window and
 * follows any retry to its last {@code agent_end} or to {@code auto_retry_end} with
 * {@code success: false}. On timeout or interruption it sends {@code abort} and drains the stream
 * for a grace period. Lines that are not JSON objects (stray log output) are skipped and counted in
 * a note rather than failing the run. Closing stdin and killing the process belong to the caller.
 *
 * <p>Used by one thread, once.
 */
public final class PiRpcConversation {
    static final String AUTO_RETRY_ID = "auto-retry-1";
    static final String PROMPT_ID = "prompt-1";
    static final String LAST_TEXT_ID = "last-assistant-1";
    static final String STATS_ID = "session-stats-1";
    static final String ABORT_ID = "abort-1";

    private final PiRpcChannel channel;
    private final EventLog log;
    private final RunOutcome outcome;
    private final PiSessionSettings settings;
    private boolean autoRetryOff;
    private String providerError;
    private boolean interrupted;
    private int skippedLines;
    private String firstSkipped;

    /**
     * Creates a conversation.
     *
     * @param channel the running Pi process, never null
     * @param log where event lines go, never null
     * @param outcome what the conversation fills in, never null
     * @param settings timing knobs, never null
     */
    public PiRpcConversation(PiRpcChannel channel, EventLog log, RunOutcome outcome, PiSessionSettings settings) {
        this.channel = channel;
        this.log = log;
        this.outcome = outcome;
        this.settings = settings;
    }

    /**
     * Tells whether the calling thread was interrupted during the conversation. The interrupt flag
     * itself is cleared so the caller can clean up; the caller restores it at the end.
     *
     * @return true when an interrupt was seen
     */
    public boolean interrupted() {
        return interrupted;
    }

    /**
     * Runs the stage. Returns normally for every outcome the RPC protocol defines (including
     * timeout, interruption, rejection and provider errors).
     *
     * @param prompt the stage prompt, never null
     * @param timeout the stage timeout, at least one second
     * @throws IOException when a command cannot be written before the prompt is accepted
     * @throws PiProtocolException when the stream ends before the prompt is answered
     */
    public void run(String prompt, Duration timeout) throws IOException, PiProtocolException {
        try {
            converse(prompt, System.nanoTime() + timeout.toNanos());
        } finally {
            if (skippedLines > 0) {
                outcome.note("pi rpc skipped " + skippedLines + " stdout line(s) that were not JSON objects, first: "
                        + firstSkipped);
            }
        }
    }

    private void converse(String prompt, long deadline) throws IOException, PiProtocolException {
        try {
            channel.send(command(AUTO_RETRY_ID, "set_auto_retry").put("enabled", false));
            channel.send(command(PROMPT_ID, "prompt").put("message", prompt));
            RpcRecord response = awaitResponse(PROMPT_ID, deadline);
            if (response == null) {
                stop(RunnerExitKind.TIMEOUT);
                return;
            }
            if (response.kind() == RpcRecord.Kind.EOF) {
                throw new PiProtocolException("pi rpc stream ended before response");
            }
            if (!response.isSuccess()) {
                String error = RpcRecord.text(response.json(), "error");
                outcome.fail(RunnerExitKind.RUNNER_ERROR, 1, RunOutcome.RPC_REJECTED);
                outcome.note(error == null || error.isBlank() ? "prompt rejected" : error);
                return;
            }
            if (!readUntilRunEnds(deadline)) {
                stop(RunnerExitKind.TIMEOUT);
                return;
            }
            if (outcome.exitKind() != RunnerExitKind.COMPLETED) {
                return;
            }
            fetchResults();
            classify();
        } catch (InterruptedException e) {
            interrupted = true;
            stop(RunnerExitKind.INTERRUPTED);
        }
    }

    private boolean readUntilRunEnds(long deadline) throws InterruptedException {
        long windowEnd = 0;
        boolean inWindow = false;
        while (true) {
            long wait = inWindow && windowEnd - deadline < 0 ? windowEnd : deadline;
            RpcRecord r = channel.poll(wait);
            if (r == null) {
                // In the window: no retry followed the failed agent_end, so that was the end.
                return inWindow;
            }
            if (r.kind() == RpcRecord.Kind.EOF) {
                if (!inWindow) {
                    outcome.fail(RunnerExitKind.RUNNER_ERROR, 1, RunOutcome.INCOMPLETE_STREAM);
                    outcome.note("pi rpc stream ended before agent_end");
                }
                return true;
            }
            if (r.kind() == RpcRecord.Kind.INVALID) {
                skip(r);
                continue;
            }
            if (r.isResponse()) {
                noteAutoRetryResponse(r);
                continue;
            }
            log.append(r.raw());
            String type = r.type();
            if ("agent_start".equals(type)) {
                providerError = null;
                inWindow = false;
            } else if ("auto_retry_start".equals(type)) {
                inWindow = false;
                outcome.note("pi auto-retry attempt " + r.json().path("attempt").asText("?") + " of "
                        + r.json().path("maxAttempts").asText("?") + " after provider error: "
                        + r.json().path("errorMessage").asText(String.valueOf(providerError)));
            } else if ("auto_retry_end".equals(type)) {
                if (!r.json().path("success").asBoolean(false)) {
                    String finalError = RpcRecord.text(r.json(), "finalError");
                    providerError = finalError != null ? finalError
                            : providerError != null ? providerError : ProviderErrors.UNKNOWN;
                    return true;
                }
            } else {
                String error = ProviderErrors.errorIn(r.json());
                if (error != null) {
                    providerError = error;
                }
                if ("agent_end".equals(type)) {
                    if (providerError == null || autoRetryOff) {
                        return true;
                    }
                    inWindow = true;
                    windowEnd = System.nanoTime() + settings.retryWindow().toNanos();
                }
            }
        }
    }

    private void skip(RpcRecord r) {
        if (skippedLines++ == 0) {
            String raw = r.raw();
            firstSkipped = raw.length() > 200 ? raw.substring(0, 200) + "..." : raw;
        }
    }

    private void noteAutoRetryResponse(RpcRecord r) {
        if (AUTO_RETRY_ID.equals(r.id())) {
            autoRetryOff = r.isSuccess();
            if (!autoRetryOff) {
                outcome.note("pi rpc set_auto_retry unavailable; following automatic retries instead");
            }
        }
    }

    private void fetchResults() throws InterruptedException {
        RpcRecord text = query(LAST_TEXT_ID, "get_last_assistant_text");
        if (text == null || !text.isSuccess()) {
            outcome.note("pi rpc get_last_assistant_text failed");
        } else {
            JsonNode value = text.json().path("data").get("text");
            outcome.assistantText(value != null && value.isTextual() ? value.asText() : null);
        }
        RpcRecord stats = query(STATS_ID, "get_session_stats");
        if (stats == null || !stats.isSuccess()) {
            outcome.note("pi rpc get_session_stats unavailable");
        } else {
            outcome.tokenUsage(PiTokenUsage.fromSessionStats(stats.json().get("data")));
        }
    }

    private RpcRecord query(String id, String type) throws InterruptedException {
        try {
            channel.send(command(id, type));
        } catch (IOException e) {
            return null;
        }
        RpcRecord r = awaitResponse(id, System.nanoTime() + settings.commandTimeout().toNanos());
        return r == null || r.kind() == RpcRecord.Kind.EOF ? null : r;
    }

    private void classify() {
        String text = outcome.assistantText();
        boolean empty = text == null || text.isBlank();
        if (providerError != null && empty) {
            outcome.fail(RunnerExitKind.PROVIDER_ERROR, 1, RunOutcome.PROVIDER_FAILURE);
            outcome.note("pi provider error: " + providerError);
        } else if (empty) {
            outcome.fail(RunnerExitKind.RUNNER_ERROR, 1, RunOutcome.EMPTY_TEXT);
            outcome.note("pi run ended without assistant text");
        } else if (providerError != null) {
            outcome.note("pi provider error before the final text: " + providerError);
        }
    }

    /**
     * Waits for the response with a given id. Other responses are skipped (the auto-retry answer is
     * noted); other records are logged as events.
     *
     * @return the response, {@link RpcRecord#END} at the end of the stream, or null at the deadline
     */
    private RpcRecord awaitResponse(String id, long deadline) throws InterruptedException {
        while (true) {
            RpcRecord r = channel.poll(deadline);
            if (r == null || r.kind() == RpcRecord.Kind.EOF) {
                return r;
            }
            if (r.kind() == RpcRecord.Kind.INVALID) {
                skip(r);
                continue;
            }
            if (r.isResponse()) {
                if (id.equals(r.id())) {
                    return r;
                }
                noteAutoRetryResponse(r);
                continue;
            }
            log.append(r.raw());
        }
    }

    private void stop(RunnerExitKind kind) {
        boolean timeout = kind == RunnerExitKind.TIMEOUT;
        outcome.fail(kind, timeout ? 124 : 130, timeout ? RunOutcome.TIMEOUT : RunOutcome.INTERRUPTED);
        outcome.note(timeout ? "runner process exceeded timeout" : "runner interrupted by caller");
        outcome.assistantText(null);
        outcome.tokenUsage(null);
        try {
            channel.send(command(ABORT_ID, "abort"));
            outcome.note("sent pi rpc abort command");
        } catch (IOException e) {
            outcome.note("failed to send pi rpc abort command");
            return;
        }
        boolean acknowledged = false;
        boolean ended = false;
        long graceEnd = System.nanoTime() + settings.abortGrace().toNanos();
        while (!acknowledged) {
            RpcRecord r;
            try {
                r = channel.poll(graceEnd);
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
            if (r == null || r.kind() == RpcRecord.Kind.EOF) {
                break;
            }
            if (r.kind() == RpcRecord.Kind.INVALID) {
                skip(r);
                continue;
            }
            if (r.isResponse()) {
                acknowledged = ABORT_ID.equals(r.id());
                continue;
            }
            log.append(r.raw());
            ended |= "agent_end".equals(r.type());
        }
        if (acknowledged) {
            outcome.note(ended ? "pi rpc aborted the run cleanly" : "pi rpc acknowledged the abort command");
        } else {
            outcome.note("pi rpc did not acknowledge abort within " + seconds(settings.abortGrace())
                    + " grace period");
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static ObjectNode command(String id, String type) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", id);
        node.put("type", type);
        return node;
    }
}
