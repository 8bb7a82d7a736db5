package ai.millrace.api.run;

import ai.millrace.api.ContractViolationException;

/**
 * Tokens one stage consumed, normalized across harnesses: {@code inputTokens} includes cached
 * input, and {@code totalTokens} is input plus output.
 *
 * @param inputTokens input tokens, including {@code cachedInputTokens}; at least 0
 * @param cachedInputTokens the part of the input served from a prompt cache; at least 0
 * @param outputTokens output tokens, including thinking tokens where the provider counts them so; at least 0
 * @param thinkingTokens reasoning tokens; at least 0
 * @param totalTokens total tokens as the harness reported them; at least 0
 */
public record TokenUsage(
        long inputTokens, long cachedInputTokens, long outputTokens, long thinkingTokens, long totalTokens) {

    /** No usage. */
    public static final TokenUsage ZERO = new TokenUsage(0, 0, 0, 0, 0);

    /**
     * Checks that no count is negative.
     *
     * @param inputTokens input tokens, including {@code cachedInputTokens}; at least 0
     * @param cachedInputTokens the part of the input served from a prompt cache; at least 0
     * @param outputTokens output tokens, including thinking tokens where the provider counts them so; at least 0
     * @param thinkingTokens reasoning tokens; at least 0
     * @param totalTokens total tokens as the harness reported them; at least 0
     */
    public TokenUsage {
        requireNonNegative("input_tokens", inputTokens);
        requireNonNegative("cached_input_tokens", cachedInputTokens);
        requireNonNegative("output_tokens", outputTokens);
        requireNonNegative("thinking_tokens", thinkingTokens);
        requireNonNegative("total_tokens", totalTokens);
    }

    /**
     * Adds two usages field by field.
     *
     * @param other the usage to add, never null
     * @return the sum
     */
    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(inputTokens + other.inputTokens, cachedInputTokens + other.cachedInputTokens,
                outputTokens + other.outputTokens, thinkingTokens + other.thinkingTokens,
                totalTokens + other.totalTokens);
    }

    private static void requireNonNegative(String field, long value) {
        if (value < 0) {
            throw new ContractViolationException(field + " must be >= 0 (got " + value + ")");
        }
    }
}
