package ai.millrace.testkit.fakemodel.internal;

import ai.millrace.testkit.fakemodel.FakeReply;
import ai.millrace.testkit.fakemodel.FakeUsage;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Renders a {@link FakeReply} as OpenAI Chat Completions output: {@code chat.completion.chunk}
 * events (a role chunk, content or tool-call deltas, a finish chunk, a usage chunk and
 * {@code data: [DONE]}), which Pi 0.73 accepts, or one {@code chat.completion} object for a
 * non-streaming request. Field order follows the recorded transcripts.
 *
 * <p>One instance per exchange; not thread-safe.
 */
public final class ChatRenderer {
    /** Code points per content delta, as in the recorded transcript. */
    static final int DELTA_CODE_POINTS = 8;

    private final FakeReply reply;
    private final ReplyContext context;
    private final String completionId;

    /**
     * Prepares to render one reply.
     *
     * @param reply the reply, not an HTTP error
     * @param context the request it answers
     */
    public ChatRenderer(FakeReply reply, ReplyContext context) {
        this.reply = reply;
        this.context = context;
        this.completionId = context.ids().next("chatcmpl");
    }

    /**
     * Writes the whole chunk stream.
     *
     * @param sink where the chunks go
     * @throws IOException when the client goes away
     * @throws StreamCut for {@link FakeReply.Kind#STREAM_FAILURE}, after the first chunks
     */
    public void stream(SseSink sink) throws IOException {
        switch (reply.kind()) {
            case TEXT:
            case STREAM_FAILURE:
                ObjectNode first = Json.object();
                first.put("role", "assistant");
                first.put("content", "");
                sink.data(Json.write(chunk(first, null)));
                for (String piece : TextChunks.split(reply.text(), DELTA_CODE_POINTS)) {
                    sink.data(Json.write(chunk(Json.object().put("content", piece), null)));
                    if (reply.kind() == FakeReply.Kind.STREAM_FAILURE) {
                        throw new StreamCut("scripted stream failure");
                    }
                }
                finish(sink, "stop");
                break;
            case TOOL_CALL:
            case SHELL_COMMAND:
                ObjectNode delta = Json.object();
                delta.put("role", "assistant");
                delta.putNull("content");
                delta.putArray("tool_calls").add(toolCall(ToolCall.resolve(reply, context.api(), context.request()), true));
                sink.data(Json.write(chunk(delta, null)));
                finish(sink, "tool_calls");
                break;
            case STREAM_ERROR:
                ObjectNode role = Json.object();
                role.put("role", "assistant");
                role.put("content", "");
                sink.data(Json.write(chunk(role, null)));
                ObjectNode error = Json.object();
                ObjectNode body = error.putObject("error");
                body.put("message", reply.text());
                body.put("type", "server_error");
                sink.data(Json.write(error));
                break;
            default:
                throw new IllegalStateException("not a stream reply: " + reply);
        }
    }

    /**
     * Returns the finished completion object, for a request without {@code stream: true}.
     *
     * @return the completion with its message and usage
     */
    public ObjectNode completion() {
        ObjectNode message = Json.object();
        message.put("role", "assistant");
        String finishReason;
        if (reply.kind() == FakeReply.Kind.TOOL_CALL || reply.kind() == FakeReply.Kind.SHELL_COMMAND) {
            message.putNull("content");
            message.putArray("tool_calls").add(toolCall(ToolCall.resolve(reply, context.api(), context.request()), false));
            finishReason = "tool_calls";
        } else {
            message.put("content", reply.text());
            finishReason = "stop";
        }
        ObjectNode completion = Json.object();
        completion.put("id", completionId);
        completion.put("object", "chat.completion");
        completion.put("created", context.createdAt());
        completion.put("model", context.model());
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finishReason);
        completion.set("usage", usage(reply.usage()));
        return completion;
    }

    private void finish(SseSink sink, String reason) throws IOException {
        sink.data(Json.write(chunk(Json.object(), reason)));
        ObjectNode usageChunk = header();
        usageChunk.putArray("choices");
        usageChunk.set("usage", usage(reply.usage()));
        sink.data(Json.write(usageChunk));
        sink.data("[DONE]");
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = header();
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason);
        return chunk;
    }

    private ObjectNode header() {
        ObjectNode chunk = Json.object();
        chunk.put("id", completionId);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", context.createdAt());
        chunk.put("model", context.model());
        return chunk;
    }

    private ObjectNode toolCall(ToolCall call, boolean streamed) {
        ObjectNode node = Json.object();
        if (streamed) {
            node.put("index", 0);
        }
        node.put("id", context.ids().next("call"));
        node.put("type", "function");
        ObjectNode function = node.putObject("function");
        function.put("name", call.name());
        function.put("arguments", call.arguments());
        return node;
    }

    private static ObjectNode usage(FakeUsage usage) {
        ObjectNode node = Json.object();
        node.put("prompt_tokens", usage.inputTokens());
        node.put("completion_tokens", usage.outputTokens());
        node.put("total_tokens", usage.totalTokens());
        node.putObject("prompt_tokens_details").put("cached_tokens", usage.cachedInputTokens());
        if (usage.reasoningTokens() > 0) {
            node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        }
        return node;
    }
}
