package ai.millrace.testkit.fakemodel;

/**
 * The token counts a {@link FakeReply} reports to the harness, in OpenAI terms.
 *
 * <p>{@code inputTokens} includes {@code cachedInputTokens} and {@code outputTokens} includes
 * {@code reasoningTokens}, as the OpenAI APIs count them. The Responses API renders them as
 * {@code input_tokens}, {@code input_tokens_details.cached_tokens}, {@code output_tokens},
 * {@code output_tokens_details.reasoning_tokens} and {@code total_tokens}; Chat Completions as
 * {@code prompt_tokens}, {@code prompt_tokens_details.cached_tokens}, {@code completion_tokens}
 * (plus {@code completion_tokens_details.reasoning_tokens} when reasoning is non-zero) and
 * {@code total_tokens}. Immutable and thread-safe.
 *
 * @param inputTokens prompt tokens, cached ones included; at least 0
 * @param cachedInputTokens the cached part of the prompt; between 0 and {@code inputTokens}
 * @param outputTokens completion tokens, reasoning included; at least 0
 * @param reasoningTokens the reasoning part of the completion; between 0 and {@code outputTokens}
 */
public record FakeUsage(long inputTokens, long cachedInputTokens, long outputTokens, long reasoningTokens) {

    /** The usage a reply reports unless {@link FakeReply#withUsage} says otherwise: 10 in, 5 out. */
    public static final FakeUsage DEFAULT = new FakeUsage(10, 0, 5, 0);

    /**
     * Checks the counts.
     *
     * @param inputTokens prompt tokens, cached ones included; at least 0
     * @param cachedInputTokens the cached part of the prompt; between 0 and {@code inputTokens}
     * @param outputTokens completion tokens, reasoning included; at least 0
     * @param reasoningTokens the reasoning part of the completion; between 0 and {@code outputTokens}
     * @throws IllegalArgumentException when a count is negative or a part exceeds its whole
     */
    public FakeUsage {
        if (inputTokens < 0 || cachedInputTokens < 0 || outputTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must be >= 0: " + describe(
                    inputTokens, cachedInputTokens, outputTokens, reasoningTokens));
        }
        if (cachedInputTokens > inputTokens) {
            throw new IllegalArgumentException("cached tokens are part of the input and cannot exceed it: "
                    + describe(inputTokens, cachedInputTokens, outputTokens, reasoningTokens));
        }
        if (reasoningTokens > outputTokens) {
            throw new IllegalArgumentException("reasoning tokens are part of the output and cannot exceed it: "
                    + describe(inputTokens, cachedInputTokens, outputTokens, reasoningTokens));
        }
    }

    /**
     * Returns the total the server reports: input plus output.
     *
     * @return {@code inputTokens + outputTokens}
     */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    private static String describe(long input, long cached, long output, long reasoning) {
        return "input=" + input + ", cached=" + cached + ", output=" + output + ", reasoning=" + reasoning;
    }
}
