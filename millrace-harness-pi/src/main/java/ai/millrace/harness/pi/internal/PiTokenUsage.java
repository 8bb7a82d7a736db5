package ai.millrace.harness.pi.internal;

import ai.millrace.api.run.TokenUsage;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns the {@code data.tokens} object of Pi's {@code get_session_stats} response into Millrace's
 * normalized {@link TokenUsage}.
 *
 * <p>Pi's {@code input} excludes prompt-cache reads and writes ({@code cacheRead},
 * {@code cacheWrite}) and its {@code total} includes them. Millrace counts every prompt token as
 * input, like Codex does: {@code inputTokens = input + cacheRead + cacheWrite},
 * {@code cachedInputTokens = cacheRead}, {@code outputTokens = output},
 * {@code totalTokens = inputTokens + outputTokens}. Pi reports no separate reasoning count, so
 * {@code thinkingTokens} is 0. Booleans, non-numbers and negatives count as 0; fractions are
 * truncated. Stateless and thread-safe.
 */
public final class PiTokenUsage {
    private PiTokenUsage() {
    }

    /**
     * Reads the usage from a session-stats {@code data} object.
     *
     * @param data the response's {@code data}; may be null
     * @return the usage, or null when {@code data} or {@code data.tokens} is not an object
     */
    public static TokenUsage fromSessionStats(JsonNode data) {
        if (data == null || !data.isObject()) {
            return null;
        }
        JsonNode tokens = data.get("tokens");
        if (tokens == null || !tokens.isObject()) {
            return null;
        }
        long input = count(tokens, "input");
        long cacheRead = count(tokens, "cacheRead");
        long cacheWrite = count(tokens, "cacheWrite");
        long output = count(tokens, "output");
        long allInput = input + cacheRead + cacheWrite;
        return new TokenUsage(allInput, cacheRead, output, 0, allInput + output);
    }

    private static long count(JsonNode tokens, String field) {
        JsonNode v = tokens.get(field);
        if (v == null || !v.isNumber()) {
            return 0;
        }
        long n = v.isIntegralNumber() ? v.asLong() : (long) v.asDouble();
        return Math.max(0, n);
    }
}
