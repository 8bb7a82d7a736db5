package ai.millrace.testkit.fakemodel.internal;

import ai.millrace.testkit.fakemodel.FakeReply;
import ai.millrace.testkit.fakemodel.FakeUsage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Renders a {@link FakeReply} as OpenAI Responses API output: the event stream Codex 0.169
 * accepts ({@code response.created}, {@code response.in_progress}, the output item events,
 * {@code response.output_item.done} and {@code response.completed}), or the finished response
 * object for a non-streaming request. Field order follows the recorded transcripts.
 *
 * <p>One instance per exchange; not thread-safe.
 */
public final class ResponsesRenderer {
    /** Code points per {@code response.output_text.delta}, as in the recorded transcript. */
    static final int DELTA_CODE_POINTS = 17;

    private final FakeReply reply;
    private final ReplyContext context;
    private final String responseId;
    private int sequence;

    /**
     * Prepares to render one reply.
     *
     * @param reply the reply, not an HTTP error
     * @param context the request it answers
     */
    public ResponsesRenderer(FakeReply reply, ReplyContext context) {
        this.reply = reply;
        this.context = context;
        this.responseId = context.ids().next("resp");
    }

    /**
     * Writes the whole event stream.
     *
     * @param sink where the events go
     * @throws IOException when the client goes away
     * @throws StreamCut for {@link FakeReply.Kind#STREAM_FAILURE}, after the first events
     */
    public void stream(SseSink sink) throws IOException {
        sink.event("response.created", envelope("response.created", response("in_progress")));
        sink.event("response.in_progress", envelope("response.in_progress", response("in_progress")));
        switch (reply.kind()) {
            case TEXT:
                streamMessage(sink, reply.text(), false);
                break;
            case STREAM_FAILURE:
                streamMessage(sink, reply.text(), true);
                throw new StreamCut("scripted stream failure");
            case TOOL_CALL:
            case SHELL_COMMAND:
                streamToolCall(sink);
                break;
            case STREAM_ERROR:
                ObjectNode failed = response("failed");
                ObjectNode error = failed.putObject("error");
                error.put("code", "server_error");
                error.put("message", reply.text());
                sink.event("response.failed", envelope("response.failed", failed));
                break;
            default:
                throw new IllegalStateException("not a stream reply: " + reply);
        }
    }

    /**
     * Returns the finished response object, for a request with {@code stream: false}.
     *
     * @return the response with its output and usage
     */
    public ObjectNode completeResponse() {
        ObjectNode item;
        if (reply.kind() == FakeReply.Kind.TOOL_CALL || reply.kind() == FakeReply.Kind.SHELL_COMMAND) {
            ToolCall call = ToolCall.resolve(reply, context.api(), context.request());
            item = functionCall(context.ids().next("fc"), context.ids().next("call"), call, call.arguments(), "completed");
        } else {
            item = message(context.ids().next("msg"), "completed", reply.text());
        }
        return completed(item);
    }

    private void streamMessage(SseSink sink, String text, boolean partial) throws IOException {
        String itemId = context.ids().next("msg");
        ObjectNode added = envelope("response.output_item.added", null);
        added.put("output_index", 0);
        added.set("item", message(itemId, "in_progress", null));
        sink.event("response.output_item.added", added);

        ObjectNode partAdded = textEvent("response.content_part.added", itemId);
        partAdded.set("part", outputText(""));
        sink.event("response.content_part.added", partAdded);

        for (String piece : TextChunks.split(text, DELTA_CODE_POINTS)) {
            ObjectNode delta = textEvent("response.output_text.delta", itemId);
            delta.put("delta", piece);
            sink.event("response.output_text.delta", delta);
            if (partial) {
                return;
            }
        }
        ObjectNode textDone = textEvent("response.output_text.done", itemId);
        textDone.put("text", text);
        sink.event("response.output_text.done", textDone);

        ObjectNode partDone = textEvent("response.content_part.done", itemId);
        partDone.set("part", outputText(text));
        sink.event("response.content_part.done", partDone);

        ObjectNode item = message(itemId, "completed", text);
        sink.event("response.output_item.done", itemDone(item));
        sink.event("response.completed", envelope("response.completed", completed(item)));
    }

    private void streamToolCall(SseSink sink) throws IOException {
        ToolCall call = ToolCall.resolve(reply, context.api(), context.request());
        String callId = context.ids().next("call");
        String itemId = context.ids().next("fc");

        ObjectNode added = envelope("response.output_item.added", null);
        added.put("output_index", 0);
        added.set("item", functionCall(itemId, callId, call, "", "in_progress"));
        sink.event("response.output_item.added", added);

        ObjectNode delta = envelope("response.function_call_arguments.delta", null);
        delta.put("item_id", itemId);
        delta.put("output_index", 0);
        delta.put("delta", call.arguments());
        sink.event("response.function_call_arguments.delta", delta);

        ObjectNode done = envelope("response.function_call_arguments.done", null);
        done.put("item_id", itemId);
        done.put("output_index", 0);
        done.put("arguments", call.arguments());
        sink.event("response.function_call_arguments.done", done);

        ObjectNode item = functionCall(itemId, callId, call, call.arguments(), "completed");
        sink.event("response.output_item.done", itemDone(item));
        sink.event("response.completed", envelope("response.completed", completed(item)));
    }

    private ObjectNode envelope(String type, JsonNode response) {
        ObjectNode event = Json.object();
        event.put("type", type);
        event.put("sequence_number", sequence++);
        if (response != null) {
            event.set("response", response);
        }
        return event;
    }

    private ObjectNode textEvent(String type, String itemId) {
        ObjectNode event = envelope(type, null);
        event.put("item_id", itemId);
        event.put("output_index", 0);
        event.put("content_index", 0);
        return event;
    }

    private ObjectNode itemDone(ObjectNode item) {
        ObjectNode event = envelope("response.output_item.done", null);
        event.put("output_index", 0);
        event.set("item", item);
        return event;
    }

    private ObjectNode response(String status) {
        ObjectNode response = Json.object();
        response.put("id", responseId);
        response.put("object", "response");
        response.put("created_at", context.createdAt());
        response.put("model", context.model());
        response.put("status", status);
        response.putArray("output");
        return response;
    }

    private ObjectNode completed(ObjectNode item) {
        ObjectNode response = response("completed");
        response.withArray("output").add(item);
        response.set("usage", usage(reply.usage()));
        return response;
    }

    private static ObjectNode message(String id, String status, String text) {
        ObjectNode item = Json.object();
        item.put("type", "message");
        item.put("id", id);
        item.put("status", status);
        item.put("role", "assistant");
        var content = item.putArray("content");
        if (text != null) {
            content.add(outputText(text));
        }
        return item;
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = Json.object();
        part.put("type", "output_text");
        part.put("text", text);
        part.putArray("annotations");
        return part;
    }

    private static ObjectNode functionCall(String id, String callId, ToolCall call, String arguments, String status) {
        ObjectNode item = Json.object();
        item.put("type", "function_call");
        item.put("id", id);
        item.put("call_id", callId);
        item.put("name", call.name());
        item.put("arguments", arguments);
        item.put("status", status);
        return item;
    }

    private static ObjectNode usage(FakeUsage usage) {
        ObjectNode node = Json.object();
        node.put("input_tokens", usage.inputTokens());
        node.putObject("input_tokens_details").put("cached_tokens", usage.cachedInputTokens());
        node.put("output_tokens", usage.outputTokens());
        node.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
        node.put("total_tokens", usage.totalTokens());
        return node;
    }
}
