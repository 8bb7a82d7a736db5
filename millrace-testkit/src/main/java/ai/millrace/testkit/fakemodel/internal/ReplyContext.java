package ai.millrace.testkit.fakemodel.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a renderer needs to know about the request it answers.
 *
 * @param api the API the request came on
 * @param model the model name to echo, from the request's {@code model} field
 * @param createdAt the creation time to report, in epoch seconds
 * @param ids the server's id source
 * @param request the parsed request body, possibly a missing node
 */
public record ReplyContext(Api api, String model, long createdAt, IdSource ids, JsonNode request) {
}
